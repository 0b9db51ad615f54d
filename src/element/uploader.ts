import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { query, state } from 'lit/decorators.js';
import {
  FileRejectEvent,
  FileSelectEvent,
  type FileRejectReason,
  type UploadErrorDetail,
  type UploadProgressDetail,
  type Video,
} from '../events/index.js';
import type { QueueEntry, UploadSessionOptions, UploadState } from '../upload/index.js';
import { readChunkSize } from './chunk-size.js';
import { wholeCount } from './converters.js';
import { checkFile, type FileCheck } from './file-checks.js';
import { canPickWithHandle, droppedHandle, pickWithHandle } from './file-handles.js';
import { FileIntake } from './file-intake.js';
import { LocalizeController } from './localize.js';
import { OnDemand } from './on-demand.js';
import type { QueueController } from './queue-controller.js';
import type { QueueViewActions, QueueViewModel } from './queue-views.js';
import { rejectionMessage } from './rejection.js';
import { ResumeController } from './resume-controller.js';
import { resumeStyles } from './resume-views.js';
import { isInProgress } from './states.js';
import type { RecordingPanel, RecordingSource } from '../record/panel.js';
import { loadRecordingPanel, parseSources, records } from '../record/sources.js';
import { uploaderStyles } from './styles.js';
import { UploadController } from './upload-controller.js';
import { DEFAULT_CONCURRENCY, UploaderProperties } from './uploader-properties.js';
import { bodyView, type ViewActions, type ViewModel } from './views.js';

type QueueMode = typeof import('./queue-mode.js');

/**
 * The behaviour of `<apivideo-uploader>` over its settings (UploaderProperties): its API, the files a person gives
 * (FileIntake picks them out of the picker, a drop or a paste), restrictions and rendering. One file's upload runs in
 * an UploadController, the files of `multiple` in a QueueController (fetched once `multiple` is set). The registered
 * element only names it.
 */
export class UploaderElement extends UploaderProperties {
  static override styles = [uploaderStyles, resumeStyles];
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  @state() private _file?: File;
  /** The chosen file's handle, where the browser gave one (Chromium's file picker, a drop): kept for resume. */
  private _handle?: FileSystemFileHandle;
  @state() private _rejection?: string;
  @state() private _checking = false;
  @state() private _announcement = '';
  /** The queue row that held the focus before a render, to give it back to the row if its button went away. */
  private focusedRow?: string;

  @query('input[type=file]') private _input!: HTMLInputElement;

  private readonly localize = new LocalizeController(this);
  private readonly uploads = new UploadController(this, {
    localize: this.localize,
    announce: (text) => void this.announce(text),
    cancelled: () => this.forgetFile(),
    removed: () => {
      // A file still being checked would otherwise start uploading once the check ends, for an element no one sees.
      if (this._checking) this.forgetFile();
    },
  });
  /** The queue of `multiple` and its view, fetched once `multiple` is set. */
  private readonly queueCode = new OnDemand(this, 'queue', 'queue-mode.js (the queue of `multiple`)', () =>
    import('./queue-mode.js').then((mode) => this.createQueue(mode)),
  );
  /** Files given while the queue's code is not there: added once it arrives. */
  @state() private filesWaiting = 0;
  /** Bumped by `reset()` and by leaving `multiple`: files still waiting for the queue's code then are forgotten. */
  private resets = 0;
  private readonly intake = new FileIntake(this, {
    disabled: () => this.disabled,
    accepting: () => this.acceptsNewFile,
    take: (files, handle) => this.take(files, handle),
    handleOf: (transfer) => droppedHandle(transfer),
  });
  private readonly resumeRecords = new ResumeController(this, {
    select: (file, handle) => void this.selectFile(file, true, handle),
    pick: () => this.openFilePicker(),
  });
  private readonly chunkSizeWarnings = new Set<string>();
  private focusWasInside = false;
  /** The recording controls, fetched once `sources` offers the camera or the screen. */
  private readonly recorderCode = new OnDemand(this, 'recording', 'panel.js (the recording)', () =>
    loadRecordingPanel(this, {
      options: () => ({
        tokens: this.sessionOptions(new File([], 'recording')).tokens,
        apiHost: this.apiHost || undefined,
        videoId: this.targetVideoId?.trim() || undefined,
        videoName: this.videoName || undefined,
        mimeType: this.recordingMimeType,
        maxDurationSeconds: this.maxDuration,
        partSize: this.recordingPartSize,
      }),
      follow: () => this.uploads.follow(),
      lang: () => this.localize.lang,
      formatBytes: (bytes) => this.localize.bytes(bytes),
      formatDuration: (seconds) => this.localize.duration(seconds),
    }),
  );
  /** Bumped by every new file and reset: a slow check (duration) of a file since replaced is ignored. */
  private selection = 0;

