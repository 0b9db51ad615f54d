// The element once the list of uploads is there: the list and resume's side of the element over it, the views of the
// list (a file's, the queue's, the recording panel's, the details form's) and their actions, the live region's
// sentences, the rules adopted beside the element's own. It comes with the list (list-code.ts): the first file keeps
// the element's API and what the idle element draws, and hands the rest to this object once the list arrived.
import { adoptStyles, nothing, type CSSResultOrNative, type PropertyValues, type TemplateResult } from 'lit';
import type { UploadErrorDetail, UploadProgressDetail, Video } from '../events/index.js';
import type { RecordingPanel, RecordingSource } from '../record/panel.js';
import { parseSources, records } from '../record/sources.js';
import type { QueueEntry } from '../upload/queue.js';
import type { UploadState } from '../upload/types.js';
import type { ChunkSizeValue } from './chunk-size.js';
import type { DetailsCode } from './details-code.js';
import type { DropZoneModel } from './drop-zone.js';
import type { UploadEngineCode } from './engine-code.js';
import { FocusKeeper } from './focus-keeper.js';
import { oneViewModel, queueViewModel } from './list-models.js';
import type { LocalizeController } from './localize.js';
import type { OnDemand } from './on-demand.js';
import { PartSizeReader } from './part-size.js';
import { PosterFrames } from './poster-frames.js';
import type { QueueViewCode } from './queue-view-code.js';
import type { QueueViewActions } from './queue-views.js';
import { FrameRender } from './render-pace.js';
import { ResumeController } from './resume-controller.js';
import { resumeStyles } from './resume-views.js';
import { listSettings, recordingOptions, sessionOptions } from './session-options.js';
import { isInProgress } from './states.js';
import { completeEnglish } from './strings.js';
import { UploadList, type GivenFile } from './upload-list.js';
import { uploadStrings } from './upload-strings.js';
import type { UploaderElement } from './uploader.js';
import { bodyView, fileViewStyles, type ViewActions } from './views.js';

/** The element's own part of every view's model: what the drop zone shows. */
export type CommonModel = Omit<DropZoneModel, 'checking' | 'multiple'> & { apiHost: string };

/** What the element hands over of its private parts when the list arrives. */
export interface ElementParts {
  localize: LocalizeController;
  engine: UploadEngineCode;
  queueCode: QueueViewCode;
  recorderCode: OnDemand<RecordingPanel>;
  details: DetailsCode;
  /** The part sizes the page gave before the list arrived, to read (and warn about) now. */
  sizes: readonly ChunkSizeValue[];
  /** Files into the list (once a queue's view is there too, with `multiple`). */
  give(files: GivenFile[], start: boolean): Promise<void>;
  /** The element's part of every view's model. */
  common(): CommonModel;
  /** The drop zone alone, for the queue while its view is not there. */
  dropZone(multiple: boolean): TemplateResult;
}

const asFile = (value: unknown) => (value instanceof File ? value : undefined);

export class ListSide {
  /** Every file given, and the recording followed: one list, a list of one without `multiple`. */
  readonly list: UploadList;
  /** Resume's side of the element: its offers, its trackers. */
  readonly resume: ResumeController;
  /** Progress is rendered once per animation frame, however many reports come in one. */
  readonly frames: FrameRender;
  /** The part size, warned about as the page gives it (in `chunk-size`, or set from script). */
  readonly partSize: PartSizeReader;
  /** What the live region says; each change renders. */
  announcement = '';
  /** A frame of each file shown, decoded from it. */
  #posters?: PosterFrames;
  /** The rules adopted beside the element's own: those of the views fetched on demand, once they are there. */
  #adopted: readonly CSSResultOrNative[] = [];

  readonly #host: UploaderElement;
  readonly #parts: ElementParts;

  constructor(host: UploaderElement, parts: ElementParts) {
    this.#host = host;
    this.#parts = parts;
    const { engine } = parts;
    completeEnglish(uploadStrings);
    const partSize = (this.partSize = new PartSizeReader(host));
    for (const value of parts.sizes) partSize.read(value, host.minChunkSize);
    // Until the list is there, the drop zone is the one view: no render takes a focused control away, no progress.
    new FocusKeeper(host);
    const frames = (this.frames = new FrameRender(host));
    this.list = new UploadList(host, {
      localize: parts.localize,
      announce: (text) => void this.#announce(text),
      settings: () => listSettings(host),
      sessionOptions: (code, file, handle) => ({
        ...sessionOptions(host, file, partSize.read(host.chunkSize, host.minChunkSize)),
        resume: this.resume.trackerFor(code, handle),
      }),
      code: () => engine.value,
      wantCode: () => engine.want(),
      progressed: () => frames.request(),
    });
    this.resume = new ResumeController(host, {
      select: (file, handle) => void parts.give([{ file, handle }], true),
      pick: () => host.openFilePicker(),
      trackers: () => this.list.trackers,
      engine,
    });
    host.requestUpdate();
  }

  get state(): UploadState {
    return this.list.state;
  }

  get file(): File | undefined {
    return this.list.file;
  }

  get files(): QueueEntry[] {
    return this.list.files;
  }

  get videoId(): string | undefined {
    return this.list.only?.controller.videoId;
  }

  get video(): Video | undefined {
    return this.list.only?.controller.video;
  }

  get progress(): UploadProgressDetail | undefined {
    return this.list.only?.controller.progress;
  }

  get error(): UploadErrorDetail | undefined {
    return this.list.only?.controller.error;
  }

