import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import {
  FileRejectEvent,
  FileSelectEvent,
  type FileRejectReason,
  type UploadErrorDetail,
  type UploadProgressDetail,
  type Video,
} from '../events/index.js';
import { DEFAULT_CHUNK_SIZE, type TokenProvider, type UploadState } from '../upload/index.js';
import { readChunkSize } from './chunk-size.js';
import { chunkSizeAttribute, defaultTrueBoolean, optionalNumber, optionalString } from './converters.js';
import { checkFile, type FileCheck } from './file-checks.js';
import { canPickWithHandle, droppedHandle, pickWithHandle } from './file-handles.js';
import { LocalizeController } from './localize.js';
import { ResumeController } from './resume-controller.js';
import { resumeStyles } from './resume-views.js';
import { isInProgress } from './states.js';
import { uploaderStyles } from './styles.js';
import { UploadController } from './upload-controller.js';
import { bodyView, type ViewActions, type ViewModel } from './views.js';

/**
 * The behaviour of `<apivideo-uploader>`: properties, file intake (picker, drop, paste), restrictions and rendering;
 * the upload itself runs in an UploadController. The registered element only names it.
 */
export class UploaderElement extends LitElement {
  static override styles = [uploaderStyles, resumeStyles];
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  /** A delegated upload token given directly. A new one carries the parts still to send; it ends `waiting-for-token`. */
  @property({ attribute: 'upload-token' }) uploadToken?: string;

  /** The site's token endpoint: POSTed JSON `{fileName, fileSize, fileType}`, answers `{token, expiresAt?}` or text. */
  @property({ attribute: 'token-url' }) tokenUrl?: string;

  /** Merged into the token URL request: headers, credentials (default `same-origin`), method. */
  @property({ attribute: false }) tokenRequestInit?: RequestInit;

  /** `async ({ file, reason, signal }) => token | { token, expiresAt }`. Wins over `token-url` and `upload-token`. */
  @property({ attribute: false }) tokenProvider?: TokenProvider;

  /**
   * `ws.api.video`, `sandbox.api.video`, or a full `http://host:port` URL (the local emulator). A `host:port` or IP
   * without a scheme is refused (`upload-error`, saying what to write). While a part waits to be sent again after a
   * network error, the element names this host ("Can’t reach ws.api.video, trying again in 4 s").
   */
  @property({ attribute: 'api-host' }) apiHost = 'ws.api.video';

  /**
   * Bytes per part, kept within api.video's 5 MiB–128 MiB. The attribute also takes a unit (`10MB`, `10 MiB`; KB,
   * MB, GB are powers of 1000, KiB, MiB, GiB powers of 1024) and the property then holds the bytes it stands for. A
   * value outside the limits is clamped and one that is not a size means 50 MiB, each with a console warning.
   */
  @property({ attribute: 'chunk-size', converter: chunkSizeAttribute }) chunkSize?: number = DEFAULT_CHUNK_SIZE;

  /**
   * The video to upload into, made beforehand by the site's backend with its API key: every part, part 1 included,
   * goes into it, so a lost answer can never make a second video. Unset, api.video makes a video on part 1. Named
   * apart from `videoId`, which reads the video being uploaded: this id, once the upload starts.
   */
  @property({ attribute: 'video-id', converter: optionalString }) targetVideoId?: string;

  /** The video's title on api.video; the file name when unset. */
  @property({ attribute: 'video-name' }) videoName?: string;

  /** Accepted types, as a file input's `accept`: MIME types, `type/*` or `.ext`, comma separated. */
  @property() accept = 'video/*';

  /** Largest accepted file, in bytes. */
  @property({ attribute: 'max-file-size', converter: optionalNumber }) maxFileSize?: number;

  /** Longest accepted video, in seconds, read from the file's metadata. */
  @property({ attribute: 'max-duration', converter: optionalNumber }) maxDuration?: number;

  /** Start as soon as a file is chosen. On by default; `auto-upload="false"` switches it off. */
  @property({ attribute: 'auto-upload', converter: defaultTrueBoolean }) autoUpload = true;

  /**
   * Resume after a reload, a crash or a closed tab: each upload is recorded in the browser (IndexedDB) once part 1 is
   * stored, and choosing the same file again continues it into the same video; when idle, the element offers the
   * unfinished uploads it knows. On by default; `resumable="false"` turns it off. Without storage (private modes, a
   * full quota) uploads go on without it.
   */
  @property({ attribute: 'resumable', converter: defaultTrueBoolean }) resumable = true;

  /** Keeps the records of one area of a site apart from another's: only this key's unfinished uploads are offered. */
  @property({ attribute: 'resume-storage-key', converter: optionalString }) resumeStorageKey?: string;

