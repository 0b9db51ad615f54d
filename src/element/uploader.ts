import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { UploadErrorDetail, UploadProgressDetail, Video } from '../events/index.js';
import type { QueueEntry } from '../upload/queue.js';
import type { UploadState } from '../upload/types.js';
import type { ChunkSizeValue } from './chunk-size.js';
import { wholeCount } from './converters.js';
import { DetailsCode, type MetadataValues } from './details-code.js';
import { dropZoneView } from './drop-zone.js';
import { UploadEngineCode, type ListCode } from './engine-code.js';
import { canPickWithHandle, droppedHandles, pickWithHandles } from './file-handles.js';
import { FileIntake } from './file-intake.js';
import type { CommonModel, ListSide } from './list-side.js';
import { LocalizeController } from './localize.js';
import { OnDemand } from './on-demand.js';
import { QueueViewCode } from './queue-view-code.js';
import type { RecordingSource } from '../record/panel.js';
import { parseSources, records } from '../record/sources.js';
import { isInProgress } from './states.js';
import { uploaderStyles } from './styles.js';
import type { GivenFile } from './upload-list.js';
import { UploaderProperties } from './uploader-properties.js';

/**
 * The behaviour of `<apivideo-uploader>` over its settings (UploaderProperties): its API, the files a person gives
 * (FileIntake picks them out of the picker, a drop or a paste), and rendering. Every file goes into one UploadList, a
 * list of one without `multiple`; `multiple` changes its limits and the view (the queue's, fetched once `multiple` is
 * set). The list and the views of a file come with the upload (engine-code.ts): until then the element draws its drop
 * zone, and files given wait for the list; once it is there, the element hands the list's wiring and its views to a
 * ListSide (list-side.ts, fetched with the list). The registered element only names it.
 */
export class UploaderElement extends UploaderProperties {
  static override styles = uploaderStyles;
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  private get _input(): HTMLInputElement | null | undefined {
    return this.renderRoot?.querySelector('input[type=file]');
  }