  /** The recording controls, once their code is fetched: the list follows the recording they make. */
  async recordingPanel(): Promise<RecordingPanel> {
    const { RecordingPanel } = await import('../record/panel.js');
    const { localize } = this.#parts;
    return new RecordingPanel(this.#host, {
      options: () => recordingOptions(this.#host),
      follow: () => this.list.follow(),
      lang: () => localize.lang,
      formatBytes: (bytes) => localize.bytes(bytes),
      formatDuration: (seconds) => localize.duration(seconds),
    });
  }

  /** Before the element renders: what the list's latest changes call for, the page's token, the views' rules. */
  willUpdate(changed: PropertyValues<UploaderElement>): void {
    const host = this.#host;
    // What the list's latest changes call for (a file's turn, a queue drained), before this render shows the list.
    this.list.flush();
    if (changed.has('uploadToken') && host.uploadToken) this.list.setStaticToken(host.uploadToken);
    this.#adoptViewStyles();
  }

  updated(): void {
    // The details form follows the one file's upload: its video and capability, and its end (unsaved edits go then).
    const file = this.#host.multiple ? undefined : this.list.file;
    this.#parts.details.follow(file, file && this.list.only?.controller.snapshot);
    this.#posters?.keep(this.list.files.map((entry) => entry.file));
  }

  /** A file's poster frame, once decoded. */
  readonly #posterOf = (file: File): string | undefined => (this.#posters ??= new PosterFrames(this.#host)).of(file);

  /** The rules of the views fetched on demand, adopted beside the element's own as each arrives. */
  #adoptViewStyles(): void {
    const queue = this.#parts.queueCode.styles;
    const wanted = [fileViewStyles, resumeStyles, ...(queue ? [queue] : [])];
    const same = wanted.length === this.#adopted.length && wanted.every((sheet, i) => sheet === this.#adopted[i]);
    const root = this.#host.renderRoot;
    if (same || !root) return;
    this.#adopted = wanted;
    adoptStyles(root as ShadowRoot, [...(this.#host.constructor as typeof UploaderElement).elementStyles, ...wanted]);
  }

  async #announce(text: string): Promise<void> {
    const host = this.#host;
    // Emptying the region first makes a repeated message ("Upload paused" twice) heard again.
    if (this.announcement === text) {
      this.announcement = '';
      host.requestUpdate();
      await host.updateComplete;
    }
    this.announcement = text;
    host.requestUpdate();
  }

  // ---- rendering --------------------------------------------------------------------------------------------------

  /** The views' actions: the single view's buttons act on the one file (their click is no file), a row's on its own. */
  readonly #actions: ViewActions & QueueViewActions = {
    pick: () => this.#host.openFilePicker(),
    upload: () => void this.#host.upload(),
    uploadAll: () => void this.#host.upload(),
    pause: (file?: unknown) => this.#host.pause(asFile(file)),
    resume: (file?: unknown) => this.#host.resume(asFile(file)),
    cancel: (file?: unknown) => this.#host.cancel(asFile(file)),
    retry: (file?: unknown) => this.#host.retry(asFile(file)),
    clear: () => this.#host.reset(),
    chooseAnother: () => {
      this.#host.reset();
      this.#host.openFilePicker();
    },
    takeOffer: (key) => void this.resume.take(key),
    forgetOffer: (key) => void this.resume.dismiss(key),
  };

  /** The element's part of both views, with the resume offers. */
  #commonModel() {
    const host = this.#host;
    return {
      ...this.#parts.common(),
      // A file of the offer's name in the list is being resumed, or uploaded again: no offer for it.
      offers: host.resumable ? this.resume.offers.filter((offer) => !this.list.holds(offer.fileName)) : undefined,
    };
  }

  /** The view where the drop zone is: the single file's or the queue's (or why the code files wait for is not there). */
  main(): TemplateResult | typeof nothing {
    const host = this.#host;
    const { engine, queueCode, localize } = this.#parts;
    // While a recording is made and sent, the panel is the whole view: no drop zone, no file to choose.
    const recording = this.list.only?.recording && isInProgress(host.state);
    const single = !recording && (parseSources(host.sources).includes('file') || this.list.file || host.state === 'success');
    if (!host.multiple && !single) return nothing;
    const failure = engine.failureView(localize.strings, this.list.waitingForCode);
    if (failure) return failure;
    if (!host.multiple) return bodyView(oneViewModel(this.list, this.#commonModel(), this.#posterOf), this.#actions);
    const model = () => queueViewModel(this.list, this.#commonModel(), this.#posterOf);
    return queueCode.view(localize.strings, () => this.#parts.dropZone(true), model, this.#actions);
  }

  /**
   * The recording panel, with the error of a recording (no file to show it beside) in the element's language. Its
   * record buttons are the primary ones when there is no drop zone beside them.
   */
  recording(): TemplateResult | typeof nothing {
    const host = this.#host;
    const sources = parseSources(host.sources);
    if (!records(sources)) return nothing;
    const { recorderCode, localize } = this.#parts;
    const recorder = recorderCode.value;
    if (!recorder) return recorderCode.failureView(localize.strings);
    const only = this.list.only;
    const error = only?.recording && host.state === 'error' ? only.controller.errorText?.(localize.strings) : undefined;
    const recordFrom = sources.filter((s) => s !== 'file') as RecordingSource[];
    return recorder.render(recordFrom, host.disabled, error, !sources.includes('file'));
  }

  /** The video details form, with the one file (`metadata-fields`). */
  details(shows: boolean): TemplateResult | typeof nothing {
    const host = this.#host;
    return shows && this.list.file ? this.#parts.details.view(host.disabled, this.#parts.localize.strings) : nothing;
  }
}