  /**
   * Where the upload stands: `idle`, `preparing`, `uploading`, `paused`, `waiting-for-token`, `error` or `success`.
   * With `multiple`, the queue's: `uploading` while a file uploads, `preparing` while files wait for their turn, then
   * `paused`, `waiting-for-token`, `error` (a file failed) or `success`. Reflected to the `state` attribute, and to the
   * boolean attributes `upload-in-progress` (preparing, uploading, paused or waiting for a token), `upload-error` and
   * `upload-complete` (success), for style sheets.
   */
  get state(): UploadState {
    return this.multiple ? (this.queue?.state ?? 'idle') : this.uploads.state;
  }

  /** The chosen file, once it passed the restrictions. Unset with `multiple`: see `files`. */
  get file(): File | undefined {
    return this._file;
  }

  /**
   * Every file with where it stands (`state`: `checking`, `rejected`, `ready`, `queued`, an upload state, or
   * `cancelled`), its progress, error, rejection and video: with `multiple`, the queue in the order files came; else
   * the chosen file, if any. A snapshot: read it again for news.
   */
  get files(): QueueEntry[] {
    if (this.multiple) return this.queue?.files ?? [];
    return this._file ? [this.uploads.entry(this._file)] : [];
  }

  /**
   * The api.video video id: with `video-id`, that id once the upload starts; else known after the first part is
   * stored. Unset with `multiple`: see `files`.
   */
  get videoId(): string | undefined {
    return this.uploads.videoId;
  }

  /** api.video's Video object, after `upload-success`. Unset with `multiple`: see `files`. */
  get video(): Video | undefined {
    return this.uploads.video;
  }

  /** The latest `upload-progress` detail. Unset with `multiple`: see `files`, and the total the element shows. */
  get progress(): UploadProgressDetail | undefined {
    return this.uploads.progress;
  }

  /** The latest `upload-error` detail, while in the `error` or `waiting-for-token` state. Unset with `multiple`. */
  get error(): UploadErrorDetail | undefined {
    return this.uploads.error;
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    // Warned here, where the page's own text is at hand: "10 MBs" is quoted as written, not as the bytes it became.
    if (name === 'chunk-size') this.warnChunkSize(readChunkSize(value).warning);
  }

  /**
   * Uploads `file` (even with `auto-upload="false"`), or the file already chosen, or, with neither, opens the file
   * picker (which browsers allow only from a user gesture). Ignored while an upload is under way. Resolves when the
   * upload settles or the file is rejected; never rejects. With `multiple`: adds `file` to the queue and starts it in
   * its turn, or starts every file waiting for `upload()`; resolves when those files have settled. A file given while
   * the queue's code cannot be fetched waits for it (the element offers to try again).
   */
  async upload(file?: File): Promise<void> {
    if (this.multiple) {
      // The picker opens in the caller's task (browsers allow it only from a user gesture), before any wait.
      if (!file && !this.queue?.rows.length) return this.openFilePicker();
      if (file) return this.toQueue([file], true);
      if (this.queue?.hasReady) return this.queue.uploadReady();
      return;
    }
    if (file) return this.selectFile(file, true);
    if (this._file && (this.state === 'idle' || this.state === 'success')) return this.startUpload(this._file, this._handle);
    if (!this._file) this.openFilePicker();
  }

