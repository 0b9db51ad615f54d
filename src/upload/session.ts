// One file's upload to api.video with a delegated token: tokens, parts, retries, pause, resume, cancel.
// The session owns the upload's state. Each run of parts is an UploadEngine, which hands every part back to
// `sendPart`; PartAttempts sends it and decides each failed attempt (the one place, shared with recordings), with the
// token its TokenKeeper holds. A pause, an error or a missing token ends the run, and the next run starts at the first
// part the server has not acknowledged, with the same videoId.
import {
  UploadCancelEvent, UploadErrorEvent, UploadPartEvent, UploadPauseEvent, UploadProgressEvent, UploadResumeEvent,
  UploadStartEvent, UploadStateEvent,
  type NotResumedReason, type UploadErrorDetail, type Video,
} from '../events/index.js';
import { DEFAULT_CHUNK_SIZE, MAX_CHUNK_SIZE, MIN_CHUNK_SIZE } from './constants.js';
import { UploadEngine } from './engine.js';
import { PartError, partsFor } from './part-sender.js';
import { checkedApiHost } from './api-host.js';
import { PartAttempts } from './part-attempts.js';
import { announceSuccess } from './playable.js';
import { ProgressTracker } from './progress.js';
import { isVideoGone } from './retry-policy.js';
import { acknowledgedBytes, firstMissingPart, type UploadPlan } from './resume-record.js';
import type { UploadSessionEmit, UploadSessionOptions, UploadState } from './types.js';

const MAX_PARALLEL_PARTS = 8;

/** One file's upload to api.video with a delegated upload token. */
export class UploadSession {
  private currentState: UploadState = 'idle';
  /** The file being uploaded. */
  readonly file: File;
  private readonly chunkSize: number;
  private readonly parts: number;
  private readonly apiHost: string;
  private readonly progress: ProgressTracker;
  private readonly acked = new Map<number, Video>();
  /** Bytes each part in flight has sent so far. */
  private readonly inFlightBytes = new Map<number, number>();
  private readonly parallelParts: number;
  private readonly controller = new AbortController();
  private readonly attempts: PartAttempts;
  private engine: UploadEngine | undefined;
  private run = 0;
  private started = false;
  private announcedStart = false;
  private pausedByOffline = false;
  /** The video the parts go into before part 1 is acknowledged, given by the page (else the token source names it). */
  private givenVideoId: string | undefined;
  /** Settles when a part 1 sent without a videoId has its answer (or has failed). */
  private firstPartInFlight: Promise<void> | undefined;
  private settled: Promise<void> | undefined;
  private settle: () => void = () => {};
  /** Whether the resume record was looked up; whether this upload continues an earlier one, or why it does not. */
  private resumeDecided = false;
  private resumed = false;
  private notResumed: NotResumedReason | undefined;

  constructor(
    private readonly options: UploadSessionOptions,
    private readonly emit: UploadSessionEmit = () => {},
  ) {
    const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
    if (!Number.isFinite(chunkSize) || chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) {
      throw new RangeError(`The part size must be between 5 MiB and 128 MiB (${MIN_CHUNK_SIZE}..${MAX_CHUNK_SIZE} bytes).`);
    }
    this.file = options.file;
    this.chunkSize = chunkSize;
    this.parts = partsFor(this.file, chunkSize);
    this.apiHost = checkedApiHost(options.apiHost);
    this.parallelParts = parallelPartsOf(options.parallelParts);
    this.attempts = new PartAttempts({ ...options, signal: this.controller.signal, knownVideo: () => this.videoId }, emit);
    this.progress = new ProgressTracker(this.file.size, this.parts);
    this.givenVideoId = options.videoId?.trim() || undefined;
  }

  get state(): UploadState {
    return this.currentState;
  }

  /** The video the parts go to, once the server has acknowledged part 1. */
  get videoId(): string | undefined {
    return this.acked.get(1)?.videoId ?? [...this.acked.values()][0]?.videoId ?? this.givenVideoId ?? this.attempts.tokens.videoId;
  }

