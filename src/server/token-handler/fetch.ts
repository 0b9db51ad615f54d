// The fetch front door: `(request) => Promise<Response>` for Next.js route handlers, Hono, Deno, Bun and Workers.
import { parseJsonBody, readFetchBody } from '../http/body.js';
import { createTokenCore, type TokenRequest } from './core.js';
import { resolveSettings, type TokenHandlerOptions } from './options.js';

export type UploadTokenFetchHandlerOptions = TokenHandlerOptions<Request>;

/** What a fetch server may know about the request besides the Request itself. */
export interface FetchRequestInfo {
  /** The peer's IP address, for the rate limit (Hono on Node: `getConnInfo(c).remote.address`). */
  clientAddress?: string;
}

/**
 * `info` is optional, and may be what a framework passes as its second argument: Next.js hands route handlers
 * `{ params }`, which has no clientAddress and is ignored.
 */
export type UploadTokenFetchHandler = (request: Request, info?: FetchRequestInfo | object) => Promise<Response>;

const WHO = 'createUploadTokenFetchHandler';

function toRequest(request: Request, info: FetchRequestInfo | object | undefined): TokenRequest<Request> {
  const address = info && 'clientAddress' in info && typeof info.clientAddress === 'string' ? info.clientAddress : undefined;
  return {
    method: request.method,
    header: (name) => request.headers.get(name) ?? undefined,
    address,
    readJson: async (limits) => parseJsonBody(await readFetchBody(request, limits), request.headers.get('content-type')),
    original: request,
  };
}

/**
 * A fetch handler that hands the browser api.video delegated upload tokens, so the API key stays on the server:
 * the same options and answers as createUploadTokenHandler. Route POST and OPTIONS (the CORS preflight) to it, and
 * PATCH (the page's edits of its video) with the `metadata` option.
 *
 * Without a client address (no `clientAddress`, no `trustProxy`) every client shares one rate-limit budget: a line in
 * the log says so the first time.
 */
export function createUploadTokenFetchHandler(options: UploadTokenFetchHandlerOptions = {}): UploadTokenFetchHandler {
  const settings = resolveSettings(options, WHO);
  const core = createTokenCore(settings);
  return async function uploadTokenFetchHandler(request, info) {
    const answer = await core(toRequest(request, info));
    return new Response(answer.body, { status: answer.status, headers: answer.headers });
  };
}
