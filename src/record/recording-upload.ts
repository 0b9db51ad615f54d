// A recording's upload while it is being recorded: the recorder's data is cut into parts of `partSize` bytes as it
// comes and each is sent as `part k/*`; after stop, what is left goes as the last part, `part N/N`. Parts go one at a
// time, in order, through the same token source, rate gate and retry policy as a file's parts.
//
// A part is kept until the server acknowledged it. A part that fails is decided in `afterFailure`: a refused token is
// renewed and the part sent again, 5xx and 429 are waited out as for files, and a network failure is never final: the
// recording does not stop because the network did, so its parts wait (backing off, woken by `online`) for as long as
// it takes. A part never goes out before more bytes exist after it, so the last part is never empty.
import {
  TokenRefreshEvent, UploadCancelEvent, UploadErrorEvent, UploadPartEvent, UploadProgressEvent, UploadRetryEvent,
  UploadStartEvent, UploadStateEvent, UploadSuccessEvent, VideoPlayableEvent,
  type UploadErrorDetail, type UploadState, type Video,
} from '../events/index.js';
import { abortableDelay } from '../upload/abortable-delay.js';
import { checkedApiHost } from '../upload/api-host.js';
import {
  DEFAULT_MAX_RETRIES, DEFAULT_STALL_TIMEOUT_MS, EXPIRY_MARGIN_MS, MAX_TOKEN_REJECTIONS, MIN_CHUNK_SIZE,
} from '../upload/constants.js';
import { PartError, type Attempt } from '../upload/engine.js';
import { waitUntilPlayable } from '../upload/playable.js';
import { pageRateGate, type RateGate } from '../upload/rate-gate.js';
import { decideRetry, failureDetail, isAlreadySent, isAlreadyUploaded, type PartFailure } from '../upload/retry-policy.js';
import { TokenRequestError, TokenSource, type UploadToken } from '../upload/token-source.js';
import type { TokenRequestReason, TokenSourceOptions, UploadSessionEmit } from '../upload/types.js';
import { PendingBytes } from './pending-bytes.js';
import { WaitingParts, type Part } from './waiting-parts.js';
import { ProgressiveEngine } from './progressive-engine.js';

/** Network failures back off as the first retries of a file do, never longer: the recording is still being made. */
const NETWORK_BACKOFF_STEPS = 5;

export interface RecordingUploadOptions {
  /** The recording as the events name it: its name and type (its bytes arrive through `push`). */
  file: File;
  tokens: TokenSourceOptions;
  apiHost?: string;
  /** The video the recording goes into, made beforehand; a `videoId` from the token source counts the same. */
  videoId?: string;
  videoName?: string;
  /**
   * Bytes per part: api.video's minimum, 5 MiB, unless told otherwise. Smaller parts only reach a server whose minimum
   * is lower (the emulator's `minPartBytes`).
   */
  partSize?: number;
  /** How often a part is sent again after 5xx or 429 before the upload fails; network failures are never final. */
  maxRetries?: number;
  stallTimeoutMs?: number;
  rateGate?: RateGate;
  playableTimeoutMs?: number;
  /**
   * Reads recorded bytes back from where they are also kept (the recording's IndexedDB journal). Given it, parts
   * waiting to be sent beyond `memoryLimit` bytes are let go from memory and read back when their turn comes.
   */
  spill?: (start: number, end: number) => Promise<Blob>;
  /** Bytes of parts waiting to be sent held in memory at most, the part being sent aside; default 64 MiB. */
  memoryLimit?: number;
}

class RecordingUploadError extends Error {
  constructor(readonly detail: UploadErrorDetail) {
    super(detail.message);
  }
}

export class RecordingUpload {
  readonly file: File;
  private readonly partSize: number;
  private readonly apiHost: string;
  private readonly tokens: TokenSource;
  private readonly rateGate: RateGate;
  private readonly controller = new AbortController();
  private readonly pending = new PendingBytes();
  /** Parts cut and not yet acknowledged, in order. */
  private readonly parts: WaitingParts;
  private engine: ProgressiveEngine | undefined;
  private token: UploadToken | undefined;
  private tokenRequest: Promise<void> | undefined;
  private tokenSince = 0;
  private currentState: UploadState = 'idle';
  private recorded = 0;
  private acknowledgedBytes = 0;
  private shownPercent = 0;
  private startedAt = 0;
  private finished = false;
  private pumping = false;
  private announced = false;
  private video: Video | undefined;
  private givenVideoId: string | undefined;
  private outcome: UploadErrorDetail | 'success' | 'cancelled' | undefined;
  private settle: () => void = () => {};
  /** Settles when the upload succeeded, failed or was cancelled; never rejects. */
  readonly settled: Promise<void>;
  private wake: () => void = () => {};

