// One entry of the element's list of uploads: a file (or a recording) with where it stands before, during and after
// its upload, and what it does when its turn comes. While it runs, its UploadController (one session) is the one
// owner of its state; before and after, the phase is. A single file is the one entry of a list of one.
import type { FileRejectDetail } from '../events/index.js';
import { isSettled, type ProgressingFile, type QueueEntry, type QueueEntryState, type ScheduledFile } from '../upload/queue.js';
import type { ResumeTracker } from '../upload/resume-tracker.js';
import type { RowModel } from './queue-views.js';
import type { Strings } from './strings.js';
import type { UploadController } from './upload-controller.js';

/**
 * - `checking`, `rejected`, `ready`, `cancelled`: as the entry states of the same names;
 * - `queued`: waits for a place, to do `next`;
 * - `held`: was queued and paused before its turn came (shown as `paused`); resuming queues it again;
 * - `running`: its session has started, or its recording is followed; the controller says where it stands.
 */
type Phase = 'checking' | 'rejected' | 'ready' | 'queued' | 'held' | 'running' | 'cancelled';

/** What an entry does when its turn comes: start, or go on with the session it has (paused, or failed). */
export type Turn = 'start' | 'resume' | 'retry';

let keys = 0;

export class ListEntry implements ScheduledFile, ProgressingFile {
  /** Names the entry's row across renders, so a row keeps its elements (and the focus in them) as others come and go. */
  readonly key = ++keys;
  phase: Phase = 'checking';
  next: Turn = 'start';
  rejection?: FileRejectDetail;
  /** Keeps the resume record of the entry's latest session (none with `resumable="false"`, nor for a recording). */
  tracker?: ResumeTracker;
  #waiters: (() => void)[] = [];

  /** The file's handle where the browser gave one (Chromium's picker, a drop), stored with the resume record. */
  handle?: FileSystemFileHandle;

  /** `recording`: the entry follows a recording run by the recording panel; `file` only names it. */
  constructor(readonly file: File, readonly controller: UploadController, readonly recording = false) {
    if (recording) this.phase = 'running';
  }

  get size(): number {
    return this.file.size;
  }

  get progress() {
    return this.controller.progress;
  }

  get state(): QueueEntryState {
    switch (this.phase) {
      case 'held':
        return 'paused';
      case 'running': {
        // Between start() and the session's first state the controller still says idle: the file is preparing. A
        // recording not under way yet is no upload at all: as a file waiting for `upload()`, it leaves the list idle.
        const state = this.controller.state;
        return state !== 'idle' ? state : this.recording ? 'ready' : 'preparing';
      }
      default:
        return this.phase;
    }
  }

  get pausedOnRequest(): boolean {
    return this.phase === 'held' || this.#pausedBy === 'request';
  }

  /** The entry's row, in the element's language. */
  row(strings: Strings): RowModel {
    const { controller } = this;
    const state = this.state;
    const percent = (progress?: { percent: number }) =>
      state === 'success' ? 100 : Math.min(100, Math.max(0, Math.floor(progress?.percent ?? 0)));
    return {
      key: this.key,
      file: this.file,
      state,
      percent: percent(controller.progress),
      shownPercent: percent(controller.shownProgress),
      retrying: controller.retrying,
      error: controller.error,
      errorText: controller.errorText?.(strings),
      rejection: this.rejection?.message,
      videoId: controller.videoId,
    };
  }

  /** The file as the page reads it in `files`. */
  snapshot(): QueueEntry {
    const { controller } = this;
    return {
      file: this.file,
      state: this.state,
      progress: controller.progress,
      error: controller.error,
      rejection: this.rejection,
      videoId: controller.videoId,
      video: controller.video,
    };
  }

  /**
   * Pauses: a file waiting for its first turn is held back; a session sending is paused, leaving its place to the
   * next file. A file queued to resume or retry goes back to where it was.
   */
  pause(): void {
    if (this.phase === 'queued') {
      this.phase = this.next === 'start' ? 'held' : 'running';
      return;
    }
    // The controller's own state: a session not yet under way has nothing to pause.
    if (this.phase !== 'running' || !['preparing', 'uploading'].includes(this.controller.state)) return;
    this.controller.pause();
  }

  /**
   * Resumes: a held file is queued again; a paused session goes on at once when it kept its place (paused by the
   * browser going offline), else it waits for one.
   */
  resume(): void {
    if (this.phase === 'held') this.phase = 'queued';
    if (this.phase !== 'running' || this.state !== 'paused') return;
    if (this.#pausedBy === 'request') this.#queue('resume');
    else this.controller.resume();
  }

  /** After an error, waits for a place to continue; waiting for a token, it kept its place and continues at once. */
  retry(): void {
    if (this.phase !== 'running') return;
    if (this.state === 'error') this.#queue('retry');
    else if (this.state === 'waiting-for-token') this.controller.retry();
  }

  /** Waits for a place to be uploaded again from the start (a list of one's uploaded file, given `upload()`). */
  again(): void {
    this.#queue('start');
  }

  /** Called when its turn comes. */
  takeTurn(start: () => void): void {
    const turn = this.next;
    this.phase = 'running';
    this.next = 'start';
    if (turn === 'resume') {
      this.controller.resume();
    } else if (turn === 'start' || !this.controller.retry()) {
      // A failure before any session (a refused api-host) has nothing to continue: a new session starts.
      start();
    }
  }

  /** Why its session is paused: asked (its place goes to the next file), or offline (it keeps its place). */
  get #pausedBy() {
    return this.controller.snapshot.pausedBy;
  }

  /** Resolves the next time the entry settles (see `isSettled`). */
  settled(): Promise<void> {
    if (isSettled(this.state)) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Called after every change: resolves the waiters once the entry has settled. */
  notify(): void {
    if (!isSettled(this.state) || this.#waiters.length === 0) return;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const resolve of waiters) resolve();
  }

  #queue(turn: Turn): void {
    this.phase = 'queued';
    this.next = turn;
  }
}