  /** Resolves when the session settles (success, error, cancel); never rejects. */
  start(): Promise<void> {
    if (this.settled) return this.settled;
    this.settled = new Promise<void>((resolve) => (this.settle = resolve));
    this.started = true;
    if (this.file.size === 0) {
      this.fail({ code: 'invalid-file', message: 'The file is empty.', retriable: false });
      return this.settled;
    }
    if (typeof window !== 'undefined') {
      window.addEventListener('offline', this.onOffline);
      window.addEventListener('online', this.onOnline);
    }
    void this.drive();
    return this.settled;
  }

  /**
   * Stops sending: the part in flight is aborted and sent again on `resume()`. Part 1 without a known video is let
   * finish instead: api.video makes the video on part 1, and a part 1 sent again without its videoId would make a
   * second one.
   */
  pause(): void {
    if (this.currentState !== 'uploading' && this.currentState !== 'preparing') return;
    this.halt(this.firstPartInFlight);
    this.setState('paused');
    this.emit(new UploadPauseEvent({ file: this.file }));
  }

  /** Carries on at the first part the server lacks. */
  resume(): void {
    if (this.currentState !== 'paused') return;
    this.pausedByOffline = false;
    this.emit(new UploadResumeEvent({ file: this.file }));
    void this.drive();
  }

  /** Aborts at once; the session is over. */
  cancel(): void {
    if (!this.started || this.controller.signal.aborted) return;
    const wasActive = this.currentState !== 'success';
    // A failed upload dropped is no cancel: its record is what lets it go on later.
    if (wasActive && this.currentState !== 'error') this.options.resume?.cancelled();
    this.halt();
    this.controller.abort();
    this.removeListeners();
    if (wasActive) {
      this.setState('idle');
      this.emit(new UploadCancelEvent({ file: this.file }));
    }
    this.settle();
  }

  /** After an error: continues at the failed part (asking for a new token first when the token was the problem). */
  retry(): void {
    if (this.currentState !== 'error' && this.currentState !== 'waiting-for-token') return;
    this.attempts.refusals.clear();
    void this.drive();
  }

  /** A new static token; in `waiting-for-token` the upload continues at the part that was refused. */
  setStaticToken(token: string): void {
    if (this.attempts.tokens.setStatic(token) && this.currentState === 'waiting-for-token') {
      this.attempts.refusals.clear();
      void this.drive();
    }
  }

  // ---- the run of parts ----

  private async drive(): Promise<void> {
    const run = ++this.run;
    try {
      // A pause while part 1 was on its way let it finish: its answer says which video the parts go into.
      await this.firstPartInFlight;
      if (run !== this.run) return;
      if (this.options.resume && !this.resumeDecided) {
        this.setState('preparing');
        await this.continueFromRecord();
        if (run !== this.run) return;
      }
      if (!this.attempts.tokens.current) {
        this.setState('preparing');
        await this.attempts.tokens.acquire();
        if (run !== this.run) return;
      }
      if (!this.announcedStart) {
        this.announcedStart = true;
        const firstPart = firstMissingPart(this.acked.keys(), this.parts);
        const { resumed, notResumed } = this;
        this.emit(new UploadStartEvent({
          file: this.file, totalBytes: this.file.size, chunkSize: this.chunkSize, parts: this.parts, resumed, firstPart,
          ...(notResumed ? { notResumed } : {}),
        }));
        // Where the bar starts: at the bytes a resumed upload finds on the server, or back at 0 after starting over.
        const held = acknowledgedBytes(this.acked.keys(), this.file.size, this.chunkSize);
        if (resumed || this.progress.uploadedBytes !== held) this.emit(new UploadProgressEvent({ ...this.progress.restartAt(held, firstPart), file: this.file }));
      }
      this.setState('uploading');
      const engine = new UploadEngine({
        file: this.file,
        apiHost: this.apiHost,
        chunkSize: this.chunkSize,
        videoName: this.options.videoName,
        videoId: this.videoId,
        sender: this.options.sender,
      });
      this.engine = engine;
      const video = await this.sendParts(run, engine);
      if (run !== this.run) return;
      this.succeed(video);
    } catch (error) {
      if (run !== this.run) return;
      if (this.resumed && error instanceof PartError && isVideoGone(error.failure)) return this.startOver();
      this.fail(this.attempts.describe(error));
    }
  }

