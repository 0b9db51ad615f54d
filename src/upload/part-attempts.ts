// One part sent until the server holds it, for a file's upload and a recording's alike. Every failed attempt is decided
// in one place, `afterFailure`: send it again at once with a newer token, after asking for a new one, after a backoff
// or a 429's wait at the page's rate gate; count it as acknowledged when the server already has it; or fail by
// throwing. The uploads differ only by their options (a recording's outages are never final).
import { UploadRetryEvent, type RetryCause, type UploadErrorDetail, type Video } from '../events/index.js';
import { DEFAULT_MAX_RETRIES, DEFAULT_STALL_TIMEOUT_MS, MAX_TOKEN_REJECTIONS } from './constants.js';
import { PartError, type Attempt } from './part-sender.js';
import { abortableDelay, type Wait } from './abortable-delay.js';
import { pageRateGate, type RateGate } from './rate-gate.js';
import {
  RATE_LIMITED, backoffMs, decideRetry, failureDetail, isAlreadySent, isAlreadyUploaded, type PartFailure,
} from './retry-policy.js';
import { TokenKeeper, type TokenKeeperOptions } from './token-keeper.js';
import { TokenRequestError } from './token-source.js';
import type { TokenRequestReason, UploadSessionEmit } from './types.js';

const ABORTED: PartFailure = { reason: 'ABORTED' };
/** Endless retries back off as a file's first ones do, never longer. */
const NETWORK_BACKOFF_STEPS = 5;

export interface PartAttemptsOptions extends TokenKeeperOptions {
  /** The gate every request waits at while api.video's rate limit is spent; default the page's one gate. */
  rateGate?: RateGate;
  /** How often a part is sent again after 5xx, 429 or a network failure (unless `outagesNeverFinal`); default 6. */
  maxRetries?: number;
  /** The waits before each retry after an outage, in ms, the last one repeated; default 500 ms doubling to 30 s. */
  retryDelays?: readonly number[];
  /** How a backoff is waited out; default a real timer (see UploadSessionOptions.wait). */
  wait?: Wait;
  /** How long an attempt may make no progress before it is aborted and sent again, as a network timeout; 0: never. */
  stallTimeoutMs?: number;
  /**
   * An outage never fails the part: a network failure, a 5xx or a 429 is waited out, backing off (or as the 429
   * asks), and the browser's `online` cuts a wait short. A recording's: it does not stop because the network or
   * api.video did, and a person can still stop or cancel it.
   */
  outagesNeverFinal?: boolean;
  /** False for an upload that cannot be retried (a recording's): its token and unforeseen failures say so. */
  retriable?: boolean;
}

/** Makes one attempt at a part with `token`; `onProgress` hears the bytes of the part sent so far. */
export type SendAttempt = (token: string, onProgress?: (partBytesSent: number) => void) => Attempt;

/** One part to send, and what its upload knows that the decision needs. */
export interface PartJob {
  readonly part: number;
  /** One request for the part with a token; `onProgress` must hear its bytes sent (the stall watch is armed by it). */
  readonly attempt: SendAttempt;
  /** False once the upload has stopped or moved on: the part then ends as ABORTED. */
  live(): boolean;
  /** The video as the parts before this one left it, once known. */
  video(): Video | undefined;
  /** The server says it holds the whole source: no part still waiting needs to go. */
  complete?(video: Video): void;
  /** How long the part should take to go out, so that a token expiring meanwhile is renewed before it goes. */
  sendMs?(): number;
}

export class PartAttempts {
  readonly tokens: TokenKeeper;
  /** Attempts made at each part. */
  readonly sends = new Map<number, number>();
  /** Tokens refused in a row for each part; cleared when the upload is retried with a new token. */
  readonly refusals = new Map<number, number>();
  readonly #rateGate: RateGate;
  readonly #wait: Wait;

  readonly #options: PartAttemptsOptions;
  readonly #emit: UploadSessionEmit;

