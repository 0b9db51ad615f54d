// The element's one list of uploads, for one file and for `multiple` alike: takes files in (with their handles, where
// the browser gave them), checks each against the restrictions on its own, starts them as places free up (the
// scheduler in src/upload/queue.ts decides which), acts on one file or on all, and fires `queue-complete` when a
// queue drains. Each entry's upload runs in its own UploadController, which dispatches the session's events from the
// element. A single file is a list of one: `multiple` changes the limits (how many files, how many at once, whether
// a new file replaces the settled one) and what is said, never the path.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { FileRejectEvent, FileSelectEvent, QueueCompleteEvent, UploadCancelEvent } from '../events/index.js';
import type { FileRejectDetail, FileRejectReason, UploaderEvent } from '../events/index.js';
import {
  QueueDrain,
  filesToStart,
  isSettled,
  queueState,
  queueTotals,
  type QueueEntry,
  type QueueTotals,
} from '../upload/queue.js';
import type { ResumeTracker } from '../upload/resume-tracker.js';
import type { UploadSessionOptions, UploadState } from '../upload/types.js';
import type { UploadCode } from './engine-code.js';
import { ProgressMilestones } from './announcer.js';
import { checkFile, type FileRestrictions } from './file-checks.js';
import { ListEntry } from './list-entry.js';
import type { LocalizeController } from './localize.js';
import { rejectionMessage } from './rejection.js';
import { isInProgress } from './states.js';
import { UploadController, type Following } from './upload-controller.js';

type Host = ReactiveControllerHost & HTMLElement;

/** The element's settings the list reads when it needs them (a change applies to the files that come next). */
export interface ListSettings extends FileRestrictions {
  accept: string;
  /**
   * A queue: every file given is added (up to `maxFiles`), keeps its row, and its sentences name it. Else a list of
   * one: a new file replaces a settled one and is refused while one is checked or uploaded.
   */
  multiple: boolean;
  concurrency: number;
  maxFiles?: number;
}

export interface UploadListOptions {
  localize: LocalizeController;
  /** Puts a sentence in the live region. */
  announce(text: string): void;
  settings(): ListSettings;
  /**
   * What a file's session is started with: the element's token sources, api-host, part size, resume… at that moment,
   * with the engine it starts on.
   */
  sessionOptions(code: UploadCode, file: File, handle?: FileSystemFileHandle): UploadSessionOptions;
  /** The upload engine, once it arrived: files wait for it in their turn. */
  code(): UploadCode | undefined;
  /** Fetches the engine for a file whose turn came (unless a fetch failed: the visitor tries again). */
  wantCode(): void;
  /** New progress of an upload: the host renders it at its next animation frame. */
  progressed(): void;
}

/** A file given to the element, with its handle where the browser gave one (a drop's arrives a moment later). */
export interface GivenFile {
  file: File;
  handle?: FileSystemFileHandle | Promise<FileSystemFileHandle | undefined>;
}

/** Sentences said at the same moment, read as one: each ends with a full stop, so a screen reader pauses between. */
function joinSentences(sentences: string[]): string {
  if (sentences.length === 1) return sentences[0];
  return sentences.map((sentence) => (/[.!?…]$/.test(sentence) ? sentence : `${sentence}.`)).join(' ');
}

export class UploadList implements ReactiveController {
  /**
   * Why the latest files were refused, shown by the drop zone until files come again: a list of one's refused file
   * (it keeps no row), or a queue's files one more than `max-files`.
   */
  notice?: string;
  #entries: ListEntry[] = [];
  readonly #drain = new QueueDrain();
  readonly #milestones = new ProgressMilestones();
  #sentences: string[] = [];
  #pumpPending = false;
  /** A change since the last pump asked for a render (progress alone renders at the next frame). */
  #renderWanted = false;

  readonly #host: Host;
  readonly #options: UploadListOptions;

  constructor(host: Host, options: UploadListOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  get #multiple(): boolean {
    return this.#options.settings().multiple;
  }

