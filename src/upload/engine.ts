// The only module that touches @api.video/video-uploader. The library uploads parts in order with its own retrier;
// a delegated upload also needs token swaps, resuming at part k, pausing and 429 waits, which it has no options for.
// Each is done by overriding a protected member, and each override is pinned by a contract test
// (test/browser/upload-engine-contract.test.ts): a library upgrade that changes them must fail there, not in use.
//
// - uploadEndpoint: read by every attempt, so setting it swaps the token before the next retry fires (and lets a
//   full http:// apiHost reach the local emulator, where the library would force https).
// - xhrWithRetrier: called once per part; wrapped to skip parts the server already acknowledged, to run
//   `beforePart` (token freshness) first, and to count and report the part.
// - retryStrategy: decides per failure; 401 and 429 are retried here, which the default strategy never does.
// - sleep: awaited between attempts; where a token refresh or a 429 wait happens. When the session gives up on
//   this engine, sleep never resolves: the library would otherwise send again with an aborted signal.
// - parseErrorResponse: the only place the XHR (and so X-RateLimit-Retry-After) is visible on a failure.
import { VideoUploader } from '@api.video/video-uploader/src/video-uploader';
import type { VideoUploadError, VideoUploadResponse } from '@api.video/video-uploader/src/abstract-uploader';
import type { Video } from '../events/index.js';
import { DEFAULT_STALL_TIMEOUT_MS } from './constants.js';
import { parseRetryAfter, type PartFailure } from './retry-policy.js';

type XhrParams = Parameters<VideoUploader['xhrWithRetrier']>[0];
type CancelableUpload = ReturnType<VideoUploader['xhrWithRetrier']>;

export interface EngineOptions {
  file: File;
  token: string;
  apiHost: string;
  chunkSize: number;
  videoName?: string;
  /** Continue an upload already begun: parts carry this id from part 1 on. */
  videoId?: string;
  /** A part that makes no progress (no bytes out, no answer) for this long is aborted and sent again; 0 never. */
  stallTimeoutMs?: number;
}

export interface EngineHooks {
  /** Parts the server acknowledged earlier for this video; they are not sent again. */
  acknowledged(part: number): Video | undefined;
  /** Before part k is first sent by this engine; may swap the token. A rejection ends the engine with it. */
  beforePart(part: number, parts: number): Promise<void>;
  /** Every time a part actually goes out (first send and each retry). */
  sending(part: number): void;
  progress(uploadedBytes: number, part: number): void;
  partDone(part: number, parts: number, video: Video): void;
  /** Delay before sending the part again, or null to give up on it. */
  retryDelay(part: number, retriesSoFar: number, failure: PartFailure): number | null;
  /** Awaited between attempts (wait out the delay, fetch a token). A rejection ends the engine with it. */
  beforeRetry(part: number, delayMs: number, failure: PartFailure): Promise<void>;
}

/** A part the server refused, or that could not be sent; `run()` rejects with it. */
export class PartError extends Error {
  override readonly name = 'PartError';
  constructor(
    readonly part: number,
    readonly failure: PartFailure,
  ) {
    super(failure.title ?? failure.reason ?? `part ${part} failed with ${failure.status}`);
  }
}

/** How many parts `file` is sent in (one at least). */
export function partsFor(file: Blob, chunkSize: number): number {
  return Math.max(1, Math.ceil(file.size / chunkSize));
}

export function uploadEndpoint(apiHost: string, token: string): string {
  const base = /^https?:\/\//i.test(apiHost) ? apiHost.replace(/\/+$/, '') : `https://${apiHost}`;
  return `${base}/upload?token=${encodeURIComponent(token)}`;
}

const ABORTED: PartFailure = { reason: 'ABORTED' };
const STALLED = Symbol('stalled');

export class UploadEngine extends VideoUploader {
  private readonly hooks: EngineHooks;
  private readonly host: string;
  private readonly totalParts: number;
  private currentPart = 0;
  private token: string;
  /** The token of the attempt on the wire; setToken() may have replaced `token` since it went out. */
  private attemptToken: string;
  private pendingRetry: { part: number; failure: PartFailure } | undefined;
  /** Retries of the part in flight, library retries and stalls alike: both count against maxRetries. */
  private partRetries = 0;
  private readonly stallTimeoutMs: number;
  private stallTimer: ReturnType<typeof setTimeout> | undefined;
  private onStall: (() => void) | undefined;
  private stopped = false;
  private readonly stoppedWith: Promise<never>;
  private rejectStopped!: (reason: unknown) => void;