  /**
   * Pauses: the part in flight is aborted and sent again on resume. Given a file, only that file's upload; with
   * `multiple`, a file paused before its turn waits until it is resumed, and a paused file leaves its place to the
   * next.
   */
  pause(file?: File): void {
    if (this.multiple) this.queue?.pause(file);
    else if (this.concerns(file)) this.uploads.pause();
  }

  /** Continues a paused upload at the first part the server lacks. Given a file, only that file's upload. */
  resume(file?: File): void {
    if (this.multiple) this.queue?.resume(file);
    else if (this.concerns(file)) this.uploads.resume();
  }

  /**
   * Stops the upload at once; fires `upload-cancel` and returns to `idle`. Given a file, only that file's upload. With
   * `multiple`, a file waiting for its turn, or failed, is given up too (with its `upload-cancel`); its row stays.
   */
  cancel(file?: File): void {
    if (this.multiple) this.queue?.cancel(file);
    else if (this.concerns(file)) this.uploads.cancel();
  }

  /** After an error, continues the upload at the part that failed. Given a file, only that file's upload. */
  retry(file?: File): void {
    if (this.multiple) return this.queue?.retry(file);
    if (!this.concerns(file)) return;
    // Without a session to continue (the upload could not start: a bad api-host), a new one starts.
    if (!this.uploads.retry() && this.state === 'error' && this._file) void this.startUpload(this._file, this._handle);
  }

  /**
   * Cancels any upload (firing `upload-cancel` if one was running) and forgets the file: back to the drop zone. With
   * `multiple`, every file: the queue is emptied.
   */
  reset(): void {
    this.forgetWaitingFiles();
    this.startOver();
  }

  /**
   * Records from `camera` or `screen` and uploads while recording (needs a user gesture, and `camera` or `screen` in
   * `sources`). Resolves once recording, or once it failed (`upload-error`, `recording-failed`), or once the recording's
   * code could not be fetched (the element says so in place of its record buttons).
   */
  async startRecording(source: RecordingSource): Promise<void> {
    if (!parseSources(this.sources).includes(source) || this.disabled) return;
    this.reset();
    const panel = await this.recorderCode.load().catch(() => undefined);
    await panel?.start(source);
  }

  /** Ends the recording: `recording-stop`, then the last part, then `upload-success`. Resolves when the upload settled. */
  stopRecording(): Promise<void> {
    return this.recorder?.stop() ?? Promise.resolve();
  }

  /** `keepQueue`: the queue's files stay (turning `multiple` on: files given since are the new queue's). */
  private startOver(keepQueue = false): void {
    this.recorder?.discard();
    this.forgetFile();
    this.uploads.abandon();
    if (!keepQueue) this.queue?.reset();
  }

  private forgetWaitingFiles(): void {
    this.resets++;
    this.filesWaiting = 0;
  }

  private get queue(): QueueController | undefined {
    return this.queueCode.value?.queue;
  }

  private get recorder(): RecordingPanel | undefined {
    return this.recorderCode.value;
  }

  private createQueue({ QueueController, queueView }: QueueMode): { queue: QueueController; view: QueueMode['queueView'] } {
    const queue = new QueueController(this, {
      localize: this.localize,
      announce: (text) => void this.announce(text),
      settings: () => ({
        accept: this.accept,
        maxFileSize: this.maxFileSize,
        maxDuration: this.maxDuration,
        concurrency: wholeCount(this.concurrency) ?? DEFAULT_CONCURRENCY,
        maxFiles: wholeCount(this.maxFiles),
      }),
      sessionOptions: (file) => this.sessionOptions(file),
    });
    return { queue, view: queueView };
  }

