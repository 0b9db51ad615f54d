// One recording from the camera or a screen, uploaded while it is made. The MediaRecorder hands a chunk every
// `timesliceMs`; each goes at once to the recording's parts, which an UploadSession sends as they fill, as it sends a
// file's. The recorder never waits on the network: a part that cannot go yet is kept, and the recording carries on.
import { RecordingStartEvent, RecordingStopEvent, UploadErrorEvent, type RecordingStopReason } from '../events/index.js';
import { UploadSession } from '../upload/session.js';
import type { UploadSessionEmit, UploadSessionOptions } from '../upload/types.js';
import { chooseRecordingType, extensionOf } from './formats.js';
import { RecordingFailure, openStream, recordingFailure, type RecordingSource } from './media.js';
import { RecordingJournal } from './journal.js';
import { RecordingParts, type RecordingPartsOptions } from './recording-parts.js';

/** A recording's upload: a file's settings, less what only a file has (its part size, parts side by side, resume). */
type RecordingUploadOptions = Omit<UploadSessionOptions, 'file' | 'source' | 'chunkSize' | 'minChunkSize' | 'parallelParts' | 'resume'>;

export interface RecordingOptions extends RecordingUploadOptions, Omit<RecordingPartsOptions, 'spill'> {
  source: RecordingSource;
  /** Record the microphone too. */
  microphone?: boolean;
  /** The type to record in, when the browser can (`recording-mime-type`); else the best it offers. */
  mimeType?: string;
  /** Stops the recording at this length, in seconds. */
  maxDurationSeconds?: number;
  /** How often the recorder hands over its data; default 1000 ms. */
  timesliceMs?: number;
  /** Where the camera and screen come from; default `navigator.mediaDevices` (a page may give a frame's). */
  mediaDevices?: MediaDevices;
  /** Hears every chunk as the recorder made it (e.g. to keep a local copy). */
  onData?: (chunk: Blob) => void;
  /** Hears the recording's upload once it exists, before it starts: the element renders from its snapshot. */
  onUpload?: (upload: UploadSession) => void;
}

/**
 * A recorder already started: in the type asked for, else the best for the stream. Firefox refuses on start a type
 * that does not fit the stream's tracks (a video-only type for a stream with sound), so the asked type that fails
 * gives way to the best one. Listeners added in the same task miss nothing: data comes in a later task.
 */
function startRecorder(stream: MediaStream, asked: string | undefined, timesliceMs: number): MediaRecorder {
  const withAudio = stream.getAudioTracks().length > 0;
  const types = [...new Set([chooseRecordingType(asked, withAudio), chooseRecordingType(undefined, withAudio)])];
  let failure: unknown;
  for (const type of types) {
    try {
      const recorder = new MediaRecorder(stream, type ? { mimeType: type } : {});
      recorder.start(timesliceMs);
      return recorder;
    } catch (error) {
      // WebKitGTK builds without an encoder have the class but throw here (NotSupportedError).
      failure = error;
    }
  }
  for (const track of stream.getTracks()) track.stop();
  throw recordingFailure('recorder', failure);
}

export class Recording {
  #stopReason: RecordingStopReason = 'user';
  readonly #startedAt = performance.now();
  #bytes = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #hasEnded = false;
  /** Whether anything here stopped the recorder; a recorder that stopped by itself lost its tracks or failed. */
  #stopAsked = false;
  /** Settles once the recorder has stopped and handed over its last data. */
  readonly stopped: Promise<void>;
  /** Settles once the upload succeeded, failed or was cancelled; never rejects. */
  readonly settled: Promise<void>;

  readonly #recorder: MediaRecorder;
  readonly #options: RecordingOptions;
  readonly #emit: UploadSessionEmit;
  readonly #journal: RecordingJournal | undefined;
  private constructor(
    readonly stream: MediaStream,
    recorder: MediaRecorder,
    readonly upload: UploadSession,
    /** What was recorded and not yet held by the server. */
    readonly parts: RecordingParts,
    options: RecordingOptions,
    emit: UploadSessionEmit,
    /** Where every chunk is kept until api.video holds the whole recording; absent without IndexedDB. */
    journal?: RecordingJournal,
  ) {
    this.#recorder = recorder;
    this.#options = options;
    this.#emit = emit;
    this.#journal = journal;
    // The upload's first event comes a microtask later, after `recording-start` (begin) is fired.
    this.settled = upload.start();
    // Kept after a failed upload: the next page that records offers it for download.
    void this.settled.then(() => {
      if (upload.state === 'success') void this.#journal?.remove();
    });
    this.stopped = new Promise((resolve) => recorder.addEventListener('stop', () => resolve(), { once: true }));
  }