  constructor(options: PartAttemptsOptions, emit: UploadSessionEmit) {
    this.#options = options;
    this.#emit = emit;
    this.tokens = new TokenKeeper(options, emit);
    this.#rateGate = options.rateGate ?? pageRateGate;
    this.#wait = options.wait ?? abortableDelay;
  }

  /** Sends the part as often as `afterFailure` decides; resolves once the server holds it, with its answer. */
  async send(job: PartJob): Promise<Video> {
    let retries = 0;
    for (;;) {
      this.#check(job);
      // The page's rate limit is spent (a 429 here or on another upload, even one gone since): this part waits as
      // long as api.video asked, and the page hears so rather than seeing the upload stand still.
      const closedMs = this.#rateGate.waitMs;
      if (closedMs > 0) this.#announceRetry(job.part, closedMs, RATE_LIMITED, 'rate-limited');
      await this.#rateGate.pass(this.#options.signal);
      if (!this.tokens.current) await this.#newToken(job);
      else if (this.tokens.shouldRenew(job.sendMs?.() ?? 0)) await this.#newToken(job, 'expired');
      this.#check(job);
      this.sends.set(job.part, this.attemptsAt(job.part) + 1);
      let failure: PartFailure;
      try {
        return await this.#sendOnce(job);
      } catch (error) {
        if (!(error instanceof PartError)) throw error;
        failure = error.failure;
      }
      const next = await this.#afterFailure(job, failure, retries);
      if (next.video) return next.video;
      if (next.counts) retries++;
    }
  }

  /** Attempts made at part k so far: the `attempts` its `upload-part` reports. */
  attemptsAt(part: number): number {
    return this.sends.get(part) ?? 0;
  }

  /** What the page hears when `error` ended the upload. */
  describe(error: unknown): UploadErrorDetail {
    const retriable = this.#options.retriable ?? true;
    if (error instanceof PartError) {
      const detail = failureDetail(error.part, error.failure, this.tokens.canAsk, MAX_TOKEN_REJECTIONS + 1);
      return retriable ? detail : { ...detail, retriable: false };
    }
    const message = error instanceof Error ? error.message : String(error);
    if (!(error instanceof TokenRequestError)) return { code: 'upload-failed', message, retriable };
    const { status, reason, detail } = error;
    return {
      code: 'token-request-failed',
      message,
      status,
      retriable,
      ...(reason ? { reason } : {}),
      ...(detail ? { detail } : {}),
    };
  }

