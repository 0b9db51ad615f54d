import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { styleMap } from 'lit/directives/style-map.js';
import {
  FileRejectEvent,
  FileSelectEvent,
  TokenRefreshEvent,
  UploadCancelEvent,
  UploadErrorEvent,
  UploadPartEvent,
  UploadPauseEvent,
  UploadProgressEvent,
  UploadResumeEvent,
  UploadRetryEvent,
  UploadStartEvent,
  UploadSuccessEvent,
  VideoPlayableEvent,
  type FileRejectReason,
  type UploadErrorDetail,
  type UploadProgressDetail,
  type Video,
} from '../events/index.js';
import {
  DEFAULT_CHUNK_SIZE,
  MAX_CHUNK_SIZE,
  MIN_CHUNK_SIZE,
  UploadSession,
  type TokenProvider,
  type UploadState,
} from '../upload/index.js';
import { ProgressMilestones } from './announcer.js';
import { defaultTrueBoolean, optionalNumber } from './converters.js';
import { checkFile, type FileCheck } from './file-checks.js';
import { LocalizeController } from './localize.js';
import { uploaderStyles } from './styles.js';

const IN_PROGRESS: ReadonlySet<UploadState> = new Set(['preparing', 'uploading', 'paused', 'waiting-for-token']);

/**
 * The behaviour of `<apivideo-uploader>`: properties, file intake (picker, drop, paste), restrictions, the upload
 * session's callbacks turned into DOM events and state, and rendering. The registered element only names it.
 */
export class UploaderElement extends LitElement {
  static override styles = uploaderStyles;
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  /** A delegated upload token given directly. Setting a new one while `waiting-for-token` continues the upload. */
  @property({ attribute: 'upload-token' }) uploadToken?: string;

  /** The site's token endpoint: POSTed JSON `{fileName, fileSize, fileType}`, answers `{token, expiresAt?}` or text. */
  @property({ attribute: 'token-url' }) tokenUrl?: string;

  /** Merged into the token URL request: headers, credentials (default `same-origin`), method. */
  @property({ attribute: false }) tokenRequestInit?: RequestInit;

  /** `async ({ file, reason, signal }) => token | { token, expiresAt }`. Wins over `token-url` and `upload-token`. */
  @property({ attribute: false }) tokenProvider?: TokenProvider;

  /** `ws.api.video`, `sandbox.api.video`, or a full `http://host:port` URL (the local emulator). */
  @property({ attribute: 'api-host' }) apiHost = 'ws.api.video';

  /** Bytes per part, kept within 5 MiB–128 MiB. */
  @property({ attribute: 'chunk-size', converter: optionalNumber }) chunkSize?: number = DEFAULT_CHUNK_SIZE;

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

  /** No file can be chosen, dropped or pasted, and the controls are disabled. Methods still work. */
  @property({ type: Boolean, reflect: true }) disabled = false;

  @state() private _state: UploadState = 'idle';
  @state() private _file?: File;
  @state() private _progress?: UploadProgressDetail;
  @state() private _error?: UploadErrorDetail;
  @state() private _rejection?: string;
  @state() private _video?: Video;
  @state() private _dragOver = false;
  @state() private _checking = false;
  @state() private _announcement = '';

  @query('input[type=file]') private _input!: HTMLInputElement;

  private readonly localize = new LocalizeController(this);
  private readonly milestones = new ProgressMilestones();
  private session?: UploadSession;
  private selection = 0;

  /** Where the upload stands: `idle`, `preparing`, `uploading`, `paused`, `waiting-for-token`, `error` or `success`. */
  get state(): UploadState {
    return this._state;
  }

  /** The chosen file, once it passed the restrictions. */
  get file(): File | undefined {
    return this._file;
  }

  /** The api.video video id, known after the first part is stored. */
  get videoId(): string | undefined {
    return this._video?.videoId ?? this.session?.videoId;
  }

  /** api.video's Video object, after `upload-success`. */
  get video(): Video | undefined {
    return this._video;
  }

  /** The latest `upload-progress` detail. */
  get progress(): UploadProgressDetail | undefined {
    return this._progress;
  }

  /** The latest `upload-error` detail, while in the `error` or `waiting-for-token` state. */
  get error(): UploadErrorDetail | undefined {
    return this._error;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('paste', this.onPaste);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('paste', this.onPaste);
  }