  /**
   * Asks for the camera or screen (a user gesture must be under way for the screen), then records and uploads.
   * Rejects with a RecordingFailure, after the page heard it as `upload-error`, when the source cannot be had.
   */
  static async start(options: RecordingOptions, emit: UploadSessionEmit = () => {}): Promise<Recording> {
    let stream: MediaStream;
    try {
      stream = await openStream(options.source, options.microphone ?? false, options.mediaDevices ?? navigator.mediaDevices);
    } catch (error) {
      throw Recording.failed(error instanceof RecordingFailure ? error : recordingFailure(options.source, error), emit);
    }
    // The journal is open before the recorder starts: from then on, nothing awaits before its listeners are on.
    const guess = chooseRecordingType(options.mimeType, stream.getAudioTracks().length > 0) || 'video/webm';
    const name = `${options.source}-${new Date().toISOString().replace(/[:.]/g, '-')}.${extensionOf(guess)}`;
    const id = globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const journal = await RecordingJournal.open({ id, name, type: guess.split(';')[0], startedAt: Date.now() });
    let recorder: MediaRecorder;
    try {
      recorder = startRecorder(stream, options.mimeType, options.timesliceMs ?? 1000);
    } catch (error) {
      void journal?.remove();
      throw Recording.failed(error as RecordingFailure, emit);
    }
    const file = new File([], name, { type: recorder.mimeType.split(';')[0] || 'video/webm' });
    // Parts waiting beyond the memory limit are read back from the journal, which holds every byte anyway.
    const spill = journal ? (start: number, end: number) => journal.data().then((all) => all.slice(start, end)) : undefined;
    const parts = new RecordingParts(file, { ...options, ...(spill ? { spill } : {}) });
    const upload = new UploadSession({ ...options, file, source: parts }, emit);
    options.onUpload?.(upload);
    const recording = new Recording(stream, recorder, upload, parts, options, emit, journal);
    await recording.#begin();
    return recording;
  }

  private static failed(failure: RecordingFailure, emit: UploadSessionEmit): RecordingFailure {
    emit(new UploadErrorEvent(failure.detail));
    return failure;
  }

  /**
   * Everything recorded, for a download after a failed upload: from IndexedDB, where the chunks are kept anyway, so
   * a long recording is not held in memory twice; undefined without IndexedDB.
   */
  savedData(): Promise<Blob> | undefined {
    return this.#journal?.data();
  }

  get mimeType(): string {
    return this.#recorder.mimeType;
  }

  get durationSeconds(): number {
    return (performance.now() - this.#startedAt) / 1000;
  }

  get recording(): boolean {
    return this.#recorder.state !== 'inactive';
  }

  /** Ends the recording; the rest of its data goes as the last part. Resolves when the upload settled. */
  stop(reason: RecordingStopReason = 'user'): Promise<void> {
    if (this.#recorder.state !== 'inactive') {
      this.#stopReason = reason;
      this.#stopAsked = true;
      this.#recorder.stop();
    } else if (reason === 'error') {
      this.#stopReason = reason;
    }
    return this.settled;
  }

  /** Ends the recording and drops its upload. */
  cancel(): void {
    void this.#journal?.remove();
    this.upload.cancel();
    if (this.#recorder.state !== 'inactive') this.#recorder.stop();
  }

  async #begin(): Promise<void> {
    const recorder = this.#recorder;
    recorder.addEventListener('dataavailable', (event) => {
      if (event.data.size === 0) return;
      this.#bytes += event.data.size;
      this.#journal?.add(event.data);
      this.#options.onData?.(event.data);
      // A failed upload is not fed: what was recorded is kept for download in the journal.
      if (this.upload.state !== 'error') this.parts.push(event.data);
    });
    recorder.addEventListener('stop', () => this.#ended(), { once: true });
    // A recorder that fails may stop without a `stop` event (Firefox): the recording ends here then, never hangs.
    recorder.addEventListener('error', () => {
      this.stop('error');
      queueMicrotask(() => {
        if (this.#recorder.state === 'inactive') this.#ended();
      });
    });
    // A camera unplugged, a microphone gone, or the browser's own "stop sharing": the recording ends with what it has.
    for (const track of this.stream.getTracks()) track.addEventListener('ended', () => this.stop('device-lost'));
    const max = this.#options.maxDurationSeconds;
    if (max !== undefined && max > 0) this.#timer = setTimeout(() => this.stop('max-duration'), max * 1000);
    this.#emit(new RecordingStartEvent({ source: this.#options.source, mimeType: recorder.mimeType }));
    await this.upload.holdsToken();
  }

  #ended(): void {
    if (this.#hasEnded) return;
    this.#hasEnded = true;
    // Firefox stops the recorder itself once every track has ended, before the tracks' `ended` reaches us.
    if (!this.#stopAsked && this.#stopReason === 'user') {
      this.#stopReason = this.stream.getTracks().every((t) => t.readyState === 'ended') ? 'device-lost' : 'error';
    }
    clearTimeout(this.#timer);
    for (const track of this.stream.getTracks()) track.stop();
    this.#emit(new RecordingStopEvent({ durationSeconds: this.durationSeconds, bytes: this.#bytes, reason: this.#stopReason }));
    this.parts.finish();
  }
}