  readonly #localize = new LocalizeController(this);
  /** The part sizes the page gave before the list arrived: its side reads them, and warns about them, then. */
  readonly #sizes: ChunkSizeValue[] = [];
  /** The list, resume's side of the element and the views over them, once the list's code arrived. */
  #side?: ListSide;
  /**
   * The list of uploads and the upload engine: fetched at the first sign of intent, or once the page is idle; files
   * given before the list arrives wait for it, and files in the list wait for the engine in their turn.
   */
  readonly #engine = new UploadEngineCode(
    this,
    (code) => this.#listArrived(code),
    () => this.#side?.list.codeArrived(),
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
  readonly #recorderCode = new OnDemand(this, 'recording', 'panel.js (the recording)', () =>
    this.#engine.loadList().then(() => this.#side!.recordingPanel()),
  );

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
    return this.#side?.state ?? 'idle';
  }

  /** The chosen file, once it passed the restrictions. Unset with `multiple`: see `files`. */
  get file(): File | undefined {
    return this.#side?.file;
  }

  /**
   * Every file with where it stands (`state`: `checking`, `rejected`, `ready`, `queued`, an upload state, or
   * `cancelled`), its progress, error, rejection and video: with `multiple`, the queue in the order files came; else
   * the chosen file, if any. A snapshot: read it again for news.
   */
  get files(): QueueEntry[] {
    return this.#side?.files ?? [];
  }

  /**
   * The api.video video id: with `video-id`, that id once the upload starts; else known after the first part is
   * stored. Unset with `multiple`: see `files`.
   */
  get videoId(): string | undefined {
    return this.#side?.videoId;
  }

  /** api.video's Video object, after `upload-success`. Unset with `multiple`: see `files`. */
  get video(): Video | undefined {
    return this.#side?.video;
  }

  /** The latest `upload-progress` detail. Unset with `multiple`: see `files`, and the total the element shows. */
  get progress(): UploadProgressDetail | undefined {
    return this.#side?.progress;
  }

  /** The latest `upload-error` detail, while in the `error` or `waiting-for-token` state. Unset with `multiple`. */
  get error(): UploadErrorDetail | undefined {
    return this.#side?.error;
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'chunk-size') this.#sizeGiven(value);
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
    if (!file && !this.#side?.list.hasFiles && this.#engine.list.waiting === 0) return this.openFilePicker();
    if (file) return this.#give([{ file }], true);
    // Files given before the list arrived are in it once it is there.
    await this.#engine.list.whenThere(0, () => this.#side!.list.upload());
  }

  /**
   * Pauses: the part in flight is aborted and sent again on resume. Given a file, only that file's upload; with
   * `multiple`, a file paused before its turn waits until it is resumed, and a paused file leaves its place to the
   * next.
   */
  pause(file?: File): void {
    this.#side?.list.pause(file);
  }

  /** Continues a paused upload at the first part the server lacks. Given a file, only that file's upload. */
  resume(file?: File): void {
    this.#side?.list.resume(file);
  }

  /**
   * Stops the upload at once; fires `upload-cancel` and returns to `idle`. Given a file, only that file's upload. With
   * `multiple`, a file waiting for its turn, or failed, is given up too (with its `upload-cancel`); its row stays.
   */
  cancel(file?: File): void {
    // Files that wait for the list are not in it yet: given up, all of them.
    if (!file && this.#engine.list.waiting > 0) this.#engine.list.forget();
    this.#side?.list.cancel(file);
  }

  /** After an error, continues the upload at the part that failed. Given a file, only that file's upload. */
  retry(file?: File): void {
    this.#side?.list.retry(file);
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
    return this.#side!.resume.forget();
  }

  /**
   * Also waits for a language being fetched (the element shows English meanwhile), for the queue's code once
   * `multiple` is set, and for progress waiting for its animation frame, with the render each brings: `updateComplete`
   * means what is on screen is final.
   */
  protected override async getUpdateComplete(): Promise<boolean> {
    // Progress waiting for its frame: that one frame (not every frame of an upload that keeps reporting).
    await this.#side?.frames.pending;
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
    this.#side?.willUpdate(changed);
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
    // A number set from script is checked on change, not only at upload time, so its warning comes as it is set.
    if (changed.has('chunkSize')) this.#sizeGiven(this.chunkSize);
  }

  #sizeGiven(value: ChunkSizeValue): void {
    if (this.#side) this.#side.partSize.read(value, this.minChunkSize);
    else this.#sizes.push(value);
  }

  protected override updated(): void {
    this.#side?.updated();
  }

  get #showsDetails(): boolean {
    return !this.multiple && Boolean(this.metadataFields?.trim());
  }

  /** `keepList`: the files given since `multiple` was turned on stay (they are the new queue's). */
  #startOver(keepList = false): void {
    this.#recorderCode.value?.discard();
    if (this._input) this._input.value = '';
    if (keepList) return;
    this.#engine.list.forget();
    this.#side?.list.reset();
  }

  /** Files are taken now: nothing is in the way (a list of one's file checked, waiting or uploading). */
  get #accepting(): boolean {
    return this.multiple || (this.#engine.list.waiting === 0 && (this.#side?.list.accepting ?? true));
  }

  /** Files into the list, once it is there: a queue's once its view is there too (fetched since `multiple` was set). */
  async #give(files: GivenFile[], start: boolean): Promise<void> {
    this.#engine.want();
    await this.#engine.list.whenThere(files.length, () => {
      const add = () => this.#side!.list.add(files, start);
      return this.multiple ? this.#queueCode.whenThere(files.length, add) : add();
    });
  }

  /** The list's code arrived: the list, resume's side of the element and the views over them. */
  #listArrived(code: ListCode): void {
    this.#side ??= new code.ListSide(this, {
      localize: this.#localize,
      engine: this.#engine,
      queueCode: this.#queueCode,
      recorderCode: this.#recorderCode,
      details: this.#details,
      sizes: this.#sizes,
      give: (files, start) => this.#give(files, start),
      common: () => this.#common(),
      dropZone: (multiple) => this.#dropZone(multiple),
    });
  }

  async #pickWithHandles(): Promise<void> {
    const picked = await pickWithHandles(this.accept, this.#localize.strings.chooseFile, this.multiple);
    // Not allowed here (a cross-origin frame, no gesture left): the file input, as everywhere else.
    if (picked === 'unavailable') this._input?.click();
    else if (picked !== 'cancelled') await this.#give(picked, this.autoUpload);
  }

  // ---- rendering --------------------------------------------------------------------------------------------------

  /** The element's part of every view: what the drop zone shows. */
  #common(): CommonModel {
    return {
      dragOver: this.#intake.dragOver,
      disabled: this.disabled,
      apiHost: this.apiHost,
      records: records(parseSources(this.sources)),
      maxFileSize: this.maxFileSize,
      maxDuration: this.maxDuration,
      maxFiles: wholeCount(this.maxFiles),
      localize: this.#localize,
    };
  }

  /** The drop zone alone, before the list is there (busy while files given wait for it), or before the queue's view. */
  #dropZone(multiple: boolean): TemplateResult {
    return dropZoneView({ ...this.#common(), checking: this.#engine.list.waiting > 0, multiple }, this.#pick);
  }

  readonly #pick = () => this.openFilePicker();

  /** Before the list is there: the drop zone, the queue's (or why the code files wait for is not there). */
  #idleView(): TemplateResult | typeof nothing {
    const strings = this.#localize.strings;
    const dropZone = () => this.#dropZone(this.multiple);
    if (!this.multiple && !parseSources(this.sources).includes('file')) return nothing;
    return this.#engine.failureView(strings, 0) ?? (this.multiple ? this.#queueCode.view(strings, dropZone) : dropZone());
  }

  protected override render(): TemplateResult {
    const side = this.#side;
    const strings = this.#localize.strings;
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
        ${side ? side.main() : this.#idleView()}
        ${side ? side.recording() : records(parseSources(this.sources)) ? this.#recorderCode.failureView(strings) : nothing}
        ${side ? side.details(this.#showsDetails) : nothing}
        <div part="announcer" class="visually-hidden" aria-live="polite" aria-atomic="true">${side?.announcement}</div>
      </div>
    `;
  }
}