  // Removed from the page, not moved: nothing starts for an element no one sees. A running upload is let go by its
  // controller; a queue gives up the rest too, a list of one drops the file it was checking (its settled file stays).
  hostDisconnected(): void {
    queueMicrotask(() => {
      if (this.#host.isConnected) return;
      if (this.#multiple) this.cancel();
      else this.#drop((entry) => entry.phase === 'checking' || entry.phase === 'queued');
    });
  }

  /** The entries, in the order they came, for the rows. */
  get rows(): readonly ListEntry[] {
    return this.#entries;
  }

  /** The list of one's entry (its file, or the recording followed); undefined for a queue. */
  get only(): ListEntry | undefined {
    return this.#multiple ? undefined : this.#entries[0];
  }

  /** A list of one's file, once it passed the restrictions. */
  get file(): File | undefined {
    const only = this.only;
    return only && !only.recording && only.phase !== 'checking' ? only.file : undefined;
  }

  /** The files as the page reads them: a queue's every file; a list of one's file once it passed the restrictions. */
  get files(): QueueEntry[] {
    const files = this.#entries.filter((entry) => !entry.recording && (this.#multiple || entry.phase !== 'checking'));
    return files.map((entry) => entry.snapshot());
  }

  /** The resume trackers of the entries' sessions: the page leaving keeps every one's record. */
  get trackers(): ResumeTracker[] {
    return this.#entries.flatMap((entry) => (entry.tracker ? [entry.tracker] : []));
  }

  /** A file of that name is in the list (and not cancelled). */
  holds(fileName: string): boolean {
    const named = (entry: ListEntry) => !entry.recording && entry.phase !== 'cancelled' && entry.file.name === fileName;
    return this.#entries.some(named);
  }

  /** Files (not a recording) are in the list. */
  get hasFiles(): boolean {
    return this.#entries.some((entry) => !entry.recording);
  }

  get state(): UploadState {
    return queueState(this.#entries);
  }

  /** The queue's total for its bar: every file's latest progress. */
  get totals(): QueueTotals {
    return queueTotals(this.#entries);
  }

  /** The queue's total for its numbers: every file's progress as its numbers show it (ten times a second at most). */
  get shownTotals(): QueueTotals {
    return queueTotals(this.#entries.map((entry) => ({ state: entry.state, size: entry.size, progress: entry.controller.shownProgress })));
  }

  /** Files are being checked, wait for their turn, upload or are paused. */
  get busy(): boolean {
    return this.#entries.some((entry) => !isSettled(entry.state) && entry.phase !== 'ready');
  }

  /** A queue takes files at any time; a list of one's file is not replaced while it is checked or uploaded. */
  get accepting(): boolean {
    const busy = (entry: ListEntry) => ['checking', 'queued'].includes(entry.state) || isInProgress(entry.state as UploadState);
    return this.#multiple || !this.#entries.some(busy);
  }

  get hasReady(): boolean {
    return this.#entries.some((entry) => entry.phase === 'ready');
  }

  /** Files whose turn waits for the upload engine to arrive. */
  get waitingForCode(): number {
    return this.#options.code() ? 0 : this.#entries.filter((entry) => entry.phase === 'queued').length;
  }

  /** The upload engine arrived: the files waiting for it go. */
  codeArrived(): void {
    this.#changed();
  }

  /**
   * Takes files in, each checked on its own: one that breaks a restriction gets its `file-reject` (and, in a queue,
   * its row), and the others go on. Beyond `max-files` a file is refused without a row; a list of one takes the first
   * file, in place of a settled one. Accepted files are queued (`start`) or wait for `upload()`. Resolves once every
   * file taken in has settled; never rejects.
   */
  add(given: readonly GivenFile[], start: boolean): Promise<void> {
    const { maxFiles } = this.#options.settings();
    if (!this.#multiple) {
      if (!this.accepting || !given.length) return Promise.resolve();
      given = given.slice(0, 1);
      this.#drop(() => true);
    }
    this.notice = undefined;
    const taken: ListEntry[] = [];
    for (const { file, handle } of given) {
      if (this.#multiple && maxFiles !== undefined && this.#holding >= maxFiles) {
        this.#refuse(file, 'count', this.#options.localize.strings.rejectCount(maxFiles));
        continue;
      }
      const entry = this.#create(file);
      this.#entries.push(entry);
      taken.push(entry);
      void this.#check(entry, start, handle);
    }
    this.#changed();
    return Promise.all(taken.map((entry) => entry.settled())).then(() => undefined);
  }

  /**
   * Follows a recording run by the recording panel (its events dispatched, its session shown): it takes the list of
   * one's place, as a file would.
   */
  follow(): Following {
    this.#drop(() => true);
    const entry = this.#create(new File([], 'recording'), true);
    this.#entries.push(entry);
    return entry.controller.follow();
  }

  /**
   * Queues every file waiting for `upload()` (a list of one's uploaded file too, to upload it again); resolves once
   * they have settled.
   */
  upload(): Promise<void> {
    const again = this.#multiple ? [] : this.#entries.filter((entry) => !entry.recording && entry.state === 'success');
    const ready = this.#entries.filter((entry) => entry.phase === 'ready');
    for (const entry of ready) entry.phase = 'queued';
    for (const entry of again) entry.again();
    this.#changed();
    return Promise.all([...ready, ...again].map((entry) => entry.settled())).then(() => undefined);
  }

  pause(file?: File): void {
    this.#each(file, (entry) => entry.pause());
  }

  resume(file?: File): void {
    this.#each(file, (entry) => entry.resume());
  }

  retry(file?: File): void {
    this.#each(file, (entry) => entry.retry());
  }

  /**
   * Cancels: a running session is cancelled and fires its own `upload-cancel`. A file not started yet is given up with
   * an `upload-cancel` of the element's (a list of one's goes back to the drop zone); in a queue, a failed file too (a
   * list of one keeps its failed file, to retry).
   * Uploaded, rejected and cancelled files stay as they are.
   */
  cancel(file?: File): void {
    this.#each(file, (entry) => {
      const { controller } = entry;
      if (entry.phase === 'running' && controller.running) return controller.cancel();
      // A list of one's file waiting for its turn (the upload engine still on its way): back to the drop zone.
      if (!this.#multiple && (entry.phase === 'queued' || entry.phase === 'held')) {
        this.#drop((other) => other === entry);
        this.#options.announce(this.#options.localize.strings.announceCancel);
        this.#host.dispatchEvent(new UploadCancelEvent({ file: entry.file }));
        return;
      }
      if (!this.#multiple || ['success', 'rejected', 'cancelled'].includes(entry.state)) return;
      controller.clear();
      entry.phase = 'cancelled';
      this.#say(entry.file, this.#options.localize.strings.announceCancel);
      this.#host.dispatchEvent(new UploadCancelEvent({ file: entry.file }));
    });
  }

  /** Empties the list: running uploads are cancelled (each with its `upload-cancel`), the rest forgotten. */
  reset(): void {
    for (const entry of this.#entries) entry.controller.abandon();
    this.#drop(() => true);
    this.notice = undefined;
    this.#drain.reset();
    this.#milestones.reset();
    this.#changed();
  }

  /** A new `upload-token`, for every file: the parts still to send, and files waiting for a token, go on with it. */
  setStaticToken(token: string): void {
    for (const entry of this.#entries) entry.controller.setStaticToken(token);
  }

  /** Files that take one of the `max-files` places: all but the rejected and the cancelled. */
  get #holding(): number {
    return this.#entries.filter((entry) => entry.state !== 'rejected' && entry.state !== 'cancelled').length;
  }

  /** Takes entries out of the list without a word: their sessions are let go, their waiters settled. */
  #drop(which: (entry: ListEntry) => boolean): void {
    const dropped = this.#entries.filter(which);
    if (!dropped.length) return;
    this.#entries = this.#entries.filter((entry) => !dropped.includes(entry));
    for (const entry of dropped) {
      entry.controller.clear();
      entry.phase = 'cancelled';
      entry.notify();
      this.#host.removeController(entry.controller);
    }
    this.#host.requestUpdate();
  }

  #each(file: File | undefined, act: (entry: ListEntry) => void): void {
    for (const entry of this.#entries) if (!file || entry.file === file) act(entry);
    this.#changed();
  }

  #create(file: File, recording = false): ListEntry {
    const { localize } = this.#options;
    let entry: ListEntry | undefined;
    const controller = new UploadController(this.#host, {
      localize,
      // A queue's total has the milestones of every file, and each row shows its own start; a list of one's file is
      // the element's, named by the screen already.
      announce: (text, about) => {
        if (!this.#multiple) this.#options.announce(text);
        else if (about !== 'start' && about !== 'progress') this.#say(file, text);
      },
      // A queue's cancelled file keeps its row; a list of one goes back to its drop zone.
      cancelled: () => {
        if (entry && this.#multiple) entry.phase = 'cancelled';
        else if (entry) this.#drop((other) => other === entry);
      },
      removed: () => {},
      changed: (render) => this.#changed(render),
      progressed: () => this.#options.progressed(),
    });
    entry = new ListEntry(file, controller, recording);
    return entry;
  }

  /** Checks the file against the restrictions, and has its handle before it may start. */
  async #check(entry: ListEntry, start: boolean, handle: GivenFile['handle']): Promise<void> {
    const settings = this.#options.settings();
    const [check, kept] = await Promise.all([checkFile(entry.file, settings), handle]);
    entry.handle = kept;
    // Cancelled or dropped (reset, replaced) while it was being checked.
    if (entry.phase !== 'checking') return;
    if (check.ok) {
      entry.phase = start ? 'queued' : 'ready';
      this.#host.dispatchEvent(new FileSelectEvent({ file: entry.file }));
    } else {
      const message = rejectionMessage(this.#options.localize, settings.accept, check);
      entry.phase = 'rejected';
      entry.rejection = this.#refuse(entry.file, check.reason, message);
      // A list of one shows why in its drop zone, with no file.
      if (!this.#multiple) this.#drop((other) => other === entry);
    }
    this.#changed();
  }

  /**
   * Fires `file-reject` and says why: in a queue per file for a restriction, once for all the files one too many; a
   * list of one's file is the only one, unnamed.
   */
  #refuse(file: File, reason: FileRejectReason, message: string): FileRejectDetail {
    const detail = { file, reason, message };
    const { strings } = this.#options.localize;
    if (!this.#multiple) {
      this.notice = message;
      this.#sentences.push(strings.announceReject(message));
    } else if (reason !== 'count') {
      this.#say(file, strings.announceReject(message));
    } else if (this.notice !== message) {
      this.notice = message;
      this.#sentences.push(strings.announceReject(message));
    }
    this.#host.dispatchEvent(new FileRejectEvent(detail));
    return detail;
  }

  #say(file: File, text: string): void {
    this.#sentences.push(this.#options.localize.strings.announceFile(file.name, text));
    this.#changed();
  }

  /**
   * Something changed: the next steps are taken once, after the current task's events (a microtask), or before the
   * host's next render if that comes first (`flush`), so the render shows them. `render` is false for progress alone,
   * which the host renders at its next frame.
   */
  #changed(render = true): void {
    if (render) {
      this.#renderWanted = true;
      this.#host.requestUpdate();
    }
    if (this.#pumpPending) return;
    this.#pumpPending = true;
    queueMicrotask(() => this.flush());
  }

  /** Takes the steps a change asked for, if they are still to take: the host calls it before it renders. */
  flush(): void {
    if (!this.#pumpPending) return;
    this.#pumpPending = false;
    this.#pump();
  }

  /**
   * Starts what may start, settles the waiters, speaks, and fires `queue-complete` when a queue has drained (a list
   * of one's file has its own events to say it is done).
   */
  #pump(): void {
    const { concurrency, multiple } = this.#options.settings();
    const turns = filesToStart(this.#entries, multiple ? concurrency : 1);
    const render = this.#renderWanted || turns.length > 0;
    this.#renderWanted = false;
    const code = this.#options.code();
    // Before the engine arrives, files whose turn came stay queued (`preparing`) and go once it is there.
    if (turns.length && !code) this.#options.wantCode();
    if (code) {
      for (const entry of turns) {
        entry.takeTurn(() => {
          const options = this.#options.sessionOptions(code, entry.file, entry.handle);
          entry.tracker = options.resume;
          void entry.controller.start(options, code);
        });
      }
    }
    const { strings } = this.#options.localize;
    if (multiple && this.busy) {
      const milestone = this.#milestones.next(this.totals.percent);
      if (milestone !== undefined) this.#sentences.push(strings.announceProgress(milestone));
    }
    const counts = this.#drain.check(this.#entries);
    if (counts && multiple) {
      this.#milestones.reset();
      this.#sentences.push(strings.announceQueueComplete(counts));
    }
    if (this.#sentences.length) this.#options.announce(joinSentences(this.#sentences.splice(0)));
    if (counts && multiple) this.#host.dispatchEvent(new QueueCompleteEvent(counts));
    for (const entry of this.#entries) entry.notify();
    if (render || counts) this.#host.requestUpdate();
  }
}