  /**
   * Uploads `file` (even with `auto-upload="false"`), or the file already chosen, or, with neither, opens the file
   * picker (which browsers allow only from a user gesture). Resolves when the upload settles; never rejects.
   */
  async upload(file?: File): Promise<void> {
    if (file) return this.selectFile(file, true);
    if (this._file && (this._state === 'idle' || this._state === 'success')) return this.startUpload(this._file);
    if (!this._file) this.openFilePicker();
  }

  /** Pauses between parts (the part in flight is sent again on resume). */
  pause(): void {
    this.session?.pause();
  }

  /** Continues a paused upload at the first part the server lacks. */
  resume(): void {
    this.session?.resume();
  }

  /** Stops the upload at once; fires `upload-cancel` and returns to `idle`. */
  cancel(): void {
    if (this.session && IN_PROGRESS.has(this._state)) this.session.cancel();
  }

  /** After an error, continues the upload at the part that failed. */
  retry(): void {
    if (this._state !== 'error' && this._state !== 'waiting-for-token') return;
    if (this.session) this.session.retry();
    else if (this._file) void this.startUpload(this._file);
  }

  /** Cancels any upload and forgets the file: back to the empty drop zone. */
  reset(): void {
    const running = Boolean(this.session) && IN_PROGRESS.has(this._state);
    this.forget();
    if (running) {
      this.announce(this.localize.strings.announceCancel);
      this.dispatchEvent(new UploadCancelEvent());
    }
  }

  private forget(): void {
    this.selection++;
    this.dropSession();
    this._state = 'idle';
    this._file = undefined;
    this._progress = undefined;
    this._error = undefined;
    this._rejection = undefined;
    this._video = undefined;
    this._checking = false;
    this.milestones.reset();
    if (this._input) this._input.value = '';
  }

  /** Opens the browser's file picker (needs a user gesture). */
  openFilePicker(): void {
    if (this.disabled || !this.acceptsNewFile) return;
    this._input?.click();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Mirrored to read-only attributes so pages style each state with CSS alone.
    this.setAttribute('state', this._state);
    this.toggleAttribute('upload-in-progress', IN_PROGRESS.has(this._state));
    this.toggleAttribute('upload-error', this._state === 'error');
    this.toggleAttribute('upload-complete', this._state === 'success');
    if (changed.has('uploadToken') && this.uploadToken && this._state === 'waiting-for-token') {
      this.session?.setStaticToken(this.uploadToken);
    }
  }

  private get acceptsNewFile(): boolean {
    return !this._checking && !IN_PROGRESS.has(this._state);
  }

