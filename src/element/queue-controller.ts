// The element's queue (`multiple`): takes files in, checks each against the restrictions on its own, starts them as
// places free up (the scheduler in src/upload/queue.ts decides which), acts on one file or on all, and fires
// `queue-complete` when the queue drains. Each file's upload runs in its own UploadController, which dispatches the
// session's events from the element as it does for a single file.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { FileRejectEvent, FileSelectEvent, QueueCompleteEvent, UploadCancelEvent } from '../events/index.js';
import type { FileRejectDetail, FileRejectReason } from '../events/index.js';
import {
  QueueDrain,
  filesToStart,
  isSettled,
  queueState,
  queueTotals,
  type QueueEntry,
  type QueueTotals,
  type UploadSessionOptions,
  type UploadState,
} from '../upload/index.js';
import { ProgressMilestones } from './announcer.js';
import { checkFile, type FileRestrictions } from './file-checks.js';
import type { LocalizeController } from './localize.js';
import type { QueueViewModel } from './queue-views.js';
import { QueuedUpload } from './queued-upload.js';
import { rejectionMessage } from './rejection.js';
import { UploadController } from './upload-controller.js';

type Host = ReactiveControllerHost & HTMLElement;

/** The element's settings the queue reads when it needs them (a change applies to the files that come next). */
export interface QueueSettings extends FileRestrictions {
  accept: string;
  concurrency: number;
  maxFiles?: number;
}

export interface QueueControllerOptions {
  localize: LocalizeController;
  /** Puts a sentence in the live region. */
  announce(text: string): void;
  settings(): QueueSettings;
  /** What a file's session is started with: the element's token sources, api-host, part size… at that moment. */
  sessionOptions(file: File): UploadSessionOptions;
}

/** Sentences said at the same moment, read as one: each ends with a full stop, so a screen reader pauses between. */
function joinSentences(sentences: string[]): string {
  if (sentences.length === 1) return sentences[0];
  return sentences.map((sentence) => (/[.!?…]$/.test(sentence) ? sentence : `${sentence}.`)).join(' ');
}

export class QueueController implements ReactiveController {
  /** Why the latest files were left out (one more than `max-files`), until files come again. */
  limitNotice?: string;
  private uploads: QueuedUpload[] = [];
  private readonly drain = new QueueDrain();
  private readonly milestones = new ProgressMilestones();
  private sentences: string[] = [];
  private pumpPending = false;

  constructor(
    private readonly host: Host,
    private readonly options: QueueControllerOptions,
  ) {
    host.addController(this);
  }

  // As a single upload does (UploadController): removed from the page, not moved, everything stops.
  hostDisconnected(): void {
    queueMicrotask(() => {
      if (!this.host.isConnected) this.cancel();
    });
  }

  /** The files, in the order they came, for the rows. */
  get rows(): readonly QueuedUpload[] {
    return this.uploads;
  }

  get files(): QueueEntry[] {
    return this.uploads.map((upload) => upload.snapshot());
  }

  get state(): UploadState {
    return queueState(this.uploads);
  }

  get totals(): QueueTotals {
    return queueTotals(this.uploads);
  }

  /** Files are being checked, wait for their turn, upload or are paused. */
  get busy(): boolean {
    return this.uploads.some((upload) => !isSettled(upload.state) && upload.phase !== 'ready');
  }

  get hasReady(): boolean {
    return this.uploads.some((upload) => upload.phase === 'ready');
  }

  /**
   * Takes files in, each checked on its own: one that breaks a restriction gets its `file-reject` and its row, and the
   * others go on. Beyond `max-files` a file is refused without a row. Accepted files are queued (`start`) or wait for
   * `upload()`. Resolves once every file taken in has settled; never rejects.
   */
  add(files: readonly File[], start: boolean): Promise<void> {
    const { maxFiles } = this.options.settings();
    this.limitNotice = undefined;
    const taken: QueuedUpload[] = [];
    for (const file of files) {
      if (maxFiles !== undefined && this.holding >= maxFiles) {
        this.refuse(file, 'count', this.options.localize.strings.rejectCount(maxFiles));
        continue;
      }
      const upload = this.create(file);
      this.uploads.push(upload);
      taken.push(upload);
      void this.check(upload, start);
    }
    this.changed();
    return Promise.all(taken.map((upload) => upload.settled())).then(() => undefined);
  }

  /** The queue's view over the element's own settings. */
  viewModel(
    element: Pick<QueueViewModel, 'dragOver' | 'disabled' | 'maxFileSize' | 'maxDuration' | 'maxFiles' | 'apiHost'>,
  ): QueueViewModel {
    const rows = this.uploads.map((upload) => upload.row(this.options.localize.strings));
    return {
      ...element,
      localize: this.options.localize,
      multiple: true,
      checking: false,
      rejection: this.limitNotice,
      rows,
      totals: this.totals,
      canUpload: this.hasReady,
      canClear: rows.length > 0 && !this.busy,
    };
  }

  /** Queues every file waiting for `upload()`; resolves once they have settled. */
  uploadReady(): Promise<void> {
    const ready = this.uploads.filter((upload) => upload.phase === 'ready');
    for (const upload of ready) upload.phase = 'queued';
    this.changed();
    return Promise.all(ready.map((upload) => upload.settled())).then(() => undefined);
  }

