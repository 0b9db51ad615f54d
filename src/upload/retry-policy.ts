// What a failed part's answer means: how long to wait before sending it again, that waiting cannot help, and what the
// page hears when it ended the upload. Pure functions of the failure; PartAttempts.afterFailure acts on them.
import type { RetryCause, UploadErrorDetail } from '../events/index.js';

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
  /** How long a 429 asks to wait, in seconds (`X-RateLimit-Retry-After` or `Retry-After`). */
  readonly retryAfterSeconds?: number;
  /** The token the failed attempt carried: a 401 on a token already replaced is no reason to ask for another. */
  readonly sentWithToken?: string;
}

/** 401s are PartAttempts' to decide (renew the token, or wait for one); everything else is decided here. */
export type RetryDecision =
  | { readonly action: 'wait'; readonly delayMs: number; readonly reason: string; readonly cause: RetryCause }
  | { readonly action: 'fail' };

/** How long to wait before each retry after an outage, the last one repeated: 500 ms, doubling, capped at 30 s. */
export const DEFAULT_RETRY_DELAYS: readonly number[] = [500, 1000, 2000, 4000, 8000, 16000, 30000];
const DEFAULT_RATE_LIMIT_WAIT_S = 1;
const MAX_RATE_LIMIT_WAIT_S = 300;
export const RATE_LIMITED = 'rate limited (429)';

/** The wait before the next retry, from `delays` (the last one repeated); a table a page or a test may set. */
export function backoffMs(retriesSoFar: number, delays: readonly number[] = DEFAULT_RETRY_DELAYS): number {
  if (delays.length === 0) return 0;
  return Math.max(0, delays[Math.min(retriesSoFar, delays.length - 1)]);
}

export function decideRetry(
  failure: PartFailure,
  retriesSoFar: number,
  maxRetries: number,
  delays: readonly number[] = DEFAULT_RETRY_DELAYS,
): RetryDecision {
  const { status } = failure;
  if (status === 401) return { action: 'fail' };
  if (retriesSoFar >= maxRetries) return { action: 'fail' };
  if (status === undefined || status === 0) {
    const timeout = failure.reason === 'NETWORK_TIMEOUT';
    const reason = timeout ? 'network timeout' : 'network error';
    return { action: 'wait', delayMs: backoffMs(retriesSoFar, delays), reason, cause: timeout ? 'timeout' : 'network' };
  }
  if (status === 429) {
    const seconds = Math.min(MAX_RATE_LIMIT_WAIT_S, failure.retryAfterSeconds ?? DEFAULT_RATE_LIMIT_WAIT_S);
    return { action: 'wait', delayMs: Math.max(0, seconds * 1000), reason: RATE_LIMITED, cause: 'rate-limited' };
  }
  if (status >= 500) return { action: 'wait', delayMs: backoffMs(retriesSoFar, delays), reason: `the server answered ${status}`, cause: 'server' };
  return { action: 'fail' };
}

/** The message shown for a failure that ended the upload. */
export function describeFailure(failure: PartFailure): string {
  if (failure.title) return failure.title;
  if (failure.status === undefined || failure.status === 0) return 'api.video could not be reached (network error).';
  return `api.video answered ${failure.status}.`;
}

/**
 * How long a 429 asks to wait, in seconds: api.video's `X-RateLimit-Retry-After` (seconds), else the standard
 * `Retry-After` (seconds or an HTTP date); undefined when neither can be read.
 */
export function retryAfterOf(rateLimitRetryAfter: string | null, retryAfter: string | null, now = Date.now()): number | undefined {
  return seconds(rateLimitRetryAfter) ?? seconds(retryAfter) ?? secondsUntil(retryAfter, now);
}

function seconds(value: string | null): number | undefined {
  if (value === null || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return undefined;
  return Number(value);
}

function secondsUntil(httpDate: string | null, now: number): number | undefined {
  if (httpDate === null || !/[a-z]/i.test(httpDate)) return undefined;
  const at = Date.parse(httpDate);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/** api.video already holds this part (its answer to the first send was lost): the part counts as acknowledged. */
export function isAlreadySent(failure: PartFailure): boolean {
  return failure.status === 400 && /part-already-sent$/.test(failure.type ?? '');
}

/** api.video already holds the whole source: a last part whose answer was lost. */
export function isAlreadyUploaded(failure: PartFailure): boolean {
  return failure.status === 400 && /video-source-already-uploaded$/.test(failure.type ?? '');
}

/** api.video has no such video: the one an earlier upload went into was deleted since (or expired). */
export function isVideoGone(failure: PartFailure): boolean {
  return failure.status === 404;
}

/**
 * What the page hears when a part's failure ended the upload. `canAskForTokens`: a token URL or provider can be asked
 * for another (else a refused static token waits for a new one); `tokensRefused`: how many in a row were refused.
 */
export function failureDetail(part: number, failure: PartFailure, canAskForTokens: boolean, tokensRefused: number): UploadErrorDetail {
  const status = failure.status;
  if (failure.reason === 'ABORTED') return { code: 'aborted', message: 'The upload was stopped.', retriable: true, part };
  if (status === 401 && !canAskForTokens) {
    const message = `${failure.title ?? 'The upload token is invalid or expired.'} Set a new upload token to continue.`;
    return { code: 'token-expired', message, status, retriable: true, part };
  }
  if (status === 401) {
    const message = `api.video refused ${tokensRefused} upload tokens in a row: ${failure.title ?? 'invalid or expired'}`;
    return { code: 'token-rejected', message, status, retriable: true, part };
  }
  if (status === undefined) return { code: 'network', message: describeFailure(failure), retriable: true, part };
  const retriable = status >= 500 || status === 429 || status === 408;
  // api.video's words, quoted by the element where its own sentence cannot say them (a 401's sentence does).
  const detail = failure.title ? { detail: failure.title } : {};
  return { code: 'upload-failed', message: describeFailure(failure), status, retriable, part, ...detail };
}
