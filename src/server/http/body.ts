// Reading a small request body, from a Node stream or a fetch Request, within a size and a time limit. What the two
// front doors of the token handler (and the dev routes) share: a body too large is cut at once, a body that trickles
// in is cut when its time is up, so no request can hold the server's attention for long. Node's types only: the fetch
// door loads with web globals alone.
import type { IncomingMessage } from 'node:http';

export class BodyError extends Error {
  constructor(
    readonly status: 400 | 408 | 413 | 415,
    readonly title: string,
    readonly detail?: string,
  ) {
    super(title);
  }
}

export interface BodyLimits {
  /** Largest body accepted, in bytes. */
  maxBytes: number;
  /** How long the whole body may take to arrive. */
  timeoutMs: number;
}

const tooLarge = (maxBytes: number) =>
  new BodyError(413, 'The request body is too large.', `This endpoint takes a small JSON object; this body is over ${maxBytes} bytes.`);

const tooSlow = (timeoutMs: number) =>
  new BodyError(408, 'The request body took too long to arrive.', `The whole body must arrive within ${timeoutMs / 1000} s.`);

function declaredTooLarge(contentLength: string | null | undefined, maxBytes: number): boolean {
  const declared = Number(contentLength);
  return contentLength != null && Number.isFinite(declared) && declared > maxBytes;
}

/** The body of a Node request as text ('' when there is none). */
export function readNodeBody(req: IncomingMessage, limits: BodyLimits): Promise<string> {
  if (declaredTooLarge(req.headers['content-length'], limits.maxBytes)) return Promise.reject(tooLarge(limits.maxBytes));
  if (req.readableEnded) return Promise.resolve('');
  return new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (error?: BodyError) => {
      clearTimeout(timer);
      req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
      if (!error) return resolve(Buffer.concat(chunks).toString('utf8'));
      // Keep the socket flowing so the answer still reaches the client; the rest of the bytes are thrown away.
      req.resume();
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limits.maxBytes) return stop(tooLarge(limits.maxBytes));
      chunks.push(chunk);
    };
    const onEnd = () => stop();
    const onError = (error: Error) => stop(new BodyError(400, 'The request body could not be read.', error.message));
    // A client that hangs up mid-body never sends 'end'; without this the request would wait for ever.
    const onClose = () => stop(new BodyError(400, 'The request body was cut off.'));
    const timer = setTimeout(() => stop(tooSlow(limits.timeoutMs)), limits.timeoutMs);
    req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}

/** The body of a fetch Request as text ('' when there is none). Cancelling the stream lets the server drop the rest. */
export async function readFetchBody(request: Request, limits: BodyLimits): Promise<string> {
  if (declaredTooLarge(request.headers.get('content-length'), limits.maxBytes)) throw tooLarge(limits.maxBytes);
  if (!request.body) return '';
  const reader = request.body.getReader();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    reader.cancel().catch(() => {});
  }, limits.timeoutMs);
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (timedOut) throw tooSlow(limits.timeoutMs);
      if (done) break;
      size += value.byteLength;
      if (size > limits.maxBytes) {
        reader.cancel().catch(() => {});
        throw tooLarge(limits.maxBytes);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof BodyError) throw error;
    if (timedOut) throw tooSlow(limits.timeoutMs);
    throw new BodyError(400, 'The request body could not be read.', error instanceof Error ? error.message : String(error));
  } finally {
    clearTimeout(timer);
  }
  // TextDecoder, not Buffer: the fetch door runs where there is no Buffer (edge runtimes).
  const decoder = new TextDecoder();
  return chunks.map((chunk) => decoder.decode(chunk, { stream: true })).join('') + decoder.decode();
}

const JSON_HINT = 'Send a JSON object, or no body at all.';

/** A JSON body's value; undefined for an empty body. Only JSON (or text/plain, which a simple CORS request sends). */
export function parseJsonBody(text: string, contentType: string | null | undefined): unknown {
  if (text.trim() === '') return undefined;
  const type = String(contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type && type !== 'application/json' && !type.endsWith('+json') && type !== 'text/plain') {
    throw new BodyError(415, 'The request body must be JSON.', `Send Content-Type: application/json (got "${type}").`);
  }
  return parseJsonText(text);
}

/** Parses text a framework already read; a broken JSON is a 400 that says so. */
export function parseJsonText(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new BodyError(400, 'The request body is not valid JSON.', JSON_HINT);
  }
}