  pause(file?: File): void {
    this.each(file, (upload) => upload.pause());
  }

  resume(file?: File): void {
    this.each(file, (upload) => upload.resume());
  }

  retry(file?: File): void {
    this.each(file, (upload) => upload.retry());
  }

  /**
   * Cancels: a running session is cancelled and fires its own `upload-cancel`; a file not started yet, or failed,
   * is given up with an `upload-cancel` of the element's. Uploaded, rejected and cancelled files stay as they are.
   */
  cancel(file?: File): void {
    this.each(file, (upload) => {
      const { controller } = upload;
      if (upload.phase === 'running' && controller.running) return controller.cancel();
      if (['success', 'rejected', 'cancelled'].includes(upload.state)) return;
      controller.clear();
      upload.phase = 'cancelled';
      this.say(upload.file, this.options.localize.strings.announceCancel);
      this.host.dispatchEvent(new UploadCancelEvent({ file: upload.file }));
    });
  }

  /** Empties the queue: running uploads are cancelled (each with its `upload-cancel`), the rest forgotten. */
  reset(): void {
    const uploads = this.uploads;
    this.uploads = [];
    for (const upload of uploads) {
      upload.controller.abandon();
      upload.phase = 'cancelled';
      upload.notify();
      this.host.removeController(upload.controller);
    }
    this.limitNotice = undefined;
    this.drain.reset();
    this.milestones.reset();
    this.changed();
  }

  /** A new `upload-token`, for every file: the parts still to send, and files waiting for a token, go on with it. */
  setStaticToken(token: string): void {
    for (const upload of this.uploads) upload.controller.setStaticToken(token);
  }

  /** Files that take one of the `max-files` places: all but the rejected and the cancelled. */
  private get holding(): number {
    return this.uploads.filter((upload) => upload.state !== 'rejected' && upload.state !== 'cancelled').length;
  }

  private each(file: File | undefined, act: (upload: QueuedUpload) => void): void {
    for (const upload of this.uploads) if (!file || upload.file === file) act(upload);
    this.changed();
  }

  private create(file: File): QueuedUpload {
    const { localize } = this.options;
    let upload: QueuedUpload | undefined;
    const controller = new UploadController(this.host, {
      localize,
      // The total's milestones stand for every file's, and each row shows its own start.
      announce: (text, about) => {
        if (about !== 'start' && about !== 'progress') this.say(file, text);
      },
      cancelled: () => {
        if (upload) upload.phase = 'cancelled';
      },
      removed: () => {},
      changed: () => this.changed(),
    });
    upload = new QueuedUpload(file, controller);
    return upload;
  }

  private async check(upload: QueuedUpload, start: boolean): Promise<void> {
    const settings = this.options.settings();
    const check = await checkFile(upload.file, settings);
    // Cancelled or dropped (reset) while it was being checked.
    if (upload.phase !== 'checking') return;
    if (check.ok) {
      upload.phase = start ? 'queued' : 'ready';
      this.host.dispatchEvent(new FileSelectEvent({ file: upload.file }));
    } else {
      const message = rejectionMessage(this.options.localize, settings.accept, check);
      upload.phase = 'rejected';
      upload.rejection = this.refuse(upload.file, check.reason, message);
    }
    this.changed();
  }

  /** Fires `file-reject` and says why: per file for a restriction, once for all the files one too many. */
  private refuse(file: File, reason: FileRejectReason, message: string): FileRejectDetail {
    const detail = { file, reason, message };
    const { strings } = this.options.localize;
    if (reason !== 'count') {
      this.say(file, strings.announceReject(message));
    } else if (this.limitNotice !== message) {
      this.limitNotice = message;
      this.sentences.push(strings.announceReject(message));
    }
    this.host.dispatchEvent(new FileRejectEvent(detail));
    return detail;
  }

  private say(file: File, text: string): void {
    this.sentences.push(this.options.localize.strings.announceFile(file.name, text));
    this.changed();
  }

  /** Something changed: the next steps are taken once, after the current task's events (a microtask). */
  private changed(): void {
    this.host.requestUpdate();
    if (this.pumpPending) return;
    this.pumpPending = true;
    queueMicrotask(() => {
      this.pumpPending = false;
      this.pump();
    });
  }

  /** Starts what may start, settles the waiters, speaks, and fires `queue-complete` when the queue has drained. */
  private pump(): void {
    const { concurrency } = this.options.settings();
    for (const upload of filesToStart(this.uploads, concurrency)) {
      upload.takeTurn(() => void upload.controller.start(this.options.sessionOptions(upload.file)));
    }
    const { strings } = this.options.localize;
    const totals = this.totals;
    if (this.busy) {
      const milestone = this.milestones.next(totals.percent);
      if (milestone !== undefined) this.sentences.push(strings.announceProgress(milestone));
    }
    const counts = this.drain.check(this.uploads);
    if (counts) {
      this.milestones.reset();
      this.sentences.push(strings.announceQueueComplete(counts));
    }
    if (this.sentences.length) this.options.announce(joinSentences(this.sentences.splice(0)));
    if (counts) this.host.dispatchEvent(new QueueCompleteEvent(counts));
    for (const upload of this.uploads) upload.notify();
    this.host.requestUpdate();
  }
}
