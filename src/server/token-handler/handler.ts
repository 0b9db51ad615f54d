import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  MAX_TTL,
  createApiVideoClient,
  describeUpstreamError,
  isTtl,
  redactor,
  resolveBaseUri,
  uploadTokenJson,
  type ApiVideoEnvironment,
} from './api-video.js';
import { BodyError, DEFAULT_MAX_BODY_BYTES, grantedTtl, readJsonBody } from './body.js';
import { corsHeaders, judgeOrigin, validateAllowedOrigins, type AllowedOrigins, type OriginVerdict } from './cors.js';
import { createRateLimiter, type RateLimitOptions } from './rate-limit.js';

export interface UploadTokenHandlerOptions {
  /** api.video API key. Default: the APIVIDEO_API_KEY environment variable. Never sent to the browser. */
  apiKey?: string;
  /** Which api.video to talk to (default "production"). Ignored when baseUri is given. */
  environment?: ApiVideoEnvironment;
  /** Any api.video-compatible base URI, e.g. the local emulator "http://127.0.0.1:8787". */
  baseUri?: string;
  /** Life of each token in seconds (default 3600). 0 means tokens never expire, and must be asked for explicitly. */
  ttl?: number;
  /** Pages on other origins allowed to ask (CORS). Default: only the site serving the handler. */
  allowedOrigins?: AllowedOrigins | string;
  /** Your own login check; resolve false to answer 401. */
  authorize?: (req: IncomingMessage) => boolean | Promise<boolean>;
  /** Requests per minute per client (default 30), an object for finer control, or false to turn it off. */
  rateLimit?: number | false | RateLimitOptions;
  /**
   * Trust X-Forwarded-For / X-Forwarded-Host from one reverse proxy in front of the server. The client is the last
   * X-Forwarded-For entry, the one your proxy added. Default false.
   */
  trustProxy?: boolean;
  /** Only answer this path (e.g. "/api/upload-token"); other paths go to next() or get 404. Default: every path. */
  path?: string;
  /** Largest accepted request body in bytes (default 4096). */
  maxBodyBytes?: number;
  /** How long to wait for api.video before answering 504 (default 10000 ms). */
  upstreamTimeoutMs?: number;
  /** Where failures are reported (default console). The API key never appears in what is written. */
  logger?: Pick<Console, 'error'> | false;
}

export type UploadTokenHandler = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => void;

interface Problem {
  status: number;
  title: string;
  detail?: string;
  [extra: string]: unknown;
}

const API_KEY_HELP =
  'Pass { apiKey } to createUploadTokenHandler() or set the APIVIDEO_API_KEY environment variable ' +
  '(your keys are on https://dashboard.api.video/ under "API keys"; for local work start the emulator and pass its baseUri).';

function checkTtl(ttl: unknown): number {
  if (ttl === undefined) return 3600;
  if (!isTtl(ttl)) {
    throw new Error(
      `createUploadTokenHandler: ttl must be a whole number of seconds between 0 (never expires) and ${MAX_TTL} (got ${String(ttl)}).`,
    );
  }
  return ttl;
}

function positive(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new Error(`createUploadTokenHandler: ${name} must be a positive number (got ${String(value)}).`);
  }
  return value;
}

class UpstreamTimeout extends Error {}

/**
 * A Node request handler that mints api.video delegated upload tokens for the browser, so the API key stays on the
 * server. Mount it in node:http, Connect/Express (`app.use(path, handler)`), Vite's `server.middlewares`, or Fastify
 * (hand it `request.raw` / `reply.raw`).
 */
