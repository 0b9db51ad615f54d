// The token handler itself, on plain data: a request described by its method, headers, client address and a way to
// read its body, answered with a status, headers and a body. The Node and fetch front doors only translate.
import { MAX_TTL, apiVideoCalls, describeUpstreamError, uploadTokenJson, videoIdOf, type ApiVideoCalls, type UploadTokenJson } from '../api-video/index.js';
import { BodyError, type BodyLimits } from '../http/body.js';
import { corsHeaders, judgeOrigin, lastForwarded, preflightHeaders, type HeaderGetter, type OriginVerdict } from './cors.js';
import { problems, Refusal, type Problem } from './problems.js';
import type { Settings } from './options.js';
import { requestedVideoId, videoPayload, type TokenRequestBody } from './video.js';

export interface TokenRequest<R> {
  method: string;
  header: HeaderGetter;
  /** The peer's address, when the front door knows it (a Node socket; a fetch handler told it). */
  address: string | undefined;
  /** The body's JSON value (undefined when empty), read within the limits; throws BodyError. */
  readJson(limits: BodyLimits): Promise<unknown>;
  /** What the site's own functions (authorize, rateLimit.key, createVideo) are given. */
  original: R;
}

export interface TokenAnswer {
  status: number;
  headers: Record<string, string>;
  /** null for an answer without a body (204). */
  body: string | null;
}

/** A token, and the video made for it when `createVideo` is on. */
export type TokenGrant = UploadTokenJson & { videoId?: string };

export type TokenCore<R> = (request: TokenRequest<R>) => Promise<TokenAnswer>;

const NO_STORE = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };

export function createTokenCore<R>(settings: Settings<R>): TokenCore<R> {
  const json = (status: number, body: unknown, headers: Record<string, string>, type = 'application/json'): TokenAnswer => ({
    status,
    headers: { ...headers, ...NO_STORE, 'Content-Type': type },
    body: settings.redact(JSON.stringify(body)),
  });
  const refuse = (problem: Problem, headers: Record<string, string>) => json(problem.status, problem, headers, 'application/problem+json');
  const noteRefused = refusalNotes(settings);

  return async (request) => {
    const verdict = judge(settings, request.header);
    const cors = corsHeaders(verdict);
    try {
      if (request.method === 'OPTIONS') return { status: 204, headers: preflightHeaders(verdict, request.header), body: null };
      if (verdict.kind === 'refused') {
        noteRefused(verdict.origin);
        throw new Refusal(problems.originRefused(verdict.origin));
      }
      if (request.method !== 'POST') throw new Refusal(problems.methodNotAllowed(request.method), { Allow: 'POST, OPTIONS' });
      const { grant, headers } = await grantFor(settings, request);
      return json(200, grant, { ...cors, ...headers });
    } catch (error) {
      if (error instanceof Refusal) return refuse(error.problem, { ...cors, ...error.headers });
      settings.log(`unexpected failure: ${error instanceof Error ? error.message : String(error)}`);
      return refuse(problems.unexpected('create an upload token'), cors);
    }
  };
}

/** Origins refused and said in the log, remembered up to a bound: a line per origin, however many requests it sends. */
const REFUSED_ORIGINS_REMEMBERED = 100;

/** Says in the log, once per origin, which page was refused and what lets it in: nothing else tells the site's developer. */
function refusalNotes<R>(settings: Settings<R>): (origin: string) => void {
  const said = new Set<string>();
  return (origin) => {
    if (said.has(origin)) return;
    // Origins are the client's to write: past the bound the memory starts again rather than grow.
    if (said.size >= REFUSED_ORIGINS_REMEMBERED) said.clear();
    said.add(origin);
    settings.log(
      `refused a token request from the page origin ${JSON.stringify(origin.slice(0, 200))}: only the handler's own origin ` +
        '(scheme, host and port) and those in allowedOrigins may ask; add it to allowedOrigins to allow it.',
    );
  };
}

function judge<R>(settings: Settings<R>, header: HeaderGetter): OriginVerdict {
  try {
    return judgeOrigin(header, settings.allowedOrigins, settings.trustProxy);
  } catch (error) {
    settings.log(`allowedOrigins check threw: ${error instanceof Error ? error.message : String(error)}`);
    return { kind: 'refused', origin: header('origin') ?? '' };
  }
}

/**
 * The steps of a POST, in order. The body is read first, within its size and time limits, so a body that trickles
 * in costs its client nothing from the rate limit while it waits; then the limit, the site's login check, and api.video.
 */
async function grantFor<R>(settings: Settings<R>, request: TokenRequest<R>): Promise<{ grant: TokenGrant; headers: Record<string, string> }> {
  const body = await readBody(settings, request);
  const ttl = grantedTtl(body, settings.ttl);
  const knownVideoId = requestedVideoId(body);
  const headers = await takeRate(settings, request);
  await checkAuthorized(settings, request.original);
  const token = await upstream(settings, 'create an upload token', async (api) => uploadTokenJson(await api.createUploadToken(ttl)));
  if (settings.createVideo === false) return { grant: token, headers };
  // A token for an upload that already goes into a video (renewed mid-upload, resumed): that video, not a new one.
  if (knownVideoId) return { grant: { ...token, videoId: knownVideoId }, headers };
  const fields = await videoFields(settings, request.original, body);
  // After the token: a refused token then leaves no video behind, and a token left unused expires by itself.
  const videoId = await upstream(settings, 'create the video', async (api) => videoIdOf(await api.createVideo(videoPayload(body, fields))));
  return { grant: { ...token, videoId }, headers };
}