  /**
   * Files for the queue: added at once, or once its code arrives (fetched since `multiple` was set), however many
   * fetches that takes. They fetch nothing themselves: after a failure, the visitor's "Try again" does.
   */
  private toQueue(files: File[], start: boolean): Promise<void> {
    if (this.queue) return this.queue.add(files, start);
    const resets = this.resets;
    this.filesWaiting += files.length;
    return this.queueCode.loaded.then(({ queue }) => {
      // Reset meanwhile, or `multiple` turned off: these files went with the rest.
      if (resets !== this.resets) return;
      this.filesWaiting -= files.length;
      return queue.add(files, start);
    });
  }

  /**
   * Opens the browser's file picker (needs a user gesture). Where the browser can hand over a file's handle
   * (Chromium's showOpenFilePicker) and `resumable` is on, that picker is used for a single file, so an interrupted
   * upload's file comes back after a reload without being chosen again. In a browser driven by a test tool
   * (`navigator.webdriver` is true: Playwright, Puppeteer, WebDriver) it is always the file input's chooser, the one
   * those tools intercept.
   */
  openFilePicker(): void {
    if (this.disabled || !this.acceptsNewFile) return;
    if (!this.multiple && this.resumable && canPickWithHandle(this.accept)) void this.pickWithHandle();
    else this._input?.click();
  }

  /** Forgets every unfinished upload recorded under this element's `resume-storage-key`: none is offered or resumed. */
  forgetResumable(): Promise<void> {
    return this.resumeRecords.forget();
  }

  /**
   * Also waits for a language being fetched (the element shows English meanwhile) and for the queue's code once
   * `multiple` is set, with the render each brings: `updateComplete` means what is on screen is final.
   */
  protected override async getUpdateComplete(): Promise<boolean> {
    let complete = await super.getUpdateComplete();
    // A queue whose code could not be fetched is final too: the element then says so, with its "Try again".
    while (this.localize.loading || (this.multiple && this.queueCode.loading)) {
      await (this.localize.loading ?? this.queueCode.loading?.catch(() => undefined));
      complete = await super.getUpdateComplete();
    }
    return complete;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // One file and a queue do not mix: switching starts over. Turning `multiple` off empties the queue; files given
    // since it was turned on (`el.multiple = true; el.upload(file)`) are the new queue's, whether its code is there yet
    // or not, so turning it on leaves the queue alone.
    if (changed.has('multiple') && this.hasUpdated) {
      if (!this.multiple) this.forgetWaitingFiles();
      this.startOver(this.multiple);
    }
    if (changed.has('multiple') && this.multiple) this.queueCode.request();
    if (changed.has('sources') && records(parseSources(this.sources))) this.recorderCode.request();
    // Mirrored to read-only attributes so pages style each state with CSS alone.
    const state = this.state;
    this.setAttribute('state', state);
    this.toggleAttribute('upload-in-progress', isInProgress(state));
    this.toggleAttribute('upload-error', state === 'error');
    this.toggleAttribute('upload-complete', state === 'success');
    if (changed.has('uploadToken') && this.uploadToken) {
      this.uploads.setStaticToken(this.uploadToken);
      this.queue?.setStaticToken(this.uploadToken);
    }
    // A number set from script is checked on change, not only at upload time, so its warning comes as it is set.
    if (changed.has('chunkSize')) this.warnChunkSize(readChunkSize(this.chunkSize).warning);
    const active = this.shadowRoot?.activeElement;
    this.focusWasInside = Boolean(active);
    this.focusedRow = active?.closest<HTMLElement>('[part~="row"]')?.dataset.key;
  }

  protected override updated(): void {
    // A new view replaces the control that had focus (the drop zone, the pause button…): a keyboard user lands on
    // the first control of the new view instead of being thrown back to the top of the page. In a queue's row (its
    // cancel button gone), on the row's next control first.
    if (this.focusWasInside && !this.shadowRoot?.activeElement) {
      const row = this.focusedRow && this.renderRoot.querySelector(`[part~="row"][data-key="${this.focusedRow}"]`);
      const next = row ? row.querySelector<HTMLElement>('button:not([disabled])') : null;
      (next ?? this.renderRoot
        .querySelector<HTMLElement>('[part~="actions"] button:not([disabled]), [part~="drop-zone"]:not([disabled])'))
        ?.focus();
    }
  }