  private async selectFile(file: File, start = this.autoUpload): Promise<void> {
    if (!this.acceptsNewFile) return;
    const selection = ++this.selection;
    this.clearFinishedUpload();
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
      this.announce(this.localize.strings.announceReject(message));
      this.dispatchEvent(new FileRejectEvent({ file, reason: check.reason as FileRejectReason, message }));
      return;
    }
    this._file = file;
    this.dispatchEvent(new FileSelectEvent({ file }));
    if (start) await this.startUpload(file);
  }

  /**
   * Lets go of the session: cancelling it also stops a finished one's playable polling and an errored one's
   * online/offline listeners. Its callbacks no longer reach the page, so the caller decides what to announce.
   */
  private dropSession(): void {
    const session = this.session;
    this.session = undefined;
    session?.cancel();
  }

  private clearFinishedUpload(): void {
    this.dropSession();
    this._state = 'idle';
    this._progress = undefined;
    this._error = undefined;
    this._video = undefined;
    this.milestones.reset();
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

  private chunkSizeInRange(): number {
    const size = this.chunkSize ?? DEFAULT_CHUNK_SIZE;
    return Math.min(MAX_CHUNK_SIZE, Math.max(MIN_CHUNK_SIZE, Math.round(size)));
  }

  private startUpload(file: File): Promise<void> {
    this.clearFinishedUpload();
    if (!this.tokenProvider && !this.tokenUrl && !this.uploadToken) {
      this.onError({ code: 'token-request-failed', message: this.localize.strings.noTokenSource, retriable: true });
      return Promise.resolve();
    }
    let session: UploadSession;
    try {
      session = this.createSession(file);
    } catch (error) {
      this.onError({ code: 'upload-failed', message: error instanceof Error ? error.message : String(error), retriable: false });
      return Promise.resolve();
    }
    this.session = session;
    return session.start();
  }

  private createSession(file: File): UploadSession {
    const session: UploadSession = new UploadSession(
      {
        file,
        tokens: {
          provider: this.tokenProvider,
          url: this.tokenUrl || undefined,
          requestInit: this.tokenRequestInit,
          staticToken: this.uploadToken || undefined,
        },
        apiHost: this.apiHost || undefined,
        chunkSize: this.chunkSizeInRange(),
        videoName: this.videoName || undefined,
      },
      {
        stateChange: (next) => {
          if (!this.current(session)) return;
          this._state = next;
          if (next === 'preparing' || next === 'uploading') this._error = undefined;
        },
        start: (detail) => {
          if (!this.current(session)) return;
          this.announce(this.localize.strings.announceStart(detail.file.name));
          this.dispatchEvent(new UploadStartEvent(detail));
        },
        progress: (detail) => {
          if (!this.current(session)) return;
          this._progress = detail;
          const milestone = this.milestones.next(detail.percent);
          if (milestone !== undefined) this.announce(this.localize.strings.announceProgress(milestone));
          this.dispatchEvent(new UploadProgressEvent(detail));
        },
        part: (detail) => this.current(session) && this.dispatchEvent(new UploadPartEvent(detail)),
        retry: (detail) => this.current(session) && this.dispatchEvent(new UploadRetryEvent(detail)),
        tokenRefresh: (detail) => this.current(session) && this.dispatchEvent(new TokenRefreshEvent(detail)),
        pause: () => {
          if (!this.current(session)) return;
          this.announce(this.localize.strings.announcePause);
          this.dispatchEvent(new UploadPauseEvent());
        },
        resume: () => {
          if (!this.current(session)) return;
          this.announce(this.localize.strings.announceResume);
          this.dispatchEvent(new UploadResumeEvent());
        },
        cancel: () => {
          if (!this.current(session)) return;
          this.forget();
          this.announce(this.localize.strings.announceCancel);
          this.dispatchEvent(new UploadCancelEvent());
        },
        error: (detail) => this.current(session) && this.onError(detail),
        success: (detail) => {
          if (!this.current(session)) return;
          this._video = detail.video;
          this._state = 'success';
          this.announce(this.localize.strings.announceSuccess);
          this.dispatchEvent(new UploadSuccessEvent(detail));
        },
        playable: (detail) => this.current(session) && this.dispatchEvent(new VideoPlayableEvent(detail)),
      },
    );
    return session;
  }

  private current(session: UploadSession): boolean {
    return this.session === session;
  }

  private onError(detail: UploadErrorDetail): void {
    this._error = detail;
    // A static token refused mid-upload waits for a new one; the session says so through `stateChange`.
    if (this._state !== 'waiting-for-token') this._state = 'error';
    this.announce(this.localize.strings.announceError(detail.message));
    this.dispatchEvent(new UploadErrorEvent(detail));
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
    if (to && this.renderRoot.contains(to)) return;
    this._dragOver = false;
  };

  private onDrop = (event: DragEvent) => {
    event.preventDefault();
    this._dragOver = false;
    const file = event.dataTransfer?.files?.[0];
    if (file && !this.disabled) void this.selectFile(file);
  };

  private onPaste = (event: ClipboardEvent) => {
    const file = event.clipboardData?.files?.[0];
    if (!file || this.disabled || !this.acceptsNewFile) return;
    event.preventDefault();
    void this.selectFile(file);
  };

  // ---- rendering --------------------------------------------------------------------------------------------------

  protected override render() {
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
        ${this.renderBody()}
        <div part="announcer" class="visually-hidden" aria-live="polite" aria-atomic="true">${this._announcement}</div>
      </div>
    `;
  }

  private renderBody() {
    if (this._state === 'success') return this.renderSuccess();
    if (this._state === 'idle' && this._file && !this._checking) return this.renderReady(this._file);
    if (this._state === 'idle' || !this._file) return this.renderDropZone();
    return this.renderUpload(this._file);
  }

  private renderDropZone() {
    const { strings } = this.localize;
    const limits = {
      size: this.maxFileSize && this.maxFileSize > 0 ? this.localize.bytes(this.maxFileSize) : undefined,
      duration: this.maxDuration && this.maxDuration > 0 ? this.localize.duration(this.maxDuration) : undefined,
    };
    return html`
      <button
        part="drop-zone"
        type="button"
        class=${classMap({ 'drag-over': this._dragOver })}
        ?disabled=${this.disabled}
        aria-busy=${this._checking ? 'true' : 'false'}
        @click=${this.openFilePicker}
      >
        <slot><span class="prompt">${this._dragOver ? strings.dropHere : strings.prompt}</span></slot>
        <span class="hint" part="hint"
          >${limits.size || limits.duration ? strings.limits(limits) + ' ' : ''}${strings.promptHint}</span
        >
      </button>
      ${this._rejection ? html`<p part="reject-message error-message">${this._rejection}</p>` : nothing}
    `;
  }

  private renderFile(file: File) {
    return html`<div part="file">
      <span part="file-name">${file.name}</span>
      <span part="file-size">${this.localize.bytes(file.size)}</span>
    </div>`;
  }

  private renderReady(file: File) {
    const { strings } = this.localize;
    return html`
      ${this.renderFile(file)}
      <p part="status">${strings.readyToUpload}</p>
      <div part="actions">
        <button part="button upload-button" type="button" ?disabled=${this.disabled} @click=${() => this.upload()}>
          ${strings.start}
        </button>
        <button part="button reset-button" type="button" ?disabled=${this.disabled} @click=${this.chooseAnother}>
          ${strings.startOver}
        </button>
      </div>
    `;
  }

  private chooseAnother = () => {
    this.reset();
    this.openFilePicker();
  };

  private statusText(): string {
    const { strings } = this.localize;
    switch (this._state) {
      case 'preparing':
        return strings.preparing;
      case 'paused':
        return strings.paused;
      case 'waiting-for-token':
        return strings.waitingForToken;
      case 'error':
        return strings.errorTitle;
      default:
        return strings.uploadingPercent(this.percent());
    }
  }

  private percent(): number {
    return Math.min(100, Math.max(0, Math.floor(this._progress?.percent ?? 0)));
  }

  private statsText(): string {
    const progress = this._progress;
    if (this._state !== 'uploading' || !progress || !(progress.bytesPerSecond > 0)) return '';
    const speed = this.localize.speed(progress.bytesPerSecond);
    const eta = progress.etaSeconds;
    if (eta === null || !Number.isFinite(eta) || eta < 0) return this.localize.strings.speedOnly(speed);
    return this.localize.strings.speedAndTimeLeft(speed, this.localize.duration(eta));
  }

  private renderUpload(file: File) {
    const { strings } = this.localize;
    const percent = this.percent();
    const state = this._state;
    const error = state === 'error' || state === 'waiting-for-token' ? this._error : undefined;
    return html`
      ${this.renderFile(file)}
      <p part="status">${this.statusText()}</p>
      <div
        part="progress-bar"
        role="progressbar"
        aria-label=${strings.progressLabel}
        aria-valuemin="0"
        aria-valuemax="100"
        aria-valuenow=${percent}
      >
        <div part="progress-indicator" style=${styleMap({ width: `${percent}%` })}></div>
      </div>
      <p part="stats">${this.statsText()}</p>
      ${error ? html`<p part="error-message">${error.message}</p>` : nothing}
      <div part="actions">
        ${state === 'uploading'
          ? html`<button part="button pause-button" type="button" ?disabled=${this.disabled} @click=${this.pause}>
              ${strings.pause}
            </button>`
          : nothing}
        ${state === 'paused'
          ? html`<button part="button resume-button" type="button" ?disabled=${this.disabled} @click=${this.resume}>
              ${strings.resume}
            </button>`
          : nothing}
        ${state === 'error' && this._error?.retriable
          ? html`<button part="button retry-button" type="button" ?disabled=${this.disabled} @click=${this.retry}>
              ${strings.retry}
            </button>`
          : nothing}
        ${IN_PROGRESS.has(state)
          ? html`<button part="button cancel-button" type="button" ?disabled=${this.disabled} @click=${this.cancel}>
              ${strings.cancel}
            </button>`
          : nothing}
        ${state === 'error'
          ? html`<button part="button reset-button" type="button" ?disabled=${this.disabled} @click=${this.chooseAnother}>
              ${strings.startOver}
            </button>`
          : nothing}
      </div>
    `;
  }

  private renderSuccess() {
    const { strings } = this.localize;
    return html`
      ${this._file ? this.renderFile(this._file) : nothing}
      <p part="success">${strings.success}</p>
      <p part="video-id-line">${strings.videoId} <code part="video-id">${this._video?.videoId ?? ''}</code></p>
      <div part="actions">
        <button part="button reset-button" type="button" ?disabled=${this.disabled} @click=${this.chooseAnother}>
          ${strings.uploadAnother}
        </button>
      </div>
    `;
  }
}