async function readBody<R>(settings: Settings<R>, request: TokenRequest<R>): Promise<TokenRequestBody> {
  let value: unknown;
  try {
    value = await request.readJson(settings.body);
  } catch (error) {
    if (!(error instanceof BodyError)) throw error;
    // The rest of a body too large or too slow is not read: the connection cannot carry another request.
    const close: Record<string, string> = error.status === 413 || error.status === 408 ? { Connection: 'close' } : {};
    throw new Refusal({ status: error.status, title: error.title, ...(error.detail ? { detail: error.detail } : {}) }, close);
  }
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new Refusal(problems.notAnObject());
  return value as TokenRequestBody;
}

/** A client may ask for a shorter life than the server's ttl, never a longer one; 0 ("never expires") is the longest. */
export function grantedTtl(body: TokenRequestBody, serverTtl: number): number {
  const asked = body.ttl;
  if (asked === undefined || asked === null) return serverTtl;
  if (typeof asked !== 'number' || !Number.isInteger(asked) || asked < 0) throw new Refusal(problems.badTtl(asked));
  // Past api.video's limit the request would only come back refused, as a 502 that blames api.video for the client.
  if (asked > MAX_TTL) throw new Refusal(problems.ttlTooLong(asked, MAX_TTL));
  if (serverTtl === 0) return asked;
  if (asked === 0) return serverTtl;
  return Math.min(asked, serverTtl);
}

/** The client's address: behind a trusted proxy, the last X-Forwarded-For entry, the one that proxy added. */
function clientAddress<R>(settings: Settings<R>, request: TokenRequest<R>): string | undefined {
  return (settings.trustProxy ? lastForwarded(request.header, 'x-forwarded-for') : undefined) ?? request.address;
}

async function takeRate<R>(settings: Settings<R>, request: TokenRequest<R>): Promise<Record<string, string>> {
  const rate = settings.rate;
  if (!rate) return {};
  let key = rate.key(request.original, clientAddress(settings, request));
  if (key === undefined) {
    settings.logOnce(
      'the rate limit cannot tell clients apart (no client address): they all share one budget. Pass trustProxy: true ' +
        'behind a proxy that sets X-Forwarded-For, the address as { clientAddress } (fetch handler), or rateLimit.key.',
    );
    key = 'unknown-client';
  }
  const decision = await rate.take(key);
  if (decision.allowed) return { 'X-RateLimit-Limit': String(decision.limit), 'X-RateLimit-Remaining': String(decision.remaining) };
  if ('storeError' in decision) {
    settings.log(`the rate limit's store failed: ${decision.storeError}`);
    throw new Refusal(problems.rateStoreDown(), { 'Retry-After': '5' });
  }
  throw new Refusal(problems.tooManyRequests(decision.limit, rate.windowSeconds, decision.retryAfterSeconds), {
    'Retry-After': String(decision.retryAfterSeconds),
    'X-RateLimit-Limit': String(decision.limit),
    'X-RateLimit-Remaining': '0',
  });
}

async function checkAuthorized<R>(settings: Settings<R>, original: R): Promise<void> {
  if (!settings.authorize) return;
  let allowed: boolean;
  try {
    allowed = (await settings.authorize(original)) === true;
  } catch (error) {
    settings.log(`authorize() threw: ${error instanceof Error ? error.message : String(error)}`);
    throw new Refusal(problems.loginCheckFailed());
  }
  if (!allowed) throw new Refusal(problems.notSignedIn());
}

async function videoFields<R>(settings: Settings<R>, original: R, body: TokenRequestBody): Promise<unknown> {
  if (typeof settings.createVideo !== 'function') return undefined;
  try {
    return await settings.createVideo(original, body);
  } catch (error) {
    settings.log(`createVideo() threw: ${error instanceof Error ? error.message : String(error)}`);
    throw new Refusal(problems.unexpected('describe the video'));
  }
}

/**
 * One call to api.video, aborted on the wire once it outlives upstreamTimeoutMs: a silent api.video must not keep
 * a socket open per request. Every way it can fail becomes the refusal that says whose fault it is.
 */
async function upstream<R, T>(settings: Settings<R>, what: string, call: (api: ApiVideoCalls) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), settings.upstreamTimeoutMs);
  try {
    return await call(apiVideoCalls(settings.apiKey, settings.baseUri, controller.signal));
  } catch (error) {
    throw upstreamRefusal(settings, what, error, controller.signal.aborted);
  } finally {
    clearTimeout(timer);
  }
}

function upstreamRefusal<R>(settings: Settings<R>, what: string, error: unknown, timedOut: boolean): Refusal {
  const where = `api.video at ${settings.baseUri}`;
  if (timedOut) {
    settings.log(`${where} did not answer within ${settings.upstreamTimeoutMs} ms (asked to ${what}); the call was aborted`);
    return new Refusal(problems.upstreamTimeout());
  }
  const failure = describeUpstreamError(error);
  switch (failure.kind) {
    case 'unreachable':
      settings.log(`${where} cannot be reached: ${failure.reason}`);
      return new Refusal(problems.upstreamUnreachable(what), { 'Retry-After': '5' });
    case 'malformed':
      settings.log(`${where} answered with something unusable when asked to ${what}: ${failure.reason}`);
      return new Refusal(problems.upstreamMalformed(what, failure.reason));
    case 'unexpected':
      settings.log(`asking ${where} to ${what} failed unexpectedly: ${failure.reason}`);
      return new Refusal(problems.unexpected(what));
    case 'refused':
      settings.log(`${where} refused to ${what}: HTTP ${failure.status} ${failure.title}${failure.detail ? ` (${failure.detail})` : ''}`);
      if (failure.status === 429) return new Refusal(problems.upstreamRateLimited(failure.title), { 'Retry-After': '60' });
      return new Refusal(problems.upstreamRefused(what, failure.status, failure.title));
  }
}
