import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, problems, type Problem } from './problems.js';

export const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';
export const ALLOWED_HEADERS =
  'Content-Range, AV-Origin-Client, AV-Origin-App, AV-Origin-Sdk, Authorization, Content-Type, Accept, Range, X-Requested-With';
export const EXPOSED_HEADERS =
  'X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Retry-After, Retry-After, Content-Range, Content-Length, Accept-Ranges, Location';

/**
 * CORS goes on every response, errors included: the browser uploader uses XHR, which reports a response
 * without these headers as a network error and then retries for minutes instead of seeing the 401.
 */
export function applyCors(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Methods', ALLOWED_METHODS);
  const asked = req.headers['access-control-request-headers'];
  res.setHeader('Access-Control-Allow-Headers', typeof asked === 'string' && asked ? `${ALLOWED_HEADERS}, ${asked}` : ALLOWED_HEADERS);
  res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
  res.setHeader('Access-Control-Max-Age', '600');
}

/** JSON with `Content-Type: application/json` exactly: the official Node client refuses a charset suffix. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendProblem(res: ServerResponse, body: Problem, headers: Record<string, string> = {}): void {
  sendJson(res, body.status, body, headers);
}

export function sendNoContent(res: ServerResponse): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(204);
  res.end();
}

const JSON_LIMIT = 1024 * 1024;

/** Reads a small JSON body. An empty body is `{}`; anything but a JSON object is a 400. */
export async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > JSON_LIMIT) tooLarge = true; // keep draining so the client gets its answer
    else chunks.push(chunk);
  }
  if (tooLarge) throw new HttpError(problems.invalidPayload(`The JSON body must be at most ${JSON_LIMIT} bytes.`));
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (!text) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpError(problems.invalidPayload('The request body is not valid JSON.'));
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new HttpError(problems.invalidPayload('The request body must be a JSON object.'));
  }
  return value as Record<string, unknown>;
}

/** Consumes and discards whatever is left of a request body, so the answer reaches the client cleanly. */
export function drain(req: IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    if (req.readableEnded || req.destroyed) return resolve();
    req.on('end', resolve);
    req.on('error', () => resolve());
    req.on('close', resolve);
    req.resume();
  });
}

/** Parses a non-negative integer query value; anything else (text, decimals, huge) is a 400 naming it. */
export function intParam(params: URLSearchParams, name: string, def: number, min: number, max: number): number {
  const raw = params.get(name);
  if (raw === null || raw === '') return def;
  if (!/^-?\d+$/.test(raw)) throw new HttpError(problems.queryInvalid(name, `${name} must be an integer.`));
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new HttpError(problems.queryOutOfRange(name, min, max));
  return n;
}

export function enumParam<T extends string>(params: URLSearchParams, name: string, allowed: readonly T[]): T | undefined {
  const raw = params.get(name);
  if (raw === null || raw === '') return undefined;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new HttpError(problems.queryInvalid(name, `${name} must be one of: ${allowed.join(', ')}.`));
  }
  return raw as T;
}
