// One upload to api.video with a delegated token, of a file or of a recording: tokens, parts, retries, pause, resume,
// cancel. The session owns the upload's state and gives it as a snapshot the element renders from. What it sends is a
// part source (part-source.ts): a file's parts, all known, in any order and side by side; or a recording's, cut while
// it is recorded, in order. Each run of parts is an UploadEngine; PartAttempts sends each part and decides each failed
// attempt, with the token its TokenKeeper holds. A pause, an error or a missing token ends the run, and the next run
// starts at the first part the server has not acknowledged, with the same videoId.
import {
  UploadCancelEvent, UploadErrorEvent, UploadPartEvent, UploadPauseEvent, UploadProgressEvent, UploadResumeEvent,
  UploadRetryEvent, UploadStartEvent, UploadStateEvent,
  type NotResumedReason, type UploadErrorDetail, type UploadProgressDetail, type UploadRetryDetail, type Video,
} from '../events/index.js';
import { UploadEngine } from './engine.js';
import { PartError } from './part-sender.js';
import { FileParts, type PartSource } from './part-source.js';
import { checkedApiHost } from './api-host.js';
import { PartAttempts } from './part-attempts.js';
import { announceSuccess } from './playable.js';
import { ProgressTracker } from './progress.js';
import { isVideoGone } from './retry-policy.js';
import { acknowledgedBytes, firstMissingPart, type UploadPlan } from './resume-record.js';
import type { PauseReason, UploadSessionEmit, UploadSessionOptions, UploadSnapshot, UploadState } from './types.js';

const MAX_PARALLEL_PARTS = 8;
const IN_PROGRESS: ReadonlySet<UploadState> = new Set(['preparing', 'uploading', 'paused', 'waiting-for-token']);

/** One upload to api.video with a delegated upload token. */
export class UploadSession {
  #currentState: UploadState = 'idle';
  /** The file, or the recording, the events name. */
  readonly file: File;
  readonly source: PartSource;
  readonly #apiHost: string;
  readonly #progress: ProgressTracker;
  readonly #acked = new Map<number, Video>();
  /** Bytes each part in flight has sent so far. */
  readonly #inFlightBytes = new Map<number, number>();
  readonly #parallelParts: number;
  private readonly controller = new AbortController();
  readonly #attempts: PartAttempts;
  /** Every event goes out through here: the session notes what its snapshot needs, then the page hears it. */
  readonly #emit: UploadSessionEmit;
  #engine: UploadEngine | undefined;
  #run = 0;
  #started = false;
  #announcedStart = false;
  #pausedBy: PauseReason | undefined;
  /** The video the parts go into before part 1 is acknowledged, given by the page (else the token source names it). */
  #givenVideoId: string | undefined;
  /** Settles when a part 1 sent without a videoId has its answer (or has failed). */
  #firstPartInFlight: Promise<void> | undefined;
  #settled: Promise<void> | undefined;
  #settle: () => void = () => {};
  /** Whether the resume record was looked up; whether this upload continues an earlier one, or why it does not. */
  #resumeDecided = false;
  private resumed = false;
  private notResumed: NotResumedReason | undefined;
  /** Where a resumed upload took up, in percent, until it stores a part of its own. */
  #resumedAt: number | undefined;
  #latestProgress: UploadProgressDetail | undefined;
  #error: UploadErrorDetail | undefined;
  #retrying: UploadRetryDetail | undefined;
  #video: Video | undefined;

  readonly #options: UploadSessionOptions;

