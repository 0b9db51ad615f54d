import type { IncomingMessage } from 'node:http';
import { MAX_TTL } from './api-video.js';

export const DEFAULT_MAX_BODY_BYTES = 4 * 1024;

export class BodyError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
  ) {
    super(title);
  }
}

function tooLarge(maxBytes: number): BodyError {
  return new BodyError(413, 'The request body is too large.', `A token request body is a small JSON object; this one is over ${maxBytes} bytes.`);
}

/**
 * Reads at most maxBytes of the request. A framework may have read the body already (Express's json parser puts it
 * on req.body; Fastify leaves the stream ended); both are honoured so the handler never waits for bytes that are gone.
 */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const preParsed = (req as IncomingMessage & { body?: unknown }).body;
  if (preParsed !== undefined) {
    if (Buffer.isBuffer(preParsed)) return parseJson(preParsed.toString('utf8'));
    if (typeof preParsed === 'string') return parseJson(preParsed);
    return preParsed;
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw tooLarge(maxBytes);
  }
  if (req.readableEnded) return undefined;
  const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const text = await new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        cleanup();
        // Keep the socket flowing so the answer still reaches the client; the bytes are thrown away.
        req.resume();
        reject(tooLarge(maxBytes));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(new BodyError(400, 'The request body could not be read.', error.message));
    };
    // A client that hangs up mid-body may never send 'end'; without this the request would wait forever.
    const onClose = () => {
      cleanup();
      reject(new BodyError(400, 'The request body was cut off.'));
    };
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
  if (text.trim() === '') return undefined;
  if (type && type !== 'application/json' && !type.endsWith('+json') && type !== 'text/plain') {
    throw new BodyError(415, 'The request body must be JSON.', `Send Content-Type: application/json (got "${type}").`);
  }
  return parseJson(text);
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new BodyError(400, 'The request body is not valid JSON.', 'Send a JSON object such as {"ttl": 600}, or no body at all.');
  }
}

/** A client may ask for a shorter life than the server's ttl, never a longer one; 0 ("never expires") is the longest. */
export function grantedTtl(body: unknown, serverTtl: number): number {
  if (body === undefined || body === null) return serverTtl;
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw new BodyError(400, 'The request body must be a JSON object.', 'Send a JSON object such as {"ttl": 600}, or no body at all.');
  }
  const asked = (body as { ttl?: unknown }).ttl;
  if (asked === undefined || asked === null) return serverTtl;
  if (typeof asked !== 'number' || !Number.isInteger(asked) || asked < 0) {
    throw new BodyError(400, 'ttl must be a whole number of seconds, 0 or more.', `Got ${JSON.stringify(asked)}.`);
  }
  // Past api.video's limit the request would only come back refused, as a 502 that blames api.video for the client.
  if (asked > MAX_TTL) {
    throw new BodyError(400, `ttl must be at most ${MAX_TTL} seconds.`, `Got ${JSON.stringify(asked)}; use 0 for a token that never expires.`);
  }
  if (serverTtl === 0) return asked;
  if (asked === 0) return serverTtl;
  return Math.min(asked, serverTtl);
}