export function createUploadTokenHandler(options: UploadTokenHandlerOptions = {}): UploadTokenHandler {
  const apiKey = (options.apiKey ?? process.env.APIVIDEO_API_KEY ?? '').trim();
  if (!apiKey) throw new Error(`createUploadTokenHandler: no api.video API key. ${API_KEY_HELP}`);
  const baseUri = resolveBaseUri(options, 'createUploadTokenHandler');
  const serverTtl = checkTtl(options.ttl);
  const allowedOrigins = validateAllowedOrigins(options.allowedOrigins);
  if (options.authorize !== undefined && typeof options.authorize !== 'function') {
    throw new Error('createUploadTokenHandler: authorize must be a function (req) => boolean | Promise<boolean>.');
  }
  const trustProxy = options.trustProxy === true;
  const rate = createRateLimiter(options.rateLimit, trustProxy);
  const maxBodyBytes = positive('maxBodyBytes', options.maxBodyBytes, DEFAULT_MAX_BODY_BYTES);
  const upstreamTimeoutMs = positive('upstreamTimeoutMs', options.upstreamTimeoutMs, 10_000);
  if (options.path !== undefined && !options.path.startsWith('/')) {
    throw new Error(`createUploadTokenHandler: path must start with "/" (got "${options.path}").`);
  }
  const redact = redactor(apiKey);
  const logger = options.logger === false ? undefined : (options.logger ?? console);
  const log = (message: string) => logger?.error(redact(`[upload-token] ${message}`));
  const uploadTokens = createApiVideoClient(apiKey, baseUri).uploadTokens;

  function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    if (res.headersSent) {
      res.end();
      return;
    }
    const text = redact(JSON.stringify(body));
    res.writeHead(status, {
      ...headers,
      'Content-Type': 'application/json',
      'Content-Length': String(Buffer.byteLength(text)),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(text);
  }

  function fail(res: ServerResponse, problem: Problem, headers: Record<string, string> = {}): void {
    send(res, problem.status, problem, headers);
  }

  async function createToken(ttl: number) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new UpstreamTimeout()), upstreamTimeoutMs);
    });
    try {
      return await Promise.race([uploadTokens.createToken({ ttl }), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse, verdict: OriginVerdict): Promise<void> {
    const cors = corsHeaders(verdict);
    if (verdict.kind === 'refused') {
      fail(res, {
        status: 403,
        title: 'This origin may not ask for upload tokens.',
        detail: `Requests from ${verdict.origin} are refused; add it to allowedOrigins on the server to allow them.`,
      });
      return;
    }

    if (req.method === 'OPTIONS') {
      const requested = req.headers['access-control-request-headers'];
      res.writeHead(204, {
        ...cors,
        Allow: 'POST, OPTIONS',
        ...(verdict.kind === 'allowed'
          ? {
              'Access-Control-Allow-Methods': 'POST, OPTIONS',
              'Access-Control-Allow-Headers': typeof requested === 'string' && requested ? requested : 'Content-Type, Authorization',
              'Access-Control-Max-Age': '600',
            }
          : {}),
      });
      res.end();
      return;
    }

    if (req.method !== 'POST') {
      fail(
        res,
        { status: 405, title: `Method ${req.method ?? '(none)'} is not allowed here.`, detail: 'Ask for an upload token with POST.' },
        { ...cors, Allow: 'POST, OPTIONS' },
      );
      return;
    }

    if (rate) {
      const decision = rate.limiter.take(rate.key(req));
      if (!decision.allowed) {
        fail(
          res,
          {
            status: 429,
            title: 'Too many upload token requests.',
            detail: `At most ${decision.limit} requests per ${Math.round(rate.limiter.windowMs / 1000)} seconds; try again in ${decision.retryAfterSeconds} s.`,
          },
          { ...cors, 'Retry-After': String(decision.retryAfterSeconds), 'X-RateLimit-Limit': String(decision.limit), 'X-RateLimit-Remaining': '0' },
        );
        return;
      }
      cors['X-RateLimit-Limit'] = String(decision.limit);
      cors['X-RateLimit-Remaining'] = String(decision.remaining);
    }

    if (options.authorize) {
      let allowed: boolean;
      try {
        allowed = (await options.authorize(req)) === true;
      } catch (error) {
        log(`authorize() threw: ${error instanceof Error ? error.message : String(error)}`);
        fail(res, { status: 500, title: 'The login check failed.', detail: 'The server could not check who is asking; try again later.' }, cors);
        return;
      }
      if (!allowed) {
        fail(res, { status: 401, title: 'You must be signed in to upload videos.', detail: 'The server did not authorize this request for an upload token.' }, cors);
        return;
      }
    }

    let ttl: number;
    try {
      ttl = grantedTtl(await readJsonBody(req, maxBodyBytes), serverTtl);
    } catch (error) {
      if (error instanceof BodyError) {
        const close: Record<string, string> = error.status === 413 ? { Connection: 'close' } : {};
        fail(res, { status: error.status, title: error.title, ...(error.detail ? { detail: error.detail } : {}) }, { ...cors, ...close });
        return;
      }
      throw error;
    }

    try {
      const token = await createToken(ttl);
      send(res, 200, uploadTokenJson(token), cors);
    } catch (error) {
      if (error instanceof UpstreamTimeout) {
        log(`api.video at ${baseUri} did not answer within ${upstreamTimeoutMs} ms`);
        fail(res, { status: 504, title: 'api.video did not answer in time.', detail: 'Try again in a moment.' }, cors);
        return;
      }
      const failure = describeUpstreamError(error);
      if (failure.kind === 'unreachable') {
        log(`api.video at ${baseUri} cannot be reached: ${failure.reason}`);
        fail(res, { status: 503, title: 'api.video cannot be reached.', detail: 'The server could not connect to api.video to create an upload token; try again in a moment.' }, { ...cors, 'Retry-After': '5' });
        return;
      }
      if (failure.kind === 'unexpected') {
        log(`creating an upload token at ${baseUri} failed unexpectedly: ${failure.reason}`);
        fail(res, { status: 500, title: 'The upload token could not be created.', detail: 'An unexpected error happened on the server; try again in a moment.' }, cors);
        return;
      }
      log(`api.video refused to create an upload token: HTTP ${failure.status} ${failure.title}${failure.detail ? ` (${failure.detail})` : ''}`);
      if (failure.status === 429) {
        fail(res, { status: 503, title: failure.title, detail: 'api.video is rate limiting this server; try again in a minute.', upstreamStatus: 429 }, { ...cors, 'Retry-After': '60' });
        return;
      }
      fail(
        res,
        {
          status: 502,
          title: failure.title,
          detail: `api.video refused to create an upload token (HTTP ${failure.status})${failure.status === 401 || failure.status === 403 ? '; check the API key the server is configured with' : ''}.`,
          upstreamStatus: failure.status,
        },
        cors,
      );
    }
  }

  return function uploadTokenHandler(req, res, next) {
    if (options.path !== undefined) {
      const pathname = (req.url ?? '/').split('?')[0];
      if (pathname !== options.path) {
        if (next) next();
        else fail(res, { status: 404, title: 'Not found.', detail: `Upload tokens are served at ${options.path}.` });
        return;
      }
    }
    let verdict: OriginVerdict;
    try {
      verdict = judgeOrigin(req, allowedOrigins, trustProxy);
    } catch (error) {
      verdict = { kind: 'refused', origin: String(req.headers.origin) };
      log(`allowedOrigins check threw: ${error instanceof Error ? error.message : String(error)}`);
    }
    handle(req, res, verdict).catch((error: unknown) => {
      log(`unexpected failure: ${error instanceof Error ? error.message : String(error)}`);
      fail(res, { status: 500, title: 'The upload token could not be created.', detail: 'An unexpected error happened on the server.' }, corsHeaders(verdict));
    });
  };
}