  constructor(options: EngineOptions, hooks: EngineHooks) {
    super({
      file: options.file,
      uploadToken: options.token,
      chunkSize: options.chunkSize,
      videoName: options.videoName,
      ...(options.videoId ? { videoId: options.videoId } : {}),
    });
    this.hooks = hooks;
    this.host = options.apiHost;
    this.totalParts = partsFor(options.file, options.chunkSize);
    this.token = options.token;
    this.attemptToken = options.token;
    this.stallTimeoutMs = options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS;
    this.uploadEndpoint = uploadEndpoint(options.apiHost, options.token);
    this.retryStrategy = (retriesSoFar, error) => {
      const failure = this.failureOf(error);
      this.disarmWatchdog();
      const delay = this.retryDelay(this.currentPart, failure);
      if (delay !== null) this.pendingRetry = { part: this.currentPart, failure };
      return delay;
    };
    this.stoppedWith = new Promise<never>((_, reject) => (this.rejectStopped = reject));
    this.stoppedWith.catch(() => {});
    this.onProgress((event) => {
      const partEnd = Math.min(event.totalBytes, event.currentChunk * event.chunksBytes);
      this.hooks.progress(Math.min(event.uploadedBytes, partEnd), event.currentChunk);
    });
  }

  /** Sends the parts the server lacks; resolves with the Video of the last part. Rejects with PartError or stop(). */
  run(): Promise<Video> {
    return Promise.race([this.upload().then(toVideo), this.stoppedWith]);
  }

  /** Aborts at once: the part in flight is dropped and `run()` rejects with `reason`. */
  stop(reason: unknown = new PartError(this.currentPart, ABORTED)): void {
    if (this.stopped) return;
    this.stopped = true;
    this.disarmWatchdog();
    this.rejectStopped(reason);
    this.cancel();
  }

  /** The token the next attempt (first send or retry) carries. */
  setToken(token: string): void {
    this.token = token;
    this.uploadEndpoint = uploadEndpoint(this.host, token);
  }

  private failureOf(error: VideoUploadError | PartError | undefined): PartFailure {
    return { ...toFailure(error), sentWithToken: this.attemptToken };
  }

  get endpoint(): string {
    return this.uploadEndpoint;
  }

  protected override xhrWithRetrier(params: XhrParams): CancelableUpload {
    const part = params.parts?.currentPart ?? 1;
    const known = this.hooks.acknowledged(part);
    if (known) return { cancel: () => {}, result: Promise.resolve(toLibraryResponse(known)) };
    let inner: CancelableUpload | undefined;
    let cancelled = false;
    const result = (async () => {
      try {
        await this.hooks.beforePart(part, this.totalParts);
      } catch (error) {
        this.stop(error);
        throw error;
      }
      if (cancelled || this.stopped) throw new PartError(part, ABORTED);
      this.currentPart = part;
      this.partRetries = 0;
      this.hooks.sending(part);
      const watched: XhrParams = {
        ...params,
        onProgress: (event) => {
          this.armWatchdog();
          params.onProgress?.(event);
        },
      };
      try {
        for (;;) {
          this.attemptToken = this.token;
          const attempt = super.xhrWithRetrier(watched);
          inner = attempt;
          const stalled = new Promise<typeof STALLED>((resolve) => (this.onStall = () => resolve(STALLED)));
          this.armWatchdog();
          const outcome = await Promise.race([attempt.result, stalled]).finally(() => this.disarmWatchdog());
          if (outcome !== STALLED) {
            this.hooks.partDone(part, this.totalParts, toVideo(outcome));
            return outcome;
          }
          // No bytes out and no answer for too long: a request the library would wait on forever.
          attempt.result.catch(() => {});
          attempt.cancel();
          // The library forgets a cancelled attempt: cancelling it twice would throw.
          inner = undefined;
          await this.retryStalled(part);
          if (cancelled) throw new PartError(part, ABORTED);
        }
      } catch (error) {
        if (error instanceof PartError) throw error;
        const failure = this.failureOf(error as VideoUploadError);
        // A part whose answer was lost (abort, reset) after the server stored it comes back as "already sent":
        // the server has it, so it counts as acknowledged, with the video as the previous part left it.
        const previous = this.hooks.acknowledged(part - 1);
        if (isAlreadySent(failure) && previous && part < this.totalParts) {
          this.hooks.partDone(part, this.totalParts, previous);
          return toLibraryResponse(previous);
        }
        // The same for the last part: the server then says the whole source is there. Nothing more is fetched (the
        // API-key routes are out of reach with a delegated token); the playable poll tells when it can be watched.
        const videoId = previous?.videoId ?? this.videoId;
        if (isAlreadyUploaded(failure) && videoId && part === this.totalParts) {
          const video = previous ?? ({ videoId } as Video);
          this.hooks.partDone(part, this.totalParts, video);
          return toLibraryResponse(video);
        }
        throw new PartError(part, failure);
      }
    })();
    return {
      cancel: () => {
        cancelled = true;
        inner?.cancel();
      },
      result,
    };
  }