  /** A method given `file` acts on the chosen file only. */
  private concerns(file: File | undefined): boolean {
    return !file || file === this._file;
  }

  private forgetFile(): void {
    this.selection++;
    this._file = undefined;
    this._handle = undefined;
    this._rejection = undefined;
    this._checking = false;
    if (this._input) this._input.value = '';
  }

  /** A queue takes files at any time; a single file is not replaced while it is checked or uploaded. */
  private get acceptsNewFile(): boolean {
    return this.multiple || (!this._checking && !isInProgress(this.state));
  }

  private async pickWithHandle(): Promise<void> {
    const picked = await pickWithHandle(this.accept, this.localize.strings.chooseFile);
    // Not allowed here (a cross-origin frame, no gesture left): the file input, as everywhere else.
    if (picked === 'unavailable') this._input?.click();
    else if (picked !== 'cancelled') await this.selectFile(picked.file, this.autoUpload, picked.handle);
  }

  private async selectFile(file: File, start = this.autoUpload, handle?: FileSystemFileHandle): Promise<void> {
    if (!this.acceptsNewFile) return;
    const selection = ++this.selection;
    this.uploads.clear();
    this._rejection = undefined;
    this._checking = true;
    let check: FileCheck;
    try {
      check = await checkFile(file, {
        accept: this.accept,
        maxFileSize: this.maxFileSize,
        maxDuration: this.maxDuration,
      });
    } finally {
      if (selection === this.selection) this._checking = false;
    }
    if (selection !== this.selection) return;
    if (!check.ok) {
      const message = rejectionMessage(this.localize, this.accept, check);
      this._file = undefined;
      this._rejection = message;
      void this.announce(this.localize.strings.announceReject(message));
      this.dispatchEvent(new FileRejectEvent({ file, reason: check.reason as FileRejectReason, message }));
      return;
    }
    this._file = file;
    this._handle = handle;
    this.dispatchEvent(new FileSelectEvent({ file }));
    if (start) await this.startUpload(file, handle);
  }

  private startUpload(file: File, handle?: FileSystemFileHandle): Promise<void> {
    return this.uploads.start({ ...this.sessionOptions(file), resume: this.resumeRecords.trackerFor(handle) });
  }

  /** A session's options from the element's settings at the moment it starts. */
  private sessionOptions(file: File): UploadSessionOptions {
    const { bytes: chunkSize, warning } = readChunkSize(this.chunkSize);
    this.warnChunkSize(warning);
    return {
      file,
      tokens: {
        provider: this.tokenProvider,
        url: this.tokenUrl || undefined,
        requestInit: this.tokenRequestInit,
        staticToken: this.uploadToken || undefined,
      },
      apiHost: this.apiHost || undefined,
      chunkSize,
      parallelParts: this.parallelParts,
      videoId: this.targetVideoId?.trim() || undefined,
      videoName: this.videoName || undefined,
    };
  }

  /** Each chunk-size warning once per element, however often its value comes back. */
  private warnChunkSize(warning: string | undefined): void {
    if (!warning || this.chunkSizeWarnings.has(warning)) return;
    this.chunkSizeWarnings.add(warning);
    console.warn(`<${this.localName}> ${warning}`);
  }

  private async announce(text: string): Promise<void> {
    // Emptying the region first makes a repeated message ("Upload paused" twice) heard again.
    if (this._announcement === text) {
      this._announcement = '';
      await this.updateComplete;
    }
    this._announcement = text;
  }

  /**
   * Files from the picker, a drop or a paste: the queue takes them all, a single upload the first, with the handle a
   * drop gave for it (kept for resume).
   */
  private take(files: File[], handle?: Promise<FileSystemFileHandle | undefined>): void {
    if (this.multiple) void this.toQueue(files, this.autoUpload);
    else if (files[0] && handle) void handle.then((kept) => this.selectFile(files[0], this.autoUpload, kept));
    else if (files[0]) void this.selectFile(files[0]);
  }

