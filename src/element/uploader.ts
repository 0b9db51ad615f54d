import {
  LitElement,
  adoptStyles,
  html,
  nothing,
  type CSSResultOrNative,
  type PropertyValues,
  type TemplateResult,
} from 'lit';
import type { UploadErrorDetail, UploadProgressDetail, Video } from '../events/index.js';
import type { QueueEntry } from '../upload/queue.js';
import type { UploadState } from '../upload/types.js';
import { PartSizeReader } from './chunk-size.js';
import { wholeCount } from './converters.js';
import { DetailsCode, type MetadataValues } from './details-code.js';
import { dropZoneView } from './drop-zone.js';
import { UploadEngineCode, type ListCode } from './engine-code.js';
import { canPickWithHandle, droppedHandles, pickWithHandles } from './file-handles.js';
import { FileIntake } from './file-intake.js';
import { LocalizeController } from './localize.js';
import { OnDemand } from './on-demand.js';
import type { PosterFrames } from './poster-frames.js';
import { QueueViewCode } from './queue-view-code.js';
import type { FrameRender } from './render-pace.js';
import type { QueueViewActions } from './queue-views.js';
import type { ResumeController } from './resume-controller.js';
import { isInProgress } from './states.js';
import type { RecordingSource } from '../record/panel.js';
import { loadRecordingPanel, parseSources, records } from '../record/sources.js';
import { completeEnglish } from './strings.js';
import { uploaderStyles } from './styles.js';
import type { GivenFile, UploadList } from './upload-list.js';
import { UploaderProperties } from './uploader-properties.js';
import type { ViewActions } from './views.js';

const asFile = (value: unknown) => (value instanceof File ? value : undefined);

/**
 * The behaviour of `<apivideo-uploader>` over its settings (UploaderProperties): its API, the files a person gives
 * (FileIntake picks them out of the picker, a drop or a paste), and rendering. Every file goes into one UploadList, a
 * list of one without `multiple`; `multiple` changes its limits and the view (the queue's, fetched once `multiple` is
 * set). The list and the views of a file come with the upload (engine-code.ts): until then the element draws its drop
 * zone, and files given wait for the list. The registered element only names it.
 */
export class UploaderElement extends UploaderProperties {
  static override styles = uploaderStyles;
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  /** What the live region says; each change renders. */
  #announcement = '';

  private get _input(): HTMLInputElement | null | undefined {
    return this.renderRoot?.querySelector('input[type=file]');
  }