  protected override async sleep(durationMs: number): Promise<void> {
    const pending = this.pendingRetry;
    this.pendingRetry = undefined;
    if (!pending) return super.sleep(durationMs);
    this.disarmWatchdog();
    if (!(await this.waitToResend(pending.part, durationMs, pending.failure))) return new Promise<void>(() => {});
    this.attemptToken = this.token;
    this.armWatchdog();
  }

  /** After a stall: retried like a network timeout (same budget, same backoff), or the part fails. */
  private async retryStalled(part: number): Promise<void> {
    const failure: PartFailure = { reason: 'NETWORK_TIMEOUT', sentWithToken: this.attemptToken };
    const delay = this.retryDelay(part, failure);
    if (delay === null) throw new PartError(part, failure);
    if (!(await this.waitToResend(part, delay, failure))) throw new PartError(part, ABORTED);
  }

  /** The wait before resending the part in flight, counted against its retries; null to give up on it. */
  private retryDelay(part: number, failure: PartFailure): number | null {
    const delay = this.hooks.retryDelay(part, this.partRetries, failure);
    if (delay !== null) this.partRetries++;
    return delay;
  }

  /** Awaits `beforeRetry` (a rejection stops the engine) and reports the resend; false when the engine has stopped. */
  private async waitToResend(part: number, delayMs: number, failure: PartFailure): Promise<boolean> {
    try {
      await this.hooks.beforeRetry(part, delayMs, failure);
    } catch (error) {
      this.stop(error);
    }
    if (this.stopped) return false;
    this.hooks.sending(part);
    return true;
  }

  private armWatchdog(): void {
    this.disarmWatchdog();
    if (this.stopped || !this.onStall || !(this.stallTimeoutMs > 0)) return;
    const onStall = this.onStall;
    this.stallTimer = setTimeout(onStall, this.stallTimeoutMs);
  }

  private disarmWatchdog(): void {
    clearTimeout(this.stallTimer);
    this.stallTimer = undefined;
  }

  protected override parseErrorResponse(xhr: XMLHttpRequest): VideoUploadError {
    const parsed = super.parseErrorResponse(xhr);
    const retryAfter = parseRetryAfter(safeHeader(xhr, 'X-RateLimit-Retry-After'));
    return retryAfter === undefined ? parsed : { ...parsed, retryAfterSeconds: retryAfter } as VideoUploadError;
  }
}

function safeHeader(xhr: XMLHttpRequest, name: string): string | null {
  try {
    return xhr.getResponseHeader(name);
  } catch {
    return null;
  }
}

function isAlreadySent(failure: PartFailure): boolean {
  return failure.status === 400 && /part-already-sent$/.test(failure.type ?? '');
}

function isAlreadyUploaded(failure: PartFailure): boolean {
  return failure.status === 400 && /video-source-already-uploaded$/.test(failure.type ?? '');
}

function toFailure(error: VideoUploadError | PartError | undefined): PartFailure {
  if (error instanceof PartError) return error.failure;
  const e = (error ?? {}) as VideoUploadError & { detail?: unknown; retryAfterSeconds?: number };
  return {
    status: typeof e.status === 'number' && e.status > 0 ? e.status : undefined,
    title: typeof e.title === 'string' ? e.title : undefined,
    type: typeof e.type === 'string' ? e.type : undefined,
    detail: typeof e.detail === 'string' ? e.detail : undefined,
    reason: e.reason,
    retryAfterSeconds: e.retryAfterSeconds,
  };
}

// The library turns api.video's Video into its own shape (`_public`, Date objects); pages get the wire shape back.
function toVideo(response: VideoUploadResponse): Video {
  const { _public, publishedAt, createdAt, updatedAt, ...rest } = response as VideoUploadResponse & Record<string, unknown>;
  const video: Record<string, unknown> = { ...rest };
  if (_public !== undefined) video.public = _public;
  for (const [key, value] of Object.entries({ publishedAt, createdAt, updatedAt })) {
    if (value instanceof Date) video[key] = value.toISOString().replace(/\.\d{3}Z$/, '+00:00');
    else if (value !== undefined) video[key] = value;
  }
  return video as unknown as Video;
}

function toLibraryResponse(video: Video): VideoUploadResponse {
  return video as unknown as VideoUploadResponse;
}