  /**
   * Every part the server lacks, `parallelParts` at a time, in any order: api.video puts a video's parts together
   * whatever order they arrive in. Part 1 goes alone while no video is known, since its answer names the video the
   * others go into. Resolves with the answer to the part that completed the video.
   */
  private async sendParts(run: number, engine: UploadEngine): Promise<Video> {
    const waiting = Array.from({ length: this.parts }, (_, i) => i + 1).filter((part) => !this.acked.has(part));
    let last = this.acked.get(this.parts) ?? [...this.acked.values()].at(-1);
    const send = async (part: number) => {
      last = await this.sendPart(run, part, engine);
      engine.useVideo(last.videoId);
    };
    if (!this.videoId && waiting[0] === 1) await send(waiting.shift()!);
    const lanes = Math.max(1, Math.min(this.parallelParts, waiting.length));
    await Promise.all(
      Array.from({ length: lanes }, async () => {
        for (let part = waiting.shift(); part !== undefined; part = waiting.shift()) await send(part);
      }),
    );
    if (run !== this.run || !last) throw new PartError(0, { reason: 'ABORTED' });
    return last;
  }

  /** The plan a resume record must match: an earlier upload continues only if it was made the same way. */
  private get plan(): UploadPlan {
    return { apiHost: this.apiHost, chunkSize: this.chunkSize, parts: this.parts, videoId: this.options.videoId?.trim() || undefined };
  }

  /** Continues an earlier upload of this file when its record allows: into its video, skipping the parts it has. */
  private async continueFromRecord(): Promise<void> {
    const decision = await this.options.resume!.decide(this.file, this.plan);
    if (this.resumeDecided) return;
    this.resumeDecided = true;
    if (!decision.resume) {
      this.notResumed = decision.reason;
      return;
    }
    this.resumed = true;
    this.givenVideoId = decision.videoId;
    const video = { videoId: decision.videoId } as Video;
    for (const part of decision.acknowledged) this.acked.set(part, video);
  }

  /**
   * The video the earlier upload went into is gone (404): this one starts over from part 1, into the video the page
   * or the token names, else a new one, and a second `upload-start` says why.
   */
  private startOver(): void {
    this.halt();
    this.options.resume?.startOver();
    this.resumed = false;
    this.notResumed = 'video-not-found';
    this.acked.clear();
    this.attempts.sends.clear();
    this.givenVideoId = this.options.videoId?.trim() || undefined;
    this.announcedStart = false;
    void this.drive();
  }

  /** Part k, sent as often as PartAttempts decides; resolves once the server holds it. */
  private async sendPart(run: number, part: number, engine: UploadEngine): Promise<Video> {
    const known = this.acked.get(part);
    if (known) return known;
    this.options.resume?.sending(part);
    const video = await this.attempts.send({
      part,
      attempt: (token, onProgress) => {
        const attempt = engine.attempt(part, token, (bytes) => {
          onProgress?.(bytes);
          if (run === this.run) this.reportProgress(part, bytes);
        });
        if (part === 1 && !this.videoId) this.firstPartGoes(attempt.result);
        return attempt;
      },
      live: () => run === this.run,
      video: () => this.acked.get(part - 1) ?? [...this.acked.values()].at(-1) ?? (this.videoId ? ({ videoId: this.videoId } as Video) : undefined),
      // The whole source is there: no part still waiting needs to go (a resumed upload may hear it for any part).
      complete: (video) => {
        for (let other = 1; other <= this.parts; other++) if (!this.acked.has(other)) this.acked.set(other, video);
      },
      sendMs: () => {
        const speed = this.progress.bytesPerSecond;
        return speed > 0 ? Math.min(300_000, (this.partBytes(part) / speed) * 1000) : 0;
      },
    });
    return this.acknowledge(run, part, video);
  }

  /**
   * Part 1 is on its way without a videoId: a pause lets it finish (see `pause`). Its answer is recorded here, in
   * the same step that lets a waiting `resume()` go on: the next run must find part 1 held and its video known, or
   * it would send part 1 again without a videoId and make a second video.
   */
  private firstPartGoes(result: Promise<Video>): void {
    const settled = () => {
      if (this.firstPartInFlight === firstPart) this.firstPartInFlight = undefined;
    };
    const firstPart: Promise<void> = result.then((video) => {
      if (!this.acked.has(1)) this.acked.set(1, video);
      settled();
    }, settled);
    this.firstPartInFlight = firstPart;
  }