  readonly #localize = new LocalizeController(this);
  readonly #partSize = new PartSizeReader(this);
  /** Progress is rendered once per animation frame, however many reports come in one. With the list: nothing progresses before. */
  #frames?: FrameRender;
  /** Every file given, and the recording followed: one list, a list of one without `multiple`. Once its code arrived. */
  #list?: UploadList;
  /** Resume's side of the element (its offers, its trackers), with the list. */
  #resumeRecords?: ResumeController;
  /**
   * The list of uploads and the upload engine: fetched at the first sign of intent, or once the page is idle; files
   * given before the list arrives wait for it, and files in the list wait for the engine in their turn.
   */
  readonly #engine = new UploadEngineCode(
    this,
    (code) => this.#listArrived(code),
    () => this.#list?.codeArrived(),
  );
  /** The queue's view, fetched once `multiple` is set. */
  readonly #queueCode = new QueueViewCode(this);
  readonly #intake = new FileIntake(this, {
    disabled: () => this.disabled,
    accepting: () => this.#accepting,
    take: (files, handles) =>
      void this.#give(files.map((file, i) => ({ file, handle: handles?.then((kept) => kept[i]) })), this.autoUpload),
    handlesOf: (transfer) => droppedHandles(transfer),
  });
  /** The recording controls, fetched once `sources` offers the camera or the screen, with the list that follows them. */
  readonly #recorderCode = new OnDemand(this, 'recording', 'panel.js (the recording)', async () => {
    await this.#engine.loadList();
    return loadRecordingPanel(this, {
      options: () => this.#engine.list.value!.recordingOptions(this),
      follow: () => this.#list!.follow(),
      lang: () => this.#localize.lang,
      formatBytes: (bytes) => this.#localize.bytes(bytes),
      formatDuration: (seconds) => this.#localize.duration(seconds),
    });
  });
  /** A frame of each file shown, decoded from it: with the list, which shows files. */
  #posters?: PosterFrames;
  /** The rules adopted beside the element's own: those of the views fetched on demand, once they are there. */
  #adopted: readonly CSSResultOrNative[] = [];

  constructor() {
    super();
    // An element made once the page has the list (another element fetched it) has its list from the start.
    const known = this.#engine.list.value;
    if (known) this.#listArrived(known);
  }

  /** The video details form (`metadata-fields`), fetched once a field is named. */
  readonly #details = new DetailsCode(this, this.#localize);

  /**
   * The video's details (`metadata-fields`): set it to fill the form in (a page's own title, tags); read it for what
   * the form holds now, `{ title, description, tags, thumbnailTimecode }`. Values set after the person typed leave
   * what they typed alone.
   */
  get metadata(): MetadataValues {
    return this.#details.values;
  }

  set metadata(values: MetadataValues | undefined) {
    this.#details.values = values;
  }

  /**
   * Where the upload stands: `idle`, `preparing`, `uploading`, `paused`, `waiting-for-token`, `error` or `success`.
   * With `multiple`, the queue's: `uploading` while a file uploads, `preparing` while files wait for their turn, then
   * `paused`, `waiting-for-token`, `error` (a file failed) or `success`. Reflected to the `state` attribute, and to the
   * boolean attributes `upload-in-progress` (preparing, uploading, paused or waiting for a token), `upload-error` and
   * `upload-complete` (success), for style sheets.
   */
  get state(): UploadState {
    return this.#list?.state ?? 'idle';
  }

  /** The chosen file, once it passed the restrictions. Unset with `multiple`: see `files`. */
  get file(): File | undefined {
    return this.#list?.file;
  }

  /**
   * Every file with where it stands (`state`: `checking`, `rejected`, `ready`, `queued`, an upload state, or
   * `cancelled`), its progress, error, rejection and video: with `multiple`, the queue in the order files came; else
   * the chosen file, if any. A snapshot: read it again for news.
   */
  get files(): QueueEntry[] {
    return this.#list?.files ?? [];
  }

  /**
   * The api.video video id: with `video-id`, that id once the upload starts; else known after the first part is
   * stored. Unset with `multiple`: see `files`.
   */
  get videoId(): string | undefined {
    return this.#list?.only?.controller.videoId;
  }

  /** api.video's Video object, after `upload-success`. Unset with `multiple`: see `files`. */
  get video(): Video | undefined {
    return this.#list?.only?.controller.video;
  }

  /** The latest `upload-progress` detail. Unset with `multiple`: see `files`, and the total the element shows. */
  get progress(): UploadProgressDetail | undefined {
    return this.#list?.only?.controller.progress;
  }

  /** The latest `upload-error` detail, while in the `error` or `waiting-for-token` state. Unset with `multiple`. */
  get error(): UploadErrorDetail | undefined {
    return this.#list?.only?.controller.error;
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'chunk-size') this.#partSize.read(value);
  }

  /**
   * Uploads `file` (even with `auto-upload="false"`), or the file already chosen, or, with neither, opens the file
   * picker (which browsers allow only from a user gesture). Ignored while an upload is under way. Resolves when the
   * upload settles or the file is rejected; never rejects. With `multiple`: adds `file` to the queue and starts it in
   * its turn, or starts every file waiting for `upload()`; resolves when those files have settled. A file given while
   * the queue's code cannot be fetched waits for it (the element offers to try again).
   */
  async upload(file?: File): Promise<void> {
    this.#engine.want();
    // The picker opens in the caller's task (browsers allow it only from a user gesture), before any wait.
    if (!file && !this.#list?.hasFiles && this.#engine.list.waiting === 0) return this.openFilePicker();
    if (file) return this.#give([{ file }], true);
    // Files given before the list arrived are in it once it is there.
    await this.#engine.list.whenThere(0, () => this.#list!.upload());
  }

  /**
   * Pauses: the part in flight is aborted and sent again on resume. Given a file, only that file's upload; with
   * `multiple`, a file paused before its turn waits until it is resumed, and a paused file leaves its place to the
   * next.
   */
  pause(file?: File): void {
    this.#list?.pause(file);
  }

  /** Continues a paused upload at the first part the server lacks. Given a file, only that file's upload. */
  resume(file?: File): void {
    this.#list?.resume(file);
  }

  /**
   * Stops the upload at once; fires `upload-cancel` and returns to `idle`. Given a file, only that file's upload. With
   * `multiple`, a file waiting for its turn, or failed, is given up too (with its `upload-cancel`); its row stays.
   */
  cancel(file?: File): void {
    // Files that wait for the list are not in it yet: given up, all of them.
    if (!file && this.#engine.list.waiting > 0) this.#engine.list.forget();
    this.#list?.cancel(file);
  }

  /** After an error, continues the upload at the part that failed. Given a file, only that file's upload. */
  retry(file?: File): void {
    this.#list?.retry(file);
  }

  /**
   * Cancels any upload (firing `upload-cancel` if one was running) and forgets the file: back to the drop zone. With
   * `multiple`, every file: the queue is emptied.
   */
  reset(): void {
    this.#queueCode.forget();
    this.#startOver();
  }

  /**
   * Records from `camera` or `screen` and uploads while recording (needs a user gesture, and `camera` or `screen` in
   * `sources`). Resolves once recording, or once it failed (`upload-error`, `recording-failed`), or once the recording's
   * code could not be fetched (the element says so in place of its record buttons).
   */
  async startRecording(source: RecordingSource): Promise<void> {
    if (!parseSources(this.sources).includes(source) || this.disabled) return;
    this.#engine.want();
    this.reset();
    const panel = await this.#recorderCode.load().catch(() => undefined);
    await panel?.start(source);
  }

  /** Ends the recording: `recording-stop`, then the last part, then `upload-success`. Resolves when the upload settled. */
  stopRecording(): Promise<void> {
    return this.#recorderCode.value?.stop() ?? Promise.resolve();
  }

  /**
   * Opens the browser's file picker (needs a user gesture). Where the browser can hand over a file's handle
   * (Chromium's showOpenFilePicker) and `resumable` is on, that picker is used, for one file or, with `multiple`,
   * several, so an interrupted upload's file comes back after a reload without being chosen again. In a browser driven
   * by a test tool (`navigator.webdriver` is true: Playwright, Puppeteer, WebDriver) it is always the file input's
   * chooser, the one those tools intercept.
   */
  openFilePicker(): void {
    if (this.disabled || !this.#accepting) return;
    if (this.resumable && canPickWithHandle(this.accept)) void this.#pickWithHandles();
    else this._input?.click();
  }

  /** Forgets every unfinished upload recorded under this element's `resume-storage-key`: none is offered or resumed. */
  async forgetResumable(): Promise<void> {
    await this.#engine.loadList();
    return this.#resumeRecords!.forget();
  }

  /**
   * Also waits for a language being fetched (the element shows English meanwhile), for the queue's code once
   * `multiple` is set, and for progress waiting for its animation frame, with the render each brings: `updateComplete`
   * means what is on screen is final.
   */
  protected override async getUpdateComplete(): Promise<boolean> {
    // Progress waiting for its frame: that one frame (not every frame of an upload that keeps reporting).
    await this.#frames?.pending;
    let complete = await super.getUpdateComplete();
    // Code that could not be fetched is final too: the element then says so, with its "Try again".
    for (;;) {
      const loading =
        this.#localize.loading ??
        (this.multiple ? this.#queueCode.loading : undefined) ??
        (this.#engine.list.waiting > 0 ? this.#engine.list.loading : undefined);
      if (!loading) return complete;
      await loading.catch(() => undefined);
      complete = await super.getUpdateComplete();
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // What the list's latest changes call for (a file's turn, a queue drained), before this render shows the list.
    this.#list?.flush();
    // One file and a queue do not mix: switching starts over. Files given since `multiple` was turned on
    // (`el.multiple = true; el.upload(file)`) are the new queue's, whether its view is there yet or not.
    if (changed.has('multiple') && this.hasUpdated) {
      if (!this.multiple) this.#queueCode.forget();
      this.#startOver(this.multiple);
    }
    if (changed.has('multiple') && this.multiple) this.#queueCode.request();
    if (changed.has('sources') && records(parseSources(this.sources))) this.#recorderCode.request();
    if (changed.has('metadataFields') && this.#showsDetails) this.#details.request();
    // Mirrored to read-only attributes so pages style each state with CSS alone; set only when the state changed: an
    // attribute set, even to the value it has, is a mutation the page's observers hear and its styles are checked for.
    const state = this.state;
    if (this.getAttribute('state') !== state) {
      this.setAttribute('state', state);
      this.toggleAttribute('upload-in-progress', isInProgress(state));
      this.toggleAttribute('upload-error', state === 'error');
      this.toggleAttribute('upload-complete', state === 'success');
    }
    if (changed.has('uploadToken') && this.uploadToken) this.#list?.setStaticToken(this.uploadToken);
    // A number set from script is checked on change, not only at upload time, so its warning comes as it is set.
    if (changed.has('chunkSize')) this.#partSize.read(this.chunkSize, this.minChunkSize);
    this.#adoptViewStyles();
  }

  protected override updated(): void {
    // The details form follows the one file's upload: its video and capability, and its end (unsaved edits go then).
    const file = this.multiple ? undefined : this.#list?.file;
    this.#details.follow(file, file && this.#list?.only?.controller.snapshot);
    this.#posters?.keep(this.#list?.files.map((entry) => entry.file) ?? []);
  }

  /** A file's poster frame, once decoded. */
  readonly #posterOf = (file: File): string | undefined => {
    const code = this.#engine.list.value;
    return code && (this.#posters ??= new code.PosterFrames(this)).of(file);
  };

  get #showsDetails(): boolean {
    return !this.multiple && Boolean(this.metadataFields?.trim());
  }

  /** `keepList`: the files given since `multiple` was turned on stay (they are the new queue's). */
  #startOver(keepList = false): void {
    this.#recorderCode.value?.discard();
    if (this._input) this._input.value = '';
    if (keepList) return;
    this.#engine.list.forget();
    this.#list?.reset();
  }

  /** Files are taken now: nothing is in the way (a list of one's file checked, waiting or uploading). */
  get #accepting(): boolean {
    return this.multiple || (this.#engine.list.waiting === 0 && (this.#list?.accepting ?? true));
  }

  /** Files into the list, once it is there: a queue's once its view is there too (fetched since `multiple` was set). */
  async #give(files: GivenFile[], start: boolean): Promise<void> {
    this.#engine.want();
    await this.#engine.list.whenThere(files.length, () => {
      const add = () => this.#list!.add(files, start);
      return this.multiple ? this.#queueCode.whenThere(files.length, add) : add();
    });
  }

  /** The list's code arrived: the list and resume's side of the element, over it. */
  #listArrived(code: ListCode): void {
    if (this.#list) return;
    completeEnglish(code.uploadStrings);
    // Until the list is there, the drop zone is the one view: no render takes a focused control away, no progress.
    new code.FocusKeeper(this);
    const frames = (this.#frames = new code.FrameRender(this));
    this.#list = new code.UploadList(this, {
      localize: this.#localize,
      announce: (text) => void this.#announce(text),
      settings: () => code.listSettings(this),
      sessionOptions: (engine, file, handle) => ({
        ...code.sessionOptions(this, file, this.#partSize.read(this.chunkSize, this.minChunkSize)),
        resume: this.#resumeRecords!.trackerFor(engine, handle),
      }),
      code: () => this.#engine.value,
      wantCode: () => this.#engine.want(),
      progressed: () => frames.request(),
    });
    this.#resumeRecords = new code.ResumeController(this, {
      select: (file, handle) => void this.#give([{ file, handle }], true),
      pick: () => this.openFilePicker(),
      trackers: () => this.#list!.trackers,
      engine: this.#engine,
    });
    this.requestUpdate();
  }

  /** The rules of the views fetched on demand, adopted beside the element's own as each arrives. */
  #adoptViewStyles(): void {
    const list = this.#engine.list.value;
    const queue = this.#queueCode.styles;
    const wanted = [...(list ? [list.fileViewStyles, list.resumeStyles] : []), ...(queue ? [queue] : [])];
    const same = wanted.length === this.#adopted.length && wanted.every((sheet, i) => sheet === this.#adopted[i]);
    if (same || !this.renderRoot) return;
    this.#adopted = wanted;
    adoptStyles(this.renderRoot as ShadowRoot, [...(this.constructor as typeof UploaderElement).elementStyles, ...wanted]);
  }

  async #pickWithHandles(): Promise<void> {
    const picked = await pickWithHandles(this.accept, this.#localize.strings.chooseFile, this.multiple);
    // Not allowed here (a cross-origin frame, no gesture left): the file input, as everywhere else.
    if (picked === 'unavailable') this._input?.click();
    else if (picked !== 'cancelled') await this.#give(picked, this.autoUpload);
  }

  async #announce(text: string): Promise<void> {
    // Emptying the region first makes a repeated message ("Upload paused" twice) heard again.
    if (this.#announcement === text) {
      this.#announcement = '';
      this.requestUpdate();
      await this.updateComplete;
    }
    this.#announcement = text;
    this.requestUpdate();
  }

  // ---- rendering --------------------------------------------------------------------------------------------------

  /** The views' actions: the single view's buttons act on the one file (their click is no file), a row's on its own. */
  readonly #actions: ViewActions & QueueViewActions = {
    pick: () => this.openFilePicker(),
    upload: () => void this.upload(),
    uploadAll: () => void this.upload(),
    pause: (file?: unknown) => this.pause(asFile(file)),
    resume: (file?: unknown) => this.resume(asFile(file)),
    cancel: (file?: unknown) => this.cancel(asFile(file)),
    retry: (file?: unknown) => this.retry(asFile(file)),
    clear: () => this.reset(),
    chooseAnother: () => {
      this.reset();
      this.openFilePicker();
    },
    takeOffer: (key) => void this.#resumeRecords?.take(key),
    forgetOffer: (key) => void this.#resumeRecords?.dismiss(key),
  };

  /** The drop zone's and the resume offers' part of both views. */
  #commonModel() {
    return {
      dragOver: this.#intake.dragOver,
      disabled: this.disabled,
      apiHost: this.apiHost,
      records: records(parseSources(this.sources)),
      maxFileSize: this.maxFileSize,
      maxDuration: this.maxDuration,
      localize: this.#localize,
      // A file of the offer's name in the list is being resumed, or uploaded again: no offer for it.
      offers: this.resumable ? this.#resumeRecords?.offers.filter((offer) => !this.#list!.holds(offer.fileName)) : undefined,
    };
  }

  /** The drop zone alone, before the list is there: busy while files given wait for it. */
  #dropZone(multiple: boolean): TemplateResult {
    const model = { ...this.#commonModel(), checking: this.#engine.list.waiting > 0, multiple, maxFiles: wholeCount(this.maxFiles) };
    return dropZoneView(model, this.#actions.pick);
  }

  /** The single file's view, from the list (the drop zone until the list is there). */
  #singleView(): TemplateResult | typeof nothing {
    const code = this.#engine.list.value;
    const failure = this.#engineFailure();
    if (failure) return failure;
    if (!code || !this.#list) return this.#dropZone(false);
    return code.bodyView(code.oneViewModel(this.#list, this.#commonModel(), this.#posterOf), this.#actions);
  }

  /** The queue (the drop zone until the list is there too), or why its code is not there. */
  #queueView(): TemplateResult | typeof nothing {
    const failure = this.#engineFailure();
    if (failure) return failure;
    const code = this.#engine.list.value;
    const list = this.#list;
    const model = () =>
      code && list ? code.queueViewModel(list, { ...this.#commonModel(), maxFiles: wholeCount(this.maxFiles) }, this.#posterOf) : undefined;
    return this.#queueCode.view(model, this.#actions, this.#localize.strings, () => this.#dropZone(true));
  }

  /**
   * Files wait for code whose fetch failed (the list, or the upload engine in their turn): why, with "Try again",
   * where their progress would be.
   */
  #engineFailure(): TemplateResult | typeof nothing | undefined {
    return this.#engine.failureView(this.#localize.strings, this.#list?.waitingForCode ?? 0);
  }

  /**
   * The recording panel, with the error of a recording (no file to show it beside) in the element's language. Its
   * record buttons are the primary ones when there is no drop zone beside them.
   */
  #recordingView(): TemplateResult | typeof nothing {
    const sources = parseSources(this.sources);
    if (!records(sources)) return nothing;
    const recorder = this.#recorderCode.value;
    if (!recorder) return this.#recorderCode.failureView(this.#localize.strings);
    const only = this.#list?.only;
    const error = only?.recording && this.state === 'error' ? only.controller.errorText?.(this.#localize.strings) : undefined;
    const recordFrom = sources.filter((s) => s !== 'file') as RecordingSource[];
    return recorder.render(recordFrom, this.disabled, error, !sources.includes('file'));
  }

  protected override render(): TemplateResult {
    // While a recording is made and sent, the panel is the whole view: no drop zone, no file to choose.
    const recording = this.#list?.only?.recording && isInProgress(this.state);
    const single = !recording && (parseSources(this.sources).includes('file') || this.#list?.file || this.state === 'success');
    return html`
      <div
        part="base"
        @dragenter=${this.#intake.onDragOver}
        @dragover=${this.#intake.onDragOver}
        @dragleave=${this.#intake.onDragLeave}
        @drop=${this.#intake.onDrop}
      >
        <input
          part="file-input"
          type="file"
          hidden
          tabindex="-1"
          accept=${this.accept || nothing}
          ?multiple=${this.multiple}
          ?disabled=${this.disabled}
          @change=${this.#intake.onInputChange}
        />
        ${this.multiple ? this.#queueView() : single ? this.#singleView() : nothing}
        ${this.#recordingView()}
        ${this.#showsDetails && this.#list?.file ? this.#details.view(this.disabled, this.#localize.strings) : nothing}
        <div part="announcer" class="visually-hidden" aria-live="polite" aria-atomic="true">${this.#announcement}</div>
      </div>
    `;
  }
}