  /**
   * While an upload is under way, leaving the page (reload, close, navigation) asks the visitor to stay first. On by
   * default; `warn-on-leave="false"` turns it off.
   */
  @property({ attribute: 'warn-on-leave', converter: defaultTrueBoolean }) warnOnLeave = true;

  /** No file can be chosen, dropped or pasted, and the controls are disabled. Methods still work. */
  @property({ type: Boolean, reflect: true }) disabled = false;

  @state() private _file?: File;
  /** The chosen file's handle, where the browser gave one (Chromium's file picker, a drop): kept for resume. */
  private _handle?: FileSystemFileHandle;
  @state() private _rejection?: string;
  @state() private _dragOver = false;
  @state() private _checking = false;
  @state() private _announcement = '';

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
  private readonly resumeRecords = new ResumeController(this, {
    select: (file, handle) => void this.selectFile(file, true, handle),
    pick: () => this.openFilePicker(),
  });
  private readonly chunkSizeWarnings = new Set<string>();
  private focusWasInside = false;
  /** Bumped by every new file and reset: a slow check (duration) of a file since replaced is ignored. */
  private selection = 0;

  /** Where the upload stands: `idle`, `preparing`, `uploading`, `paused`, `waiting-for-token`, `error` or `success`. */
  get state(): UploadState {
    return this.uploads.state;
  }

  /** The chosen file, once it passed the restrictions. */
  get file(): File | undefined {
    return this._file;
  }

  /** The api.video video id: with `video-id`, that id once the upload starts; else known after the first part is stored. */
  get videoId(): string | undefined {
    return this.uploads.videoId;
  }

  /** api.video's Video object, after `upload-success`. */
  get video(): Video | undefined {
    return this.uploads.video;
  }

  /** The latest `upload-progress` detail. */
  get progress(): UploadProgressDetail | undefined {
    return this.uploads.progress;
  }

  /** The latest `upload-error` detail, while in the `error` or `waiting-for-token` state. */
  get error(): UploadErrorDetail | undefined {
    return this.uploads.error;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('paste', this.onPaste);
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    // Warned here, where the page's own text is at hand: "10 MBs" is quoted as written, not as the bytes it became.
    if (name === 'chunk-size') this.warnChunkSize(readChunkSize(value).warning);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('paste', this.onPaste);
  }

  /**
   * Uploads `file` (even with `auto-upload="false"`), or the file already chosen, or, with neither, opens the file
   * picker (which browsers allow only from a user gesture). Ignored while an upload is under way. Resolves when the
   * upload settles or the file is rejected; never rejects.
   */
  async upload(file?: File): Promise<void> {
    if (file) return this.selectFile(file, true);
    if (this._file && (this.state === 'idle' || this.state === 'success')) return this.startUpload(this._file, this._handle);
    if (!this._file) this.openFilePicker();
  }

  /** Pauses: the part in flight is aborted and sent again on resume. */
  pause(): void {
    this.uploads.pause();
  }

  /** Continues a paused upload at the first part the server lacks. */
  resume(): void {
    this.uploads.resume();
  }

  /** Stops the upload at once; fires `upload-cancel` and returns to `idle`. */
  cancel(): void {
    this.uploads.cancel();
  }

  /** After an error, continues the upload at the part that failed. */
  retry(): void {
    // Without a session to continue (the upload could not start: a bad api-host), a new one starts.
    if (!this.uploads.retry() && this.state === 'error' && this._file) void this.startUpload(this._file);
  }

  /** Cancels any upload (firing `upload-cancel` if one was running) and forgets the file: back to the drop zone. */
  reset(): void {
    this.forgetFile();
    this.uploads.abandon();
  }

  /**
   * Opens the browser's file picker (needs a user gesture). Where the browser can hand over a file's handle
   * (Chromium's showOpenFilePicker) and `resumable` is on, that picker is used, so an interrupted upload's file comes
   * back after a reload without being chosen again.
   */
  openFilePicker(): void {
    if (this.disabled || !this.acceptsNewFile) return;
    if (this.resumable && canPickWithHandle(this.accept)) void this.pickWithHandle();
    else this._input?.click();
  }

