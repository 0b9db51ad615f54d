// A recording's upload while it is being recorded: the recorder's data is cut into parts of `partSize` bytes as it
// comes and each is sent as `part k/*`; after stop, what is left goes as the last part, `part N/N`. Parts go one at a
// time, in order, each sent by PartAttempts as a file's parts are: the same token keeping, rate gate and failure
// decisions, with one difference of policy: an outage (no answer, a 5xx, a 429) is never final. The recording does not
// stop because the network or api.video did, so its parts wait (backing off, woken by `online`) for as long as it
// takes, while recording and after stop, until the person cancels.
//
// A part is kept until the server acknowledged it. A part never goes out before more bytes exist after it, so the
// last part is never empty.
import {
  UploadCancelEvent, UploadErrorEvent, UploadPartEvent, UploadProgressEvent, UploadStartEvent, UploadStateEvent,
  type UploadErrorDetail, type UploadState, type Video,
} from '../events/index.js';
import { checkedApiHost } from '../upload/api-host.js';
import { MIN_CHUNK_SIZE } from '../upload/constants.js';
import { PartAttempts } from '../upload/part-attempts.js';
import { announceSuccess } from '../upload/playable.js';
import type { PartSender } from '../upload/part-sender.js';
import type { RateGate } from '../upload/rate-gate.js';
import type { TokenSourceOptions, UploadSessionEmit } from '../upload/types.js';
import { PendingBytes } from './pending-bytes.js';
import { WaitingParts, type Part } from './waiting-parts.js';
import { ProgressiveEngine } from './progressive-engine.js';

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
  /** What sends each part: the seam to the wire; default the one built on @api.video/video-uploader. */
  sender?: PartSender;
}

export class RecordingUpload {
  readonly file: File;
  private readonly partSize: number;
  private readonly apiHost: string;
  private readonly controller = new AbortController();
  private readonly attempts: PartAttempts;
  private readonly pending = new PendingBytes();
  /** Parts cut and not yet acknowledged, in order. */
  private readonly parts: WaitingParts;
  private engine: ProgressiveEngine | undefined;
  private currentState: UploadState = 'idle';
  private recorded = 0;
  private acknowledgedBytes = 0;
  private shownPercent = 0;
  private startedAt = 0;
  private finished = false;
  /** Parts wait for `begin()`'s first token; a failed first token has already ended the upload. */
  private begun = false;
  private pumping = false;
  private announced = false;
  private video: Video | undefined;
  private outcome: UploadErrorDetail | 'success' | 'cancelled' | undefined;
  private settle: () => void = () => {};
  /** Settles when the upload succeeded, failed or was cancelled; never rejects. */
  readonly settled: Promise<void>;

  constructor(
    private readonly options: RecordingUploadOptions,
    private readonly emit: UploadSessionEmit = () => {},
  ) {
    this.file = options.file;
    this.partSize = options.partSize ?? MIN_CHUNK_SIZE;
    if (!Number.isInteger(this.partSize) || this.partSize < 1) throw new RangeError(`partSize must be a positive whole number, not ${this.partSize}.`);
    this.apiHost = checkedApiHost(options.apiHost);
    this.attempts = new PartAttempts(
      { ...options, signal: this.controller.signal, outagesNeverFinal: true, retriable: false, knownVideo: () => this.videoId },
      emit,
    );
    this.parts = new WaitingParts(options.spill, options.memoryLimit);
    this.settled = new Promise((resolve) => (this.settle = resolve));
  }

  get state(): UploadState {
    return this.currentState;
  }

  get videoId(): string | undefined {
    return this.video?.videoId ?? (this.options.videoId?.trim() || this.attempts.tokens.videoId);
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
      await this.attempts.tokens.acquire('initial');
    } catch (error) {
      return this.fail(this.attempts.describe(error));
    }
    this.begun = true;
    void this.pump();
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
    if (this.pumping || this.outcome || !this.begun) return;
    this.pumping = true;
    try {
      for (let part = this.parts.next; part && !this.outcome; part = this.parts.next) {
        this.announce();
        const video = await this.sendPart(part);
        this.parts.done();
        this.acknowledge(part, video);
        if (part.last) this.succeed(video);
      }
    } catch (error) {
      if (!this.outcome) this.fail(this.attempts.describe(error));
    } finally {
      this.pumping = false;
    }
  }

  private announce(): void {
    if (this.announced) return;
    this.announced = true;
    this.emit(new UploadStartEvent({ file: this.file, totalBytes: this.recorded, chunkSize: this.partSize, parts: 0, resumed: false, firstPart: 1 }));
    this.setState('uploading');
  }

  /** Part k, sent as often as PartAttempts decides; resolves once the server holds it. */
  private async sendPart(part: Part): Promise<Video> {
    const bytes = await this.parts.bytesOf(part);
    return this.attempts.send({
      part: part.number,
      attempt: (token, onProgress) => {
        const engine = (this.engine ??= new ProgressiveEngine({
          apiHost: this.apiHost,
          videoName: this.options.videoName || this.file.name,
          videoId: this.videoId,
          sender: this.options.sender,
        }));
        return engine.attempt(part.number, bytes, part.last, token, (sent) => {
          onProgress?.(sent);
          this.reportProgress(part.number, Math.min(sent, part.size));
        });
      },
      live: () => !this.outcome,
      video: () => this.video ?? (this.videoId ? ({ videoId: this.videoId } as Video) : undefined),
    });
  }

  private acknowledge(part: Part, video: Video): void {
    this.video = video;
    this.engine?.useVideo(video.videoId);
    this.acknowledgedBytes += part.size;
    this.emit(new UploadPartEvent({ file: this.file, part: part.number, parts: part.last ? part.number : 0, videoId: video.videoId, attempts: this.attempts.attemptsAt(part.number) }));
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

  private succeed(video: Video): void {
    this.outcome = 'success';
    this.reportProgress(this.parts.count, 0);
    this.setState('success');
    announceSuccess(this.emit, this.file, video, this.controller.signal, this.options.playableTimeoutMs);
    this.settle();
  }

  private fail(detail: UploadErrorDetail): void {
    if (this.outcome) return;
    this.outcome = detail;
    this.controller.abort();
    this.engine?.stop();
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
}
