// The token handler's options, shared by its two front doors, and their check at start-up: a mistake in them is an
// error that says what to write, thrown when the handler is made, never a failure on the first request.
import { EMULATOR_API_KEY, MAX_TTL, isTtl, redactor, resolveBaseUri, type ApiVideoEnvironment } from '../api-video/index.js';
import type { BodyLimits } from '../http/body.js';
import { validateAllowedOrigins, type AllowedOrigins } from './cors.js';
import { resolveEditSettings, type EditSettings, type VideoEditOptions } from './edit-options.js';
import { createRateLimit, type RateLimit, type RateLimitOptions } from './rate-limit.js';
import type { CreateVideoOption } from './video.js';

/** Options of both handlers; `R` is the request they see: Node's IncomingMessage, or a fetch Request. */
export interface TokenHandlerOptions<R> {
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
  authorize?: (request: R) => boolean | Promise<boolean>;
  /** Requests per minute per client (default 30), an object for finer control or a shared store, or false. */
  rateLimit?: number | false | RateLimitOptions<R>;
  /**
   * Trust X-Forwarded-For / X-Forwarded-Host from one reverse proxy in front of the server. The client and the site
   * are the last entries of each, the ones your proxy added. Default false.
   */
  trustProxy?: boolean;
  /** Make the video first, with the API key, and answer its videoId with the token (default false). */
  createVideo?: CreateVideoOption<R>;
  /**
   * Let the page edit the video made with `createVideo` (title, description, tags, thumbnail) with PATCH on the same
   * URL: the token's answer then carries a `capability` for that video, signed with `secret`. Default: off.
   */
  metadata?: VideoEditOptions;
  /** Largest accepted token request body in bytes (default 4096; an edit takes up to 64 KiB, or this if larger). */
  maxBodyBytes?: number;
  /** How long the request body may take to arrive before a 408 (default 10000 ms). */
  bodyTimeoutMs?: number;
  /** How long to wait for api.video before the call is aborted and answered 504 (default 10000 ms). */
  upstreamTimeoutMs?: number;
  /** Where failures are reported (default console). The API key never appears in what is written. */
  logger?: Pick<Console, 'error'> | false;
}

export interface Settings<R> {
  who: string;
  apiKey: string;
  baseUri: string;
  ttl: number;
  allowedOrigins: AllowedOrigins | undefined;
  authorize?: (request: R) => boolean | Promise<boolean>;
  rate: RateLimit<R> | undefined;
  trustProxy: boolean;
  createVideo: CreateVideoOption<R>;
  /** What the page may edit; undefined when it may not. */
  edit: EditSettings | undefined;
  body: BodyLimits;
  upstreamTimeoutMs: number;
  redact: (text: string) => string;
  log: (message: string) => void;
  /** Logs a message once in the handler's life: a warning about its setup, not about one request. */
  logOnce: (message: string) => void;
}

const API_KEY_HELP =
  'set the APIVIDEO_API_KEY environment variable or pass { apiKey } ' +
  '(your keys are on https://dashboard.api.video/ under "API keys"; for local work start the emulator, ' +
  `npx apivideo-emulator, and pass { baseUri: 'http://127.0.0.1:8787', apiKey: '${EMULATOR_API_KEY}' }).`;

function positive(who: string, name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new Error(`${who}: ${name} must be a positive number (got ${String(value)}).`);
  }
  return value;
}

function checkTtl(who: string, ttl: unknown): number {
  if (ttl === undefined) return 3600;
  if (!isTtl(ttl)) {
    throw new Error(`${who}: ttl must be a whole number of seconds between 0 (never expires) and ${MAX_TTL} (got ${String(ttl)}).`);
  }
  return ttl;
}

function checkFunction(who: string, name: string, value: unknown, shape: string): void {
  if (value !== undefined && typeof value !== 'function') throw new Error(`${who}: ${name} must be a function ${shape}.`);
}

/**
 * APIVIDEO_API_KEY from `process.env`, where there is one (Node, Deno, Bun, Vercel's edge runtime). A runtime with no
 * `process` (Cloudflare Workers without Node compatibility, which hand variables to the fetch handler's `env`) has
 * none to read: there, a site passes `apiKey`.
 */
function environmentApiKey(): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.APIVIDEO_API_KEY;
}

export function resolveSettings<R>(options: TokenHandlerOptions<R>, who: string): Settings<R> {
  const apiKey = (options.apiKey ?? environmentApiKey() ?? '').trim();
  if (!apiKey) throw new Error(`${who}: no api.video API key; ${API_KEY_HELP}`);
  checkFunction(who, 'authorize', options.authorize, '(request) => boolean | Promise<boolean>');
  const createVideo = options.createVideo ?? false;
  if (typeof createVideo !== 'boolean') checkFunction(who, 'createVideo', createVideo, '(request, body) => video fields, or true');
  const redact = redactor(apiKey);
  const logger = options.logger === false ? undefined : (options.logger ?? console);
  const log = (message: string) => logger?.error(redact(`[upload-token] ${message}`));
  const said = new Set<string>();
  const body: BodyLimits = {
    maxBytes: positive(who, 'maxBodyBytes', options.maxBodyBytes, 4096),
    timeoutMs: positive(who, 'bodyTimeoutMs', options.bodyTimeoutMs, 10_000),
  };
  return {
    who,
    apiKey,
    baseUri: resolveBaseUri(options, who),
    ttl: checkTtl(who, options.ttl),
    allowedOrigins: validateAllowedOrigins(options.allowedOrigins, who),
    authorize: options.authorize,
    rate: createRateLimit(options.rateLimit, who),
    trustProxy: options.trustProxy === true,
    createVideo,
    edit: resolveEditSettings(options.metadata, createVideo, body, who),
    body,
    upstreamTimeoutMs: positive(who, 'upstreamTimeoutMs', options.upstreamTimeoutMs, 10_000),
    redact,
    log,
    logOnce: (message) => {
      if (!said.has(message)) log(message);
      said.add(message);
    },
  };
}