  /** Forgets every unfinished upload recorded under this element's `resume-storage-key`: none is offered or resumed. */
  forgetResumable(): Promise<void> {
    return this.resumeRecords.forget();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Mirrored to read-only attributes so pages style each state with CSS alone.
    const state = this.state;
    this.setAttribute('state', state);
    this.toggleAttribute('upload-in-progress', isInProgress(state));
    this.toggleAttribute('upload-error', state === 'error');
    this.toggleAttribute('upload-complete', state === 'success');
    if (changed.has('uploadToken') && this.uploadToken) this.uploads.setStaticToken(this.uploadToken);
    // A number set from script is checked on change, not only at upload time, so its warning comes as it is set.
    if (changed.has('chunkSize')) this.warnChunkSize(readChunkSize(this.chunkSize).warning);
    this.focusWasInside = Boolean(this.shadowRoot?.activeElement);
  }

  protected override updated(): void {
    // A new view replaces the control that had focus (the drop zone, the pause button…): a keyboard user lands on
    // the first control of the new view instead of being thrown back to the top of the page.
    if (this.focusWasInside && !this.shadowRoot?.activeElement) {
      this.renderRoot
        .querySelector<HTMLElement>('[part~="actions"] button:not([disabled]), [part~="drop-zone"]:not([disabled])')
        ?.focus();
    }
  }

  private forgetFile(): void {
    this.selection++;
    this._file = undefined;
    this._handle = undefined;
    this._rejection = undefined;
    this._checking = false;
    if (this._input) this._input.value = '';
  }

  private get acceptsNewFile(): boolean {
    return !this._checking && !isInProgress(this.state);
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
      const message = this.rejectionMessage(check);
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

  private rejectionMessage(check: Exclude<FileCheck, { ok: true }>): string {
    const { strings } = this.localize;
    switch (check.reason) {
      case 'empty':
        return strings.rejectEmpty;
      case 'type':
        return strings.rejectType(this.accept);
      case 'size':
        return strings.rejectSize(this.localize.bytes(check.size), this.localize.bytes(check.max));
      case 'duration':
        return strings.rejectDuration(this.localize.duration(check.duration), this.localize.duration(check.max));
    }
  }

  private startUpload(file: File, handle?: FileSystemFileHandle): Promise<void> {
    const { bytes: chunkSize, warning } = readChunkSize(this.chunkSize);
    this.warnChunkSize(warning);
    return this.uploads.start({
      file,
      tokens: {
        provider: this.tokenProvider,
        url: this.tokenUrl || undefined,
        requestInit: this.tokenRequestInit,
        staticToken: this.uploadToken || undefined,
      },
      apiHost: this.apiHost || undefined,
      chunkSize,
      videoId: this.targetVideoId?.trim() || undefined,
      videoName: this.videoName || undefined,
      resume: this.resumeRecords.trackerFor(handle),
    });
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

  // ---- user input -------------------------------------------------------------------------------------------------

  private onInputChange = (event: Event) => {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file) void this.selectFile(file);
  };

  private onDragOver = (event: DragEvent) => {
    // Always claim the drag: a file dropped here must never make the browser navigate away to it.
    event.preventDefault();
    const accepting = !this.disabled && this.acceptsNewFile;
    if (event.dataTransfer) event.dataTransfer.dropEffect = accepting ? 'copy' : 'none';
    this._dragOver = accepting;
  };

  private onDragLeave = (event: DragEvent) => {
    const to = event.relatedTarget as Node | null;
    if (to && (this.renderRoot.contains(to) || this.contains(to))) return;
    this._dragOver = false;
  };

  private onDrop = (event: DragEvent) => {
    event.preventDefault();
    this._dragOver = false;
    const file = event.dataTransfer?.files?.[0];
    // Asked for now: the drop's items cannot be read once the event is over.
    const handle = droppedHandle(event.dataTransfer);
    if (file && !this.disabled) void handle.then((kept) => this.selectFile(file, this.autoUpload, kept));
  };

  private onPaste = (event: ClipboardEvent) => {
    const file = event.clipboardData?.files?.[0];
    if (!file || this.disabled || !this.acceptsNewFile) return;
    event.preventDefault();
    void this.selectFile(file);
  };

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

  private viewModel(): ViewModel {
    return {
      state: this.state,
      file: this._file,
      checking: this._checking,
      dragOver: this._dragOver,
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

  protected override render(): TemplateResult {
    return html`
      <div
        part="base"
        @dragenter=${this.onDragOver}
        @dragover=${this.onDragOver}
        @dragleave=${this.onDragLeave}
        @drop=${this.onDrop}
      >
        <input
          part="file-input"
          type="file"
          hidden
          tabindex="-1"
          accept=${this.accept || nothing}
          ?disabled=${this.disabled}
          @change=${this.onInputChange}
        />
        ${bodyView(this.viewModel(), this.actions)}
        <div part="announcer" class="visually-hidden" aria-live="polite" aria-atomic="true">${this._announcement}</div>
      </div>
    `;
  }
}