  constructor(
    private readonly options: RecordingUploadOptions,
    private readonly emit: UploadSessionEmit = () => {},
  ) {
    this.file = options.file;
    this.partSize = options.partSize ?? MIN_CHUNK_SIZE;
    if (!Number.isInteger(this.partSize) || this.partSize < 1) throw new RangeError(`partSize must be a positive whole number, not ${this.partSize}.`);
    this.apiHost = checkedApiHost(options.apiHost);
    this.tokens = new TokenSource(options.tokens, this.file);
    this.rateGate = options.rateGate ?? pageRateGate;
    this.givenVideoId = options.videoId?.trim() || undefined;
    this.parts = new WaitingParts(options.spill, options.memoryLimit);
    this.settled = new Promise((resolve) => (this.settle = resolve));
    if (typeof window !== 'undefined') window.addEventListener('online', this.onOnline);
  }

  get state(): UploadState {
    return this.currentState;
  }

  get videoId(): string | undefined {
    return this.video?.videoId ?? this.givenVideoId;
  }

  /** Bytes recorded and not yet acknowledged by the server (kept until they are). */
  get unacknowledgedBytes(): number {
    return this.recorded - this.acknowledgedBytes;
  }

  /** Asks for the first token while the recording starts, so a token source that fails says so at once. */
  async begin(): Promise<void> {
    this.startedAt = performance.now();
    this.setState('preparing');
    try {
      await this.acquireToken('initial');
    } catch (error) {
      this.fail(this.describe(error));
    }
  }

  /** The recorder's next chunk. */
  push(chunk: Blob): void {
    if (this.outcome || this.finished) return;
    this.recorded += chunk.size;
    this.pending.append(chunk);
    // Strictly more than a part: the bytes after it make sure the last part, sent after stop, is not empty.
    while (this.pending.size > this.partSize) this.cut(this.pending.take(this.partSize), false);
    void this.pump();
  }

  /** The recording ended: what is left goes as the last part. */
  finish(): Promise<void> {
    if (this.finished || this.outcome) return this.settled;
    this.finished = true;
    if (this.recorded === 0) {
      this.fail({ code: 'invalid-file', message: 'Nothing was recorded.', retriable: false });
    } else {
      this.cut(this.pending.take(this.pending.size), true);
      void this.pump();
    }
    return this.settled;
  }

  /** Stops at once: nothing more is sent, the parts kept are dropped. */
  cancel(): void {
    if (this.outcome) return;
    this.outcome = 'cancelled';
    this.controller.abort();
    this.engine?.stop();
    this.removeListeners();
    this.setState('idle');
    this.emit(new UploadCancelEvent({ file: this.file }));
    this.settle();
  }

  private cut(bytes: Blob, last: boolean): void {
    this.parts.cut(bytes, last);
  }

  /** Bytes of the parts not yet acknowledged that are held in memory. */
  get bytesInMemory(): number {
    return this.parts.bytesInMemory;
  }

  /** Sends the parts cut so far, one at a time; one loop runs at once. */
  private async pump(): Promise<void> {
    if (this.pumping || this.outcome || !this.tokensReady()) return;
    this.pumping = true;
    try {
      for (let part = this.parts.next; part && !this.outcome; part = this.parts.next) {
        this.announce();
        const { video, sends } = await this.sendPart(part);
        this.parts.done();
        this.acknowledge(part, video, sends);
        if (part.last) this.succeed(video);
      }
    } catch (error) {
      if (!this.outcome) this.fail(this.describe(error));
    } finally {
      this.pumping = false;
    }
  }

  /** Parts wait for `begin()`'s token; a failed first token has already ended the upload. */
  private tokensReady(): boolean {
    return this.token !== undefined || this.tokenRequest === undefined;
  }

  private announce(): void {
    if (this.announced) return;
    this.announced = true;
    this.emit(new UploadStartEvent({ file: this.file, totalBytes: this.recorded, chunkSize: this.partSize, parts: 0, resumed: false, firstPart: 1 }));
    this.setState('uploading');
  }