  // ---- rendering --------------------------------------------------------------------------------------------------

  private readonly actions: ViewActions = {
    pick: () => this.openFilePicker(),
    upload: () => void this.upload(),
    pause: () => this.pause(),
    resume: () => this.resume(),
    cancel: () => this.cancel(),
    retry: () => this.retry(),
    chooseAnother: () => {
      this.reset();
      this.openFilePicker();
    },
    takeOffer: (key) => void this.resumeRecords.take(key),
    forgetOffer: (key) => void this.resumeRecords.dismiss(key),
  };

  private readonly queueActions: QueueViewActions = {
    pick: () => this.openFilePicker(),
    uploadAll: () => void this.upload(),
    clear: () => this.reset(),
    pause: (file) => this.pause(file),
    resume: (file) => this.resume(file),
    cancel: (file) => this.cancel(file),
    retry: (file) => this.retry(file),
  };

  private queueModel(queue: QueueController): QueueViewModel {
    return queue.viewModel({
      dragOver: this.intake.dragOver,
      disabled: this.disabled,
      maxFileSize: this.maxFileSize,
      maxDuration: this.maxDuration,
      maxFiles: wholeCount(this.maxFiles),
      apiHost: this.apiHost,
    });
  }

  private viewModel(): ViewModel {
    return {
      state: this.state,
      file: this._file,
      checking: this._checking,
      dragOver: this.intake.dragOver,
      disabled: this.disabled,
      progress: this.uploads.progress,
      retrying: this.uploads.retrying,
      apiHost: this.apiHost,
      error: this.uploads.error,
      errorText: this.uploads.errorText?.(this.localize.strings),
      rejection: this._rejection,
      video: this.uploads.video,
      maxFileSize: this.maxFileSize,
      maxDuration: this.maxDuration,
      localize: this.localize,
      offers: this.resumable ? this.resumeRecords.offers : undefined,
      resumingAt: this.resumeRecords.resumingAt,
      notResumed: this.resumeRecords.notResumed,
    };
  }

  private get offersFiles(): boolean {
    return parseSources(this.sources).includes('file');
  }

  /** The queue, or in its place why its code is not there. */
  private queueView(): TemplateResult | typeof nothing {
    const mode = this.queueCode.value;
    if (mode) return mode.view(this.queueModel(mode.queue), this.queueActions);
    return this.queueCode.failureView(this.localize.strings, this.filesWaiting);
  }

  /** The recording panel, with the error of a recording (no file to show it beside) in the element's language. */
  private recordingView(): TemplateResult | typeof nothing {
    const sources = parseSources(this.sources);
    if (!records(sources)) return nothing;
    if (!this.recorder) return this.recorderCode.failureView(this.localize.strings);
    const error = !this._file && this.state === 'error' ? this.uploads.errorText?.(this.localize.strings) : undefined;
    return this.recorder.render(sources.filter((s) => s !== 'file') as RecordingSource[], this.disabled, error);
  }

  protected override render(): TemplateResult {
    return html`
      <div
        part="base"
        @dragenter=${this.intake.onDragOver}
        @dragover=${this.intake.onDragOver}
        @dragleave=${this.intake.onDragLeave}
        @drop=${this.intake.onDrop}
      >
        <input
          part="file-input"
          type="file"
          hidden
          tabindex="-1"
          accept=${this.accept || nothing}
          ?multiple=${this.multiple}
          ?disabled=${this.disabled}
          @change=${this.intake.onInputChange}
        />
        ${this.recordingView()}
        ${this.multiple ? this.queueView() : this.offersFiles || this._file || this.state === 'success' ? bodyView(this.viewModel(), this.actions) : nothing}
        <div part="announcer" class="visually-hidden" aria-live="polite" aria-atomic="true">${this._announcement}</div>
      </div>
    `;
  }
}
