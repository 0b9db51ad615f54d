// What to do when a part fails: wait and send again, ask for a new token, or give up.
// The library's own strategy retries neither 401 nor 429; both are recoverable for a delegated upload.

/** A failed attempt at one part, as the server (or the network) answered it. */
export interface PartFailure {
  /** HTTP status; undefined when no answer came (network error, timeout, abort). */
  readonly status?: number;
  /** api.video's problem `title`, when the body had one. */
  readonly title?: string;
  readonly type?: string;
  readonly detail?: string;
  /** The library's reason when no answer came: NETWORK_ERROR, NETWORK_TIMEOUT, ABORTED. */
  readonly reason?: string;
  /** `X-RateLimit-Retry-After` of a 429, in seconds. */
  readonly retryAfterSeconds?: number;
  /** The token the failed attempt carried: a 401 on a token already replaced is no reason to ask for another. */
  readonly sentWithToken?: string;
}

export type RetryDecision =
  | { readonly action: 'wait'; readonly delayMs: number; readonly reason: string }
  | { readonly action: 'new-token'; readonly reason: string }
  | { readonly action: 'fail' };

const MAX_BACKOFF_MS = 30_000;
const DEFAULT_RATE_LIMIT_WAIT_S = 1;
const MAX_RATE_LIMIT_WAIT_S = 300;

/** 500 ms, 1 s, 2 s, 4 s... capped at 30 s. */
export function backoffMs(retriesSoFar: number): number {
  return Math.min(MAX_BACKOFF_MS, 500 * 2 ** retriesSoFar);
}

export function decideRetry(failure: PartFailure, retriesSoFar: number, maxRetries: number): RetryDecision {
  const { status } = failure;
  if (status === 401) return { action: 'new-token', reason: failure.title ?? 'The upload token was refused.' };
  if (retriesSoFar >= maxRetries) return { action: 'fail' };
  if (status === undefined || status === 0) {
    const what = failure.reason === 'NETWORK_TIMEOUT' ? 'network timeout' : 'network error';
    return { action: 'wait', delayMs: backoffMs(retriesSoFar), reason: what };
  }
  if (status === 429) {
    const seconds = Math.min(MAX_RATE_LIMIT_WAIT_S, failure.retryAfterSeconds ?? DEFAULT_RATE_LIMIT_WAIT_S);
    return { action: 'wait', delayMs: Math.max(0, seconds * 1000), reason: 'rate limited (429)' };
  }
  if (status >= 500) return { action: 'wait', delayMs: backoffMs(retriesSoFar), reason: `the server answered ${status}` };
  return { action: 'fail' };
}

/** The message shown for a failure that ended the upload. */
export function describeFailure(failure: PartFailure): string {
  if (failure.title) return failure.title;
  if (failure.status === undefined || failure.status === 0) return 'api.video could not be reached (network error).';
  return `api.video answered ${failure.status}.`;
}

/** Reads `X-RateLimit-Retry-After` (seconds); undefined when absent or not a number. */
export function parseRetryAfter(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}