  /** Part k, sent as often as `afterFailure` decides; resolves once the server holds it. */
  private async sendPart(part: Part): Promise<{ video: Video; sends: number }> {
    const counts = { retries: 0, rejections: 0, sends: 0 };
    for (;;) {
      await this.rateGate.pass(this.controller.signal);
      if (!this.token || this.expiresSoon()) await this.acquireToken(this.token ? 'expired' : 'rejected');
      if (this.outcome) throw new PartError(part.number, { reason: 'ABORTED' });
      counts.sends++;
      let failure: PartFailure;
      try {
        return { video: await this.sendOnce(part, await this.parts.bytesOf(part)), sends: counts.sends };
      } catch (error) {
        if (!(error instanceof PartError)) throw error;
        failure = error.failure;
      }
      const known = await this.afterFailure(part, failure, counts);
      if (known) return { video: known, sends: counts.sends };
    }
  }

  /**
   * Where a failed attempt at a part is decided, on the same rules as a file's: a refused token is renewed (a 401 for
   * a token already replaced is sent again at once), a part the server already holds counts as acknowledged, 5xx and
   * 429 are waited out by the retry policy, and network failures are waited out without end. Throws to fail.
   */
  private async afterFailure(part: Part, failure: PartFailure, counts: { retries: number; rejections: number; sends: number }): Promise<Video | undefined> {
    if (this.outcome || failure.reason === 'ABORTED') throw new PartError(part.number, { reason: 'ABORTED' });
    const retry = (delayMs: number, reason: string) =>
      this.emit(new UploadRetryEvent({ file: this.file, part: part.number, attempt: counts.sends, delayMs, reason }));
    if (failure.status === 401) {
      if (failure.sentWithToken !== undefined && this.token && failure.sentWithToken !== this.token.token) {
        retry(0, 'the upload token was replaced');
        return undefined;
      }
      counts.rejections++;
      if (!this.tokens.canAsk || counts.rejections > MAX_TOKEN_REJECTIONS) throw new PartError(part.number, failure);
      retry(0, 'the upload token was refused');
      await this.acquireToken('rejected');
      return undefined;
    }
    const known = this.video ?? (this.videoId ? ({ videoId: this.videoId } as Video) : undefined);
    if (known && ((isAlreadySent(failure) && !part.last) || isAlreadyUploaded(failure))) return known;
    const network = failure.status === undefined || failure.status === 0;
    const decision = network
      ? decideRetry(failure, Math.min(counts.retries, NETWORK_BACKOFF_STEPS), Number.POSITIVE_INFINITY)
      : decideRetry(failure, counts.retries, this.options.maxRetries ?? DEFAULT_MAX_RETRIES);
    if (decision.action !== 'wait') throw new PartError(part.number, failure);
    counts.retries++;
    retry(decision.delayMs, decision.reason);
    if (failure.status === 429) {
      this.rateGate.closeFor(decision.delayMs);
      await this.rateGate.pass(this.controller.signal);
    } else if (network) {
      await this.waitForNetwork(decision.delayMs);
    } else {
      await abortableDelay(decision.delayMs, this.controller.signal);
    }
    return undefined;
  }

