// The steps a token request (POST) and an edit (PATCH) both take, in this order: the body read within its limits,
// the rate limit, the site's login check. Each step that refuses throws the Refusal that answers.
import { BodyError, type BodyLimits } from '../http/body.js';
import { lastForwarded } from './cors.js';
import type { TokenRequest } from './core.js';
import type { Settings } from './options.js';
import { problems, Refusal } from './problems.js';

/**
 * The body's JSON object ({} for none), read first and within its size and time limits, so a body that trickles in
 * costs its client nothing from the rate limit while it waits.
 */
export async function readBody<R>(settings: Settings<R>, request: TokenRequest<R>, limits: BodyLimits = settings.body): Promise<Record<string, unknown>> {
  let value: unknown;
  try {
    value = await request.readJson(limits);
  } catch (error) {
    if (!(error instanceof BodyError)) throw error;
    // The rest of a body too large or too slow is not read: the connection cannot carry another request.
    const close: Record<string, string> = error.status === 413 || error.status === 408 ? { Connection: 'close' } : {};
    throw new Refusal({ status: error.status, title: error.title, ...(error.detail ? { detail: error.detail } : {}) }, close);
  }
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new Refusal(problems.notAnObject());
  return value as Record<string, unknown>;
}

/** The client's address: behind a trusted proxy, the last X-Forwarded-For entry, the one that proxy added. */
function clientAddress<R>(settings: Settings<R>, request: TokenRequest<R>): string | undefined {
  return (settings.trustProxy ? lastForwarded(request.header, 'x-forwarded-for') : undefined) ?? request.address;
}

/** One request off the client's budget; the rate-limit headers of the answer. */
export async function takeRate<R>(settings: Settings<R>, request: TokenRequest<R>): Promise<Record<string, string>> {
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

export async function checkAuthorized<R>(settings: Settings<R>, original: R): Promise<void> {
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