  /**
   * The one place a failed attempt at a part is decided: send it again (at once with a newer token, after asking for a
   * new one, after a backoff or a 429's wait), count it as acknowledged (the server already has it), or fail the
   * upload by throwing. `counts` says whether the resend counts against `maxRetries`.
   */
  async #afterFailure(job: PartJob, failure: PartFailure, retriesSoFar: number): Promise<{ video?: Video; counts?: boolean }> {
    const { part } = job;
    if (failure.reason === 'ABORTED') throw new PartError(part, ABORTED);
    this.#check(job);
    const retry = (delayMs: number, reason: string, cause: RetryCause) => this.#announceRetry(part, delayMs, reason, cause);
    if (failure.status === 401) {
      if (this.tokens.replaced(failure)) {
        retry(0, 'the upload token was replaced', 'token');
        return {};
      }
      const refused = (this.refusals.get(part) ?? 0) + 1;
      this.refusals.set(part, refused);
      if (!this.tokens.canAsk || refused > MAX_TOKEN_REJECTIONS) throw new PartError(part, failure);
      retry(0, 'the upload token was refused', 'token');
      await this.#newToken(job, 'rejected');
      return {};
    }
    // A part whose answer was lost (abort, reset) after the server stored it comes back as "already sent": the
    // server has it, so it counts as acknowledged, with the video as the parts before it left it, whichever part it
    // is (the last part of parts side by side is often answered first; a pause may cut the last part's answer). The
    // upload is whole once every part is held, whatever order they were held in. When the server says the whole
    // source is there, the part that would complete it was stored too. Nothing more is fetched (the API-key routes
    // are out of reach with a delegated token); the playable poll tells when it can be watched.
    const video = job.video();
    if (video && isAlreadyUploaded(failure)) {
      job.complete?.(video);
      return { video };
    }
    if (video && isAlreadySent(failure)) return { video };
    const endless = this.#options.outagesNeverFinal === true && isOutage(failure);
    const decision = endless
      ? decideRetry(failure, Math.min(retriesSoFar, NETWORK_BACKOFF_STEPS), Infinity, this.#options.retryDelays)
      : decideRetry(failure, retriesSoFar, this.#options.maxRetries ?? DEFAULT_MAX_RETRIES, this.#options.retryDelays);
    if (decision.action !== 'wait') throw new PartError(part, failure);
    retry(decision.delayMs, decision.reason, decision.cause);
    const signal = this.#options.signal;
    // A 429 holds every request of the page, parts side by side and other uploads alike, until it has been waited out.
    if (failure.status === 429) {
      this.#rateGate.closeFor(decision.delayMs);
      await this.#rateGate.pass(signal);
    } else if (endless) {
      await this.#untilOnline(decision.delayMs);
    } else {
      await this.#wait(decision.delayMs, signal);
    }
    this.#check(job);
    return { counts: true };
  }

  /**
   * A new token. For an upload whose outages are never final (a recording's), a token URL out of reach
   * (network error, timeout) is waited for as its parts are: backing off, woken by `online`, never failing the upload.
   */
  async #newToken(job: PartJob, reason?: TokenRequestReason): Promise<void> {
    for (let tries = 0; ; tries++) {
      try {
        return await this.tokens.acquire(reason);
      } catch (error) {
        const unreachable = error instanceof TokenRequestError && (error.reason === 'network' || error.reason === 'timeout');
        if (!this.#options.outagesNeverFinal || !unreachable) throw error;
        const delayMs = backoffMs(Math.min(tries, NETWORK_BACKOFF_STEPS), this.#options.retryDelays);
        this.#announceRetry(job.part, delayMs, 'the token URL could not be reached', 'network');
        await this.#untilOnline(delayMs);
        this.#check(job);
      }
    }
  }

  /** `upload-retry`: part k goes (again) after `delayMs`, and why. */
  #announceRetry(part: number, delayMs: number, reason: string, cause: RetryCause): void {
    this.#emit(new UploadRetryEvent({ file: this.#options.file, part, attempt: this.attemptsAt(part), delayMs, reason, cause }));
  }

  /** Waits `ms`, or less when the browser says the network is back. */
  async #untilOnline(ms: number): Promise<void> {
    const back = new AbortController();
    globalThis.addEventListener?.('online', () => back.abort(), { signal: back.signal });
    await this.#wait(ms, AbortSignal.any([this.#options.signal, back.signal]));
    back.abort();
  }

  /** One request for the part with the current token, aborted and failed as a timeout if it makes no progress. */
  #sendOnce(job: PartJob): Promise<Video> {
    const token = this.tokens.take();
    const limit = this.#options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS;
    return new Promise<Video>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const arm = () => {
        clearTimeout(timer);
        if (limit > 0) timer = setTimeout(stalled, limit);
      };
      const attempt = job.attempt(token, arm);
      // No bytes out and no answer for too long: a request that would otherwise be waited on forever.
      const stalled = () => {
        attempt.cancel();
        reject(new PartError(job.part, { reason: 'NETWORK_TIMEOUT', sentWithToken: token }));
      };
      arm();
      attempt.result.then(resolve, reject).finally(() => clearTimeout(timer));
    });
  }

  #check(job: PartJob): void {
    if (!job.live()) throw new PartError(job.part, ABORTED);
  }
}

/** No answer, or an answer that says api.video cannot take the part now (5xx, 429): waiting may help. */
function isOutage(failure: PartFailure): boolean {
  const { status } = failure;
  return status === undefined || status === 0 || status === 429 || status >= 500;
}