  constructor(options: UploadSessionOptions, emit: UploadSessionEmit = () => {}) {
    this.#options = options;
    this.source = options.source ?? new FileParts(options.file, options.chunkSize, options.minChunkSize);
    this.file = this.source.file;
    this.#apiHost = checkedApiHost(options.apiHost);
    this.#parallelParts = this.source.growing ? 1 : parallelPartsOf(options.parallelParts);
    this.#emit = (event) => {
      if (event instanceof UploadRetryEvent) this.#retrying = event.detail;
      emit(event);
    };
    const growing = this.source.growing;
    this.#attempts = new PartAttempts(
      { ...options, file: this.file, signal: this.controller.signal, knownVideo: () => this.videoId, outagesNeverFinal: growing, retriable: !growing },
      this.#emit,
    );
    this.#progress = new ProgressTracker(this.source);
    this.#givenVideoId = options.videoId?.trim() || undefined;
  }

  get state(): UploadState {
    return this.#currentState;
  }

  /** The video the parts go to: given, named by the token source, or once the server has acknowledged part 1. */
  get videoId(): string | undefined {
    return this.#acked.get(1)?.videoId ?? [...this.#acked.values()][0]?.videoId ?? this.#givenVideoId ?? this.#attempts.tokens.videoId;
  }

  /** Where the upload stands, for the element to render: one object, read again after each event. */
  snapshot(): UploadSnapshot {
    const inProgress = IN_PROGRESS.has(this.#currentState);
    return {
      state: this.#currentState,
      progress: this.#latestProgress,
      error: this.#error,
      retrying: this.#retrying,
      videoId: this.#video?.videoId ?? this.videoId,
      video: this.#video,
      pausedBy: this.#currentState === 'paused' ? this.#pausedBy : undefined,
      resumedAt: inProgress ? this.#resumedAt : undefined,
      notResumed: inProgress ? this.notResumed : undefined,
      editable: this.#attempts.tokens.editable,
    };
  }

  /** Resolves when the session settles (success, error, cancel); never rejects. */
  start(): Promise<void> {
    if (this.#settled) return this.#settled;
    this.#settled = new Promise<void>((resolve) => (this.#settle = resolve));
    this.#started = true;
    // An empty file fails at once, before any token is asked for (a recording finds out it is empty when it stops).
    if (this.source.complete && this.source.count === 0) {
      this.#fail({ code: 'invalid-file', message: this.source.emptyMessage, retriable: false });
      return this.#settled;
    }
    // A recording's outages are waited out part by part (woken by `online`): it is never paused.
    if (typeof window !== 'undefined' && !this.source.growing) {
      window.addEventListener('offline', this.#onOffline);
      window.addEventListener('online', this.#onOnline);
    }
    void this.#drive();
    return this.#settled;
  }

  /**
   * Resolves once the started upload holds a token, or has failed for want of one: a recording says it records only
   * then, so a token source that fails is heard at once. Asks no token twice: the request is the run's own.
   */
  async holdsToken(): Promise<void> {
    if (this.#attempts.tokens.current) return;
    try {
      await this.#attempts.tokens.acquire();
    } catch {
      await this.#settled;
    }
  }

  /**
   * Stops sending: the part in flight is aborted and sent again on `resume()`. Part 1 without a known video is let
   * finish instead: api.video makes the video on part 1, and a part 1 sent again without its videoId would make a
   * second one.
   */
  pause(by: PauseReason = 'request'): void {
    if (this.#currentState !== 'uploading' && this.#currentState !== 'preparing') return;
    this.#pausedBy = by;
    this.#halt(this.#firstPartInFlight);
    this.#setState('paused');
    this.#emit(new UploadPauseEvent({ file: this.file }));
  }

  /** Carries on at the first part the server lacks. */
  resume(): void {
    if (this.#currentState !== 'paused') return;
    this.#emit(new UploadResumeEvent({ file: this.file }));
    void this.#drive();
  }

  /** Aborts at once; the session is over. */
  cancel(): void {
    if (!this.#started || this.controller.signal.aborted) return;
    const wasActive = this.#currentState !== 'success';
    // A failed upload dropped is no cancel: its record is what lets it go on later.
    if (wasActive && this.#currentState !== 'error') this.#options.resume?.cancelled();
    this.#halt();
    this.controller.abort();
    this.#removeListeners();
    if (wasActive) {
      this.#setState('idle');
      this.#emit(new UploadCancelEvent({ file: this.file }));
    }
    this.#settle();
  }

  /** After an error: continues at the failed part (asking for a new token first when the token was the problem). */
  retry(): void {
    if (this.#currentState !== 'error' && this.#currentState !== 'waiting-for-token') return;
    this.#attempts.refusals.clear();
    void this.#drive();
  }

  /** A new static token; in `waiting-for-token` the upload continues at the part that was refused. */
  setStaticToken(token: string): void {
    if (this.#attempts.tokens.setStatic(token) && this.#currentState === 'waiting-for-token') {
      this.#attempts.refusals.clear();
      void this.#drive();
    }
  }

  /** Waits until the source has more parts (a recording's next one, or its end); a run ended meanwhile stops here. */
  async #waitForParts(run: number): Promise<void> {
    await this.source.more();
    if (run !== this.#run) throw new PartError(0, { reason: 'ABORTED' });
  }

  // ---- the run of parts ----

  async #drive(): Promise<void> {
    const run = ++this.#run;
    try {
      // A pause while part 1 was on its way let it finish: its answer says which video the parts go into.
      await this.#firstPartInFlight;
      if (run !== this.#run) return;
      if (this.#options.resume && !this.#resumeDecided) {
        this.#setState('preparing');
        await this.#continueFromRecord();
        if (run !== this.#run) return;
      }
      if (!this.#attempts.tokens.current) {
        this.#setState('preparing');
        await this.#attempts.tokens.acquire();
        if (run !== this.#run) return;
      }
      // A recording starts with no part yet: the upload starts with its first.
      while (this.source.count === 0 && !this.source.complete) await this.#waitForParts(run);
      if (this.source.count === 0) return this.#fail({ code: 'invalid-file', message: this.source.emptyMessage, retriable: false });
      if (!this.#announcedStart) this.#announceStart();
      this.#setState('uploading');
      const engine = new UploadEngine({
        apiHost: this.#apiHost,
        videoName: this.#options.videoName || this.file.name,
        videoId: this.videoId,
        sender: this.#options.sender,
      });
      this.#engine = engine;
      const video = await this.#sendParts(run, engine);
      if (run !== this.#run) return;
      this.#succeed(video);
    } catch (error) {
      if (run !== this.#run) return;
      if (this.resumed && error instanceof PartError && isVideoGone(error.failure)) return this.#startOver();
      this.#fail(this.#attempts.describe(error));
    }
  }

  #announceStart(): void {
    this.#announcedStart = true;
    const { source, resumed, notResumed } = this;
    const firstPart = firstMissingPart(this.#acked.keys(), source.count);
    this.#emit(new UploadStartEvent({
      file: this.file, totalBytes: source.size, chunkSize: source.partSize, parts: source.complete ? source.count : 0,
      resumed, firstPart, ...(notResumed ? { notResumed } : {}),
    }));
    // Where the bar starts: at the bytes a resumed upload finds on the server, or back at 0 after starting over.
    const held = acknowledgedBytes(this.#acked.keys(), source.size, source.partSize);
    if (resumed || this.#progress.uploadedBytes !== held) {
      this.#reportProgress(this.#progress.restartAt(held, firstPart));
      if (resumed) this.#resumedAt = Math.floor(this.#latestProgress!.percent);
    }
  }

  /**
   * Every part the server lacks, `parallelParts` at a time (one for a recording), lowest first; a file's may complete
   * in any order: api.video puts a video's parts together whatever order they arrive in. Part 1 goes alone while no
   * video is known, since its answer names the video the others go into. A lane that finds no part waits for the
   * source to have more, until it is complete. Resolves with the answer to the part that completed the video.
   */
  async #sendParts(run: number, engine: UploadEngine): Promise<Video> {
    const taken = new Set<number>();
    const take = () => {
      for (let part = 1; part <= this.source.count; part++) {
        if (!this.#acked.has(part) && !taken.has(part)) return taken.add(part), part;
      }
      return undefined;
    };
    let last = this.#acked.get(this.source.count) ?? [...this.#acked.values()].at(-1);
    const send = async (part: number) => {
      last = await this.#sendPart(run, part, engine);
      engine.useVideo(last.videoId);
    };
    if (!this.videoId && !this.#acked.has(1)) await send(take()!);
    const lane = async () => {
      for (;;) {
        const part = take();
        if (part !== undefined) await send(part);
        else if (this.source.complete) return;
        else await this.#waitForParts(run);
      }
    };
    await Promise.all(Array.from({ length: this.#parallelParts }, lane));
    if (run !== this.#run || !last || this.#acked.size < this.source.count) throw new PartError(0, { reason: 'ABORTED' });
    return last;
  }

  /** The plan a resume record must match: an earlier upload continues only if it was made the same way. */
  get #plan(): UploadPlan {
    const { source } = this;
    return { apiHost: this.#apiHost, chunkSize: source.partSize, parts: source.count, videoId: this.#options.videoId?.trim() || undefined };
  }

  /** Continues an earlier upload of this file when its record allows: into its video, skipping the parts it has. */
  async #continueFromRecord(): Promise<void> {
    const decision = await this.#options.resume!.decide(this.file, this.#plan);
    if (this.#resumeDecided) return;
    this.#resumeDecided = true;
    if (!decision.resume) {
      this.notResumed = decision.reason;
      return;
    }
    this.resumed = true;
    this.#givenVideoId = decision.videoId;
    const video = { videoId: decision.videoId } as Video;
    for (const part of decision.acknowledged) this.#acked.set(part, video);
  }

  /**
   * The video the earlier upload went into is gone (404): this one starts over from part 1, into the video the page
   * or the token names, else a new one, and a second `upload-start` says why.
   */
  #startOver(): void {
    this.#halt();
    this.#options.resume?.startOver();
    this.resumed = false;
    this.#resumedAt = undefined;
    this.notResumed = 'video-not-found';
    this.#acked.clear();
    this.#attempts.sends.clear();
    this.#givenVideoId = this.#options.videoId?.trim() || undefined;
    this.#announcedStart = false;
    void this.#drive();
  }

  /** Part k, sent as often as PartAttempts decides; resolves once the server holds it. */
  async #sendPart(run: number, part: number, engine: UploadEngine): Promise<Video> {
    const known = this.#acked.get(part);
    if (known) return known;
    this.#options.resume?.sending(part);
    const { source } = this;
    const outgoing = { part, bytes: await source.bytesOf(part), total: source.complete ? source.count : ('*' as const) };
    const video = await this.#attempts.send({
      part,
      attempt: (token, onProgress) => {
        const attempt = engine.attempt(outgoing, token, (bytes) => {
          onProgress?.(bytes);
          if (run === this.#run) this.#sent(part, bytes);
        });
        if (part === 1 && !this.videoId) this.#firstPartGoes(attempt.result);
        return attempt;
      },
      live: () => run === this.#run,
      video: () => this.#acked.get(part - 1) ?? [...this.#acked.values()].at(-1) ?? (this.videoId ? ({ videoId: this.videoId } as Video) : undefined),
      // The whole source is there: no part still waiting needs to go (a resumed upload may hear it for any part).
      complete: (video) => {
        for (let other = 1; other <= source.count; other++) if (!this.#acked.has(other)) this.#acked.set(other, video);
      },
      sendMs: () => {
        const speed = this.#progress.bytesPerSecond;
        return speed > 0 ? Math.min(300_000, (source.sizeOf(part) / speed) * 1000) : 0;
      },
    });
    return this.#acknowledge(run, part, video);
  }

  /**
   * Part 1 is on its way without a videoId: a pause lets it finish (see `pause`). Its answer is recorded here, in
   * the same step that lets a waiting `resume()` go on: the next run must find part 1 held and its video known, or
   * it would send part 1 again without a videoId and make a second video.
   */
  #firstPartGoes(result: Promise<Video>): void {
    const settled = () => {
      if (this.#firstPartInFlight === firstPart) this.#firstPartInFlight = undefined;
    };
    const firstPart: Promise<void> = result.then((video) => {
      if (!this.#acked.has(1)) this.#acked.set(1, video);
      settled();
    }, settled);
    this.#firstPartInFlight = firstPart;
  }

  /** Part k has sent `partBytesSent` of its bytes so far (a part sent again starts over at zero). */
  #sent(part: number, partBytesSent: number): void {
    this.#inFlightBytes.set(part, Math.min(this.source.sizeOf(part), partBytesSent));
    this.#reportBytes(part);
  }

  /**
   * Bytes on the server or on their way: the parts acknowledged, plus what each part in flight has sent so far. The
   * tracker keeps the figure from going backwards.
   */
  #reportBytes(part: number): void {
    let bytes = 0;
    for (const acked of this.#acked.keys()) bytes += this.source.sizeOf(acked);
    for (const sent of this.#inFlightBytes.values()) bytes += sent;
    this.#reportProgress(this.#progress.update(bytes, part));
  }

  #reportProgress(measured: Omit<UploadProgressDetail, 'file'>): void {
    this.#latestProgress = { ...measured, file: this.file };
    this.#emit(new UploadProgressEvent(this.#latestProgress));
  }

  /**
   * Part k is on the server, whether or not the run that sent it is still the current one. The resume record says so
   * before the next part goes.
   */
  #acknowledge(run: number, part: number, video: Video): Video | Promise<Video> {
    this.#acked.set(part, video);
    this.#inFlightBytes.delete(part);
    this.source.acknowledged(part);
    if (run === this.#run) {
      this.#resumedAt = undefined;
      if (this.#retrying?.part === part) this.#retrying = undefined;
      const parts = this.source.complete ? this.source.count : 0;
      this.#emit(new UploadPartEvent({ file: this.file, part, parts, videoId: video.videoId, attempts: this.#attempts.attemptsAt(part) }));
      // A growing total moves the figure with every part held, not only with bytes sent.
      if (this.source.growing) this.#reportBytes(part);
    }
    // Without resume the next part goes at once, as it always has.
    const recorded = this.#options.resume?.stored(video.videoId, this.#acked.keys());
    return recorded ? recorded.then(() => video) : video;
  }

  // ---- outcomes ----

  #succeed(video: Video): void {
    this.#options.resume?.finished();
    this.#video = video;
    this.#reportProgress(this.#progress.complete());
    this.#progress.suspend();
    this.#removeListeners();
    this.#setState('success');
    announceSuccess(this.#emit, this.file, video, this.controller.signal, this.#options.playableTimeoutMs);
    this.#settle();
  }

  #fail(detail: UploadErrorDetail): void {
    this.#halt();
    // The source's latest token is known bad: retry() starts by asking for another.
    if (detail.code === 'token-rejected') this.#attempts.tokens.forget();
    this.#error = { ...detail, file: this.file };
    this.#setState(detail.code === 'token-expired' ? 'waiting-for-token' : 'error');
    this.#emit(new UploadErrorEvent(this.#error));
    this.#settle();
  }

  /**
   * Ends the current run: nothing it still does reaches the page. Given `letFinish`, the request on its way is
   * stopped only once that settles (the run sends nothing more meanwhile: its sendPart sees the run is over).
   */
  #halt(letFinish?: Promise<void>): void {
    this.#run++;
    this.#progress.suspend();
    const engine = this.#engine;
    this.#engine = undefined;
    if (letFinish) void letFinish.then(() => engine?.stop());
    else engine?.stop();
  }

  #setState(state: UploadState): void {
    const previous = this.#currentState;
    if (state === previous) return;
    this.#currentState = state;
    if (state !== 'uploading') this.#retrying = undefined;
    if (state === 'preparing' || state === 'uploading') this.#error = undefined;
    if (state !== 'paused') this.#pausedBy = undefined;
    this.#emit(new UploadStateEvent({ file: this.file, state, previous }));
  }

  readonly #onOffline = () => {
    if (this.#currentState === 'uploading' || this.#currentState === 'preparing') this.pause('offline');
  };

  readonly #onOnline = () => {
    if (this.#currentState === 'paused' && this.#pausedBy === 'offline') this.resume();
  };

  #removeListeners(): void {
    if (typeof window === 'undefined') return;
    window.removeEventListener('offline', this.#onOffline);
    window.removeEventListener('online', this.#onOnline);
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