  /**
   * Bytes on the server or on their way: the parts acknowledged, plus what each part in flight has sent so far. A part
   * sent again starts over at zero; the tracker keeps the figure from going backwards.
   */
  private reportProgress(part: number, partBytesSent: number): void {
    this.inFlightBytes.set(part, Math.min(this.partBytes(part), partBytesSent));
    let bytes = 0;
    for (const acked of this.acked.keys()) bytes += this.partBytes(acked);
    for (const sent of this.inFlightBytes.values()) bytes += sent;
    this.emit(new UploadProgressEvent({ ...this.progress.update(bytes, part), file: this.file }));
  }

  private partBytes(part: number): number {
    return Math.max(0, Math.min(this.chunkSize, this.file.size - (part - 1) * this.chunkSize));
  }

  /**
   * Part k is on the server, whether or not the run that sent it is still the current one. The resume record says so
   * before the next part goes.
   */
  private acknowledge(run: number, part: number, video: Video): Video | Promise<Video> {
    this.acked.set(part, video);
    this.inFlightBytes.delete(part);
    if (run === this.run) this.emit(new UploadPartEvent({ file: this.file, part, parts: this.parts, videoId: video.videoId, attempts: this.attempts.attemptsAt(part) }));
    // Without resume the next part goes at once, as it always has.
    const recorded = this.options.resume?.stored(video.videoId, this.acked.keys());
    return recorded ? recorded.then(() => video) : video;
  }

  // ---- outcomes ----

  private succeed(video: Video): void {
    this.options.resume?.finished();
    this.emit(new UploadProgressEvent({ ...this.progress.complete(), file: this.file }));
    this.progress.suspend();
    this.removeListeners();
    this.setState('success');
    announceSuccess(this.emit, this.file, video, this.controller.signal, this.options.playableTimeoutMs);
    this.settle();
  }

  private fail(detail: UploadErrorDetail): void {
    this.halt();
    // The source's latest token is known bad: retry() starts by asking for another.
    if (detail.code === 'token-rejected') this.attempts.tokens.forget();
    this.setState(detail.code === 'token-expired' ? 'waiting-for-token' : 'error');
    this.emit(new UploadErrorEvent({ ...detail, file: this.file }));
    this.settle();
  }

  /**
   * Ends the current run: nothing it still does reaches the page. Given `letFinish`, the request on its way is
   * stopped only once that settles (the run sends nothing more meanwhile: its sendPart sees the run is over).
   */
  private halt(letFinish?: Promise<void>): void {
    this.run++;
    this.progress.suspend();
    const engine = this.engine;
    this.engine = undefined;
    if (letFinish) void letFinish.then(() => engine?.stop());
    else engine?.stop();
  }

  private setState(state: UploadState): void {
    const previous = this.currentState;
    if (state === previous) return;
    this.currentState = state;
    this.emit(new UploadStateEvent({ file: this.file, state, previous }));
  }

  private readonly onOffline = () => {
    if (this.currentState !== 'uploading' && this.currentState !== 'preparing') return;
    this.pause();
    this.pausedByOffline = true;
  };

  private readonly onOnline = () => {
    if (this.currentState === 'paused' && this.pausedByOffline) this.resume();
  };

  private removeListeners(): void {
    if (typeof window === 'undefined') return;
    window.removeEventListener('offline', this.onOffline);
    window.removeEventListener('online', this.onOnline);
  }
}

/** Parts side by side: a whole number from 1 to 8 (api.video's guidance; browsers open 6 connections to a host). */
export function parallelPartsOf(value: number | undefined): number {
  if (value === undefined) return 1;
  if (!Number.isInteger(value) || value < 1 || value > MAX_PARALLEL_PARTS) {
    throw new RangeError(`parallel-parts must be a whole number from 1 to ${MAX_PARALLEL_PARTS}, not ${value}.`);
  }
  return value;
}