  /** One request for the part with the current token, aborted as a timeout when it makes no progress. */
  private sendOnce(part: Part, bytes: Blob): Promise<Video> {
    const token = this.token!.token;
    const engine = (this.engine ??= new ProgressiveEngine({
      apiHost: this.apiHost,
      videoName: this.options.videoName || this.file.name,
      videoId: this.videoId,
    }));
    const limit = this.options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS;
    return new Promise<Video>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const arm = () => {
        clearTimeout(timer);
        if (limit > 0) timer = setTimeout(stalled, limit);
      };
      const attempt: Attempt = engine.attempt(part.number, bytes, part.last, token, (sent) => {
        arm();
        this.reportProgress(part.number, Math.min(sent, part.size));
      });
      const stalled = () => {
        attempt.cancel();
        reject(new PartError(part.number, { reason: 'NETWORK_TIMEOUT', sentWithToken: token }));
      };
      arm();
      attempt.result.then(resolve, reject).finally(() => clearTimeout(timer));
    });
  }

  private acknowledge(part: Part, video: Video, sends: number): void {
    this.video = video;
    this.engine?.useVideo(video.videoId);
    this.acknowledgedBytes += part.size;
    this.emit(new UploadPartEvent({ file: this.file, part: part.number, parts: part.last ? part.number : 0, videoId: video.videoId, attempts: sends }));
    this.reportProgress(part.number, 0);
  }

  /**
   * While recording, the total grows: the percentage is of the bytes recorded so far, held from going backwards, and
   * reaches 100 only when the last part is stored. Time left is unknown until then.
   */
  private reportProgress(part: number, inFlight: number): void {
    const uploadedBytes = this.acknowledgedBytes + inFlight;
    const ratio = this.recorded > 0 ? uploadedBytes / this.recorded : 0;
    const complete = this.outcome === 'success';
    this.shownPercent = complete ? 100 : Math.max(this.shownPercent, Math.min(99, Math.floor(ratio * 100)));
    const seconds = (performance.now() - this.startedAt) / 1000;
    this.emit(
      new UploadProgressEvent({
        file: this.file,
        uploadedBytes,
        totalBytes: this.recorded,
        percent: this.shownPercent,
        part,
        parts: this.finished ? this.parts.count : 0,
        bytesPerSecond: seconds > 0 ? uploadedBytes / seconds : 0,
        etaSeconds: null,
      }),
    );
  }

  /**
   * Whether the token expires before a part can go out. The margin is capped at half the token's life, as for files:
   * renewing a fresh 3-second token because it is short would only get another one as short.
   */
  private expiresSoon(): boolean {
    const expiresAt = this.token?.expiresAt?.getTime();
    if (expiresAt === undefined) return false;
    const margin = Math.max(0, Math.min(EXPIRY_MARGIN_MS, (expiresAt - this.tokenSince) / 2));
    return expiresAt - Date.now() < margin;
  }

  private acquireToken(reason: TokenRequestReason): Promise<void> {
    this.tokenRequest ??= this.requestToken(reason).finally(() => {
      this.tokenRequest = undefined;
      void this.pump();
    });
    return this.tokenRequest;
  }

  private async requestToken(reason: TokenRequestReason): Promise<void> {
    try {
      this.token = await this.tokens.request(reason, this.controller.signal);
      this.tokenSince = Date.now();
    } catch (error) {
      this.token = undefined;
      const failed = error instanceof TokenRequestError ? error : undefined;
      throw new RecordingUploadError({
        code: 'token-request-failed',
        message: error instanceof Error ? error.message : String(error),
        retriable: false,
        ...(failed?.status ? { status: failed.status } : {}),
        ...(failed?.reason ? { reason: failed.reason } : {}),
        ...(failed?.detail ? { detail: failed.detail } : {}),
      });
    }
    if (this.token.videoId && !this.givenVideoId) this.givenVideoId = this.token.videoId;
    if (this.tokens.canAsk) this.emit(new TokenRefreshEvent({ file: this.file, reason, expiresAt: this.token.expiresAt }));
  }

  /** Waits `ms`, or less when the browser says the network is back. */
  private async waitForNetwork(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      this.wake = resolve;
      void abortableDelay(ms, this.controller.signal).then(resolve);
    });
    this.wake = () => {};
  }

  private readonly onOnline = () => this.wake();

  private describe(error: unknown): UploadErrorDetail {
    if (error instanceof RecordingUploadError) return error.detail;
    if (error instanceof PartError) return failureDetail(error.part, error.failure, this.tokens.canAsk, MAX_TOKEN_REJECTIONS + 1);
    return { code: 'upload-failed', message: error instanceof Error ? error.message : String(error), retriable: false };
  }

  private succeed(video: Video): void {
    this.outcome = 'success';
    this.reportProgress(this.parts.count, 0);
    this.removeListeners();
    this.setState('success');
    this.emit(new UploadSuccessEvent({ file: this.file, video }));
    this.settle();
    void waitUntilPlayable(video, this.controller.signal, this.options.playableTimeoutMs).then((playable) => {
      if (playable) this.emit(new VideoPlayableEvent({ file: this.file, video }));
    });
  }

  private fail(detail: UploadErrorDetail): void {
    if (this.outcome) return;
    this.outcome = detail;
    this.controller.abort();
    this.engine?.stop();
    this.removeListeners();
    this.setState('error');
    this.emit(new UploadErrorEvent({ ...detail, file: this.file }));
    this.settle();
  }

  private setState(state: UploadState): void {
    const previous = this.currentState;
    if (state === previous) return;
    this.currentState = state;
    this.emit(new UploadStateEvent({ file: this.file, state, previous }));
  }

  private removeListeners(): void {
    if (typeof window !== 'undefined') window.removeEventListener('online', this.onOnline);
  }
}
