import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyError, parseJsonText, readNodeBody } from '../http/body.js';
import { sendJson } from '../http/json.js';
import { ValueError, oneOf, wholeNumber } from '../http/values.js';
import { HttpError, problems, type Problem } from './problems.js';

export { sendJson };

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

export function sendProblem(res: ServerResponse, body: Problem, headers: Record<string, string> = {}): void {
  sendJson(res, body.status, body, headers);
}

export function sendNoContent(res: ServerResponse): void {
  sendJson(res, 204, undefined);
}

const JSON_LIMITS = { maxBytes: 1024 * 1024, timeoutMs: 30_000 };

/** Reads a small JSON body. An empty body is `{}`; anything but a JSON object is a 400, in api.video's words. */
export async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  let value: unknown;
  try {
    value = parseJsonText(await readNodeBody(req, JSON_LIMITS));
  } catch (error) {
    if (!(error instanceof BodyError)) throw error;
    // api.video answers every unreadable payload alike; the detail says which way it failed.
    throw new HttpError(problems.invalidPayload(error.status === 413 ? `The JSON body must be at most ${JSON_LIMITS.maxBytes} bytes.` : error.title));
  }
  if (value === undefined) return {};
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

/** An integer query value; text or decimals are api.video's invalid parameter, a number out of range its range error. */
export function intParam(params: URLSearchParams, name: string, def: number, min: number, max: number): number {
  try {
    return wholeNumber(params.get(name), name, min, max) ?? def;
  } catch (error) {
    if (!(error instanceof ValueError)) throw error;
    if (error.kind === 'out-of-range') throw new HttpError(problems.queryOutOfRange(name, min, max));
    throw new HttpError(problems.queryInvalid(name, `${name} must be an integer.`));
  }
}

export function enumParam<T extends string>(params: URLSearchParams, name: string, allowed: readonly T[]): T | undefined {
  try {
    return oneOf(params.get(name), name, allowed);
  } catch (error) {
    if (!(error instanceof ValueError)) throw error;
    throw new HttpError(problems.queryInvalid(name, `${name} must be one of: ${allowed.join(', ')}.`));
  }
}
