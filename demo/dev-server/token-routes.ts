// The dev page's token manager: create, list, show and delete delegated upload tokens through routes on the dev
// server, which holds the API key. Development only: anyone who can reach these routes can manage the account's
// tokens, so they are never part of the package's server entry.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_TTL, describeUpstreamError, isTtl, redactor, tokenListJson, uploadTokenJson } from '../../src/server/api-video/index.js';
import { apiVideo, type UploadTokensApi } from '../../src/server/api-video/client.js';
import { BodyError, parseJsonBody, readNodeBody } from '../../src/server/http/body.js';
import { sendJson } from '../../src/server/http/json.js';
import { ValueError, oneOf, wholeNumber } from '../../src/server/http/values.js';

export interface DevTokenRoutesOptions {
  /** The API key the routes act with; it stays on the server. */
  apiKey: string;
  /** api.video's base URI (the emulator, sandbox or production); a function when it is known only once serving. */
  baseUri: string | (() => string);
}

export type DevTokenRoutes = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => void;

class RouteError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
  ) {
    super(title);
  }
}

const TOKEN_PATTERN = /^to[A-Za-z0-9]{1,64}$/;

/** This machine's own addresses: `npm start -- --host` opens the dev server to the network, not these routes. */
function fromThisMachine(req: IncomingMessage): boolean {
  const address = req.socket.remoteAddress ?? '';
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

/**
 * Only the dev page itself: a page on another origin must not drive these routes, and Vite's default CORS lets any
 * page on any localhost port read and send to the dev server. A browser says where a request comes from with
 * `Sec-Fetch-Site` (another port of localhost is "same-site", not "same-origin") and `Origin`; a request with
 * neither (curl on this machine) is no page's.
 */
function crossOriginRefusal(req: IncomingMessage): string | undefined {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return `a page elsewhere (Sec-Fetch-Site: ${site})`;
  const origin = req.headers.origin;
  if (origin === undefined) return undefined;
  let host: string | undefined;
  try {
    host = new URL(origin).host;
  } catch {
    host = undefined;
  }
  return host !== undefined && host === req.headers.host ? undefined : `a page on ${origin}`;
}

const send = (res: ServerResponse, status: number, body: unknown) => sendJson(res, status, body, { 'Cache-Control': 'no-store' });

/** The list's query, through the shared checks; what they refuse is a 400 that names the parameter. */
function listQuery(params: URLSearchParams) {
  try {
    return {
      sortBy: oneOf(params.get('sortBy'), 'sortBy', ['createdAt', 'ttl'] as const),
      sortOrder: oneOf(params.get('sortOrder'), 'sortOrder', ['asc', 'desc'] as const),
      currentPage: wholeNumber(params.get('currentPage'), 'currentPage', 1, 1_000_000),
      pageSize: wholeNumber(params.get('pageSize'), 'pageSize', 1, 100),
    };
  } catch (error) {
    if (error instanceof ValueError) throw new RouteError(400, error.rule, `Got "${error.raw}".`);
    throw error;
  }
}

function tokenFrom(path: string): string {
  let token: string;
  try {
    token = decodeURIComponent(path.slice(1));
  } catch {
    token = ''; // a broken %-escape (`%E0%A4%A`) is no token either, not a failure to reach api.video
  }
  if (!TOKEN_PATTERN.test(token)) {
    throw new RouteError(400, 'That is not an upload token.', 'Upload tokens start with "to" followed by letters and digits.');
  }
  return token;
}

/**
 * Connect-style handler to mount at a prefix (`/__dev/tokens`):
 * `POST /` `{ttl?}` creates, `GET /?sortBy&sortOrder&currentPage&pageSize` lists, `GET /{token}` shows,
 * `DELETE /{token}` deletes (204). Answers carry api.video's JSON; failures are `{status, title, detail}`.
 */
export function createDevTokenRoutes(options: DevTokenRoutesOptions): DevTokenRoutes {
  if (!options.apiKey) throw new Error('createDevTokenRoutes: an API key is required.');
  const scrub = redactor(options.apiKey);
  let client: { uri: string; api: UploadTokensApi } | undefined;
  const tokens = () => {
    const uri = typeof options.baseUri === 'function' ? options.baseUri() : options.baseUri;
    if (client?.uri !== uri) client = { uri, api: apiVideo(options.apiKey, uri).uploadTokens };
    return client.api;
  };

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!fromThisMachine(req)) {
      throw new RouteError(403, 'The token manager answers this machine only.', 'It acts with the API key of the dev server.');
    }
    const elsewhere = crossOriginRefusal(req);
    if (elsewhere) {
      throw new RouteError(403, 'The token manager answers the dev page only.', `This request came from ${elsewhere}; the routes act with the API key of the dev server.`);
    }
    const url = new URL(req.url ?? '/', 'http://dev.invalid');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const method = req.method ?? 'GET';
    if (path === '/') {
      if (method === 'GET') {
        const list = await tokens().list(listQuery(url.searchParams));
        return send(res, 200, tokenListJson(list));
      }
      if (method === 'POST') {
        const body = parseJsonBody(await readNodeBody(req, { maxBytes: 4096, timeoutMs: 10_000 }), req.headers['content-type']);
        const ttl = body && typeof body === 'object' ? (body as { ttl?: unknown }).ttl : undefined;
        if (ttl !== undefined && !isTtl(ttl)) {
          throw new RouteError(400, `ttl must be a whole number of seconds from 0 to ${MAX_TTL}.`, `Got ${JSON.stringify(ttl)}.`);
        }
        return send(res, 200, uploadTokenJson(await tokens().createToken(ttl === undefined ? {} : { ttl })));
      }
      res.setHeader('Allow', 'GET, POST');
      throw new RouteError(405, `${method} is not allowed here.`, 'GET lists tokens, POST creates one.');
    }
    const token = tokenFrom(path);
    if (method === 'GET') return send(res, 200, uploadTokenJson(await tokens().getToken(token)));
    if (method === 'DELETE') {
      await tokens().deleteToken(token);
      return send(res, 204, undefined);
    }
    res.setHeader('Allow', 'GET, DELETE');
    throw new RouteError(405, `${method} is not allowed here.`, 'GET shows a token, DELETE deletes it.');
  }

  function fail(res: ServerResponse, error: unknown): void {
    if (error instanceof RouteError || error instanceof BodyError) {
      return send(res, error.status, { status: error.status, title: error.title, detail: error.detail });
    }
    const failure = describeUpstreamError(error);
    if (failure.kind === 'refused') {
      const status = failure.status === 404 ? 404 : 502;
      const title = failure.status === 404 ? 'There is no such token (it may have expired or been deleted).' : scrub(failure.title);
      return send(res, status, { status, title, detail: failure.detail && scrub(failure.detail), upstreamStatus: failure.status });
    }
    if (failure.kind === 'unexpected' || failure.kind === 'malformed') {
      return send(res, 500, { status: 500, title: 'Unexpected error talking to api.video.', detail: scrub(failure.reason) });
    }
    send(res, 503, { status: 503, title: 'api.video could not be reached.', detail: scrub(failure.reason) });
  }

  return (req, res) => {
    route(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      fail(res, error);
    });
  };
}
