// The element's recording controls, loaded with the recording code: a record button per source the element offers,
// the microphone switch, then while recording a muted live preview, the timer and bytes sent, and stop; after a failed
// upload, the recording to download, so what was recorded is never lost with it. Their looks are in panel-looks.ts.
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { UploadErrorEvent, UploadPartEvent, UploadRetryEvent, type UploaderEvent } from '../events/index.js';
import type { UploadSession } from '../upload/session.js';
import type { UploadSessionEmit } from '../upload/types.js';
import type { RecordingSource } from './media.js';
import { RecordingJournal, type LeftoverRecording } from './journal.js';
import { adoptPanelStyles, cameraIcon, screenIcon, stopIcon } from './panel-looks.js';
import { Recording, type RecordingOptions } from './recording.js';
import { recordingStrings } from './strings.js';

export type { RecordingSource };

/** What the element tells the panel. */
export interface RecordingPanelHost {
  /** The settings of a recording about to start, from the element's attributes. */
  options(source: RecordingSource): Omit<RecordingOptions, 'source' | 'microphone' | 'onData'>;
  /** Where the recording's events go (dispatched from the element), and its upload, which the element shows. */
  follow(): { emit: UploadSessionEmit; watch(upload: UploadSession): void };
  lang(): string;
  formatBytes(bytes: number): string;
  formatDuration(seconds: number): string;
}

export class RecordingPanel implements ReactiveController {
  microphone = true;
  #recording?: Recording;
  /** The recording kept for download after its upload failed. */
  #saved?: Blob;
  #recorded = 0;
  #sent = 0;
  #failed = false;
  /** A part is waiting out an outage: said under the status until a part is stored again. */
  #waiting = false;
  #starting = false;
  #ticker: ReturnType<typeof setInterval> | undefined;
  #download?: string;
  /** Recordings an earlier page left unfinished, each with its download URL. */
  #leftovers: (LeftoverRecording & { url: string })[] = [];

  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #settings: RecordingPanelHost;

  constructor(host: ReactiveControllerHost & HTMLElement, settings: RecordingPanelHost) {
    this.#host = host;
    this.#settings = settings;
    host.addController(this);
  }

  hostConnected(): void {
    void RecordingJournal.leftovers().then((found) => {
      for (const old of this.#leftovers) URL.revokeObjectURL(old.url);
      this.#leftovers = found.filter((r) => r.data.size > 0).map((r) => ({ ...r, url: URL.createObjectURL(r.data) }));
      this.#host.requestUpdate();
    });
  }

  hostDisconnected(): void {
    queueMicrotask(() => {
      if (!this.#host.isConnected) this.discard();
    });
  }

  get isRecording(): boolean {
    return this.#recording?.recording ?? false;
  }

  /** Starts recording `source`; the page hears a failure as `upload-error`. Resolves once recording (or failed). */
  async start(source: RecordingSource): Promise<void> {
    if (this.isRecording || this.#starting) return;
    this.discard();
    this.#starting = true;
    const { emit: forward, watch } = this.#settings.follow();
    const emit = (event: UploaderEvent) => {
      if (event instanceof UploadErrorEvent && this.#recording) void this.#keepForDownload();
      if ('uploadedBytes' in event.detail) this.#sent = event.detail.uploadedBytes;
      if (event instanceof UploadRetryEvent) this.#waiting = true;
      else if (event instanceof UploadPartEvent) this.#waiting = false;
      forward(event);
      this.#host.requestUpdate();
    };
    try {
      this.#recording = await Recording.start(
        {
          ...this.#settings.options(source),
          source,
          microphone: this.microphone,
          onUpload: watch,
          onData: (chunk) => {
            this.#recorded += chunk.size;
          },
        },
        emit,
      );
      // A token source that failed at once failed the upload before the recording was known here.
      if (this.#recording.upload.state === 'error') void this.#keepForDownload();
      this.#ticker = setInterval(() => this.#host.requestUpdate(), 1000);
      void this.#recording.stopped.then(() => {
        clearInterval(this.#ticker);
        this.#host.requestUpdate();
      });
    } catch {
      // Reported as upload-error by Recording.start.
    } finally {
      this.#starting = false;
      this.#host.requestUpdate();
    }
  }

  /** Ends the recording; its last part follows. */
  stop(): Promise<void> {
    return this.#recording?.stop() ?? Promise.resolve();
  }

  /** Drops the recording and its upload (reset, removal). */
  discard(): void {
    clearInterval(this.#ticker);
    this.#recording?.cancel();
    this.#recording = undefined;
    if (this.#download) URL.revokeObjectURL(this.#download);
    this.#download = undefined;
    this.#saved = undefined;
    this.#recorded = this.#sent = 0;
    this.#failed = this.#waiting = false;
  }

  /**
   * `error`: the element's sentence for a recording that failed, shown under the controls. `primary`: the record
   * buttons are the element's main ones (no drop zone beside them).
   */
  render(sources: RecordingSource[], disabled: boolean, error?: string, primary = false): TemplateResult {
    const root = this.#host.shadowRoot;
    if (root) adoptPanelStyles(root);
    const strings = recordingStrings(this.#settings.lang());
    const recording = this.#recording;
    if (recording?.recording) {
      return html`<div part="recording">
        <video part="recording-preview" aria-label=${strings.preview} tabindex="-1" muted autoplay playsinline .srcObject=${recording.stream}></video>
        <p part="recording-status">
          <span part="recording-timer" role="timer">${strings.recording(this.#settings.formatDuration(recording.durationSeconds))}</span>
          <span part="recording-sent">${strings.sent(this.#settings.formatBytes(this.#sent), this.#settings.formatBytes(this.#recorded))}</span>
        </p>
        ${this.#waiting ? html`<p part="recording-waiting" role="status">${strings.waiting}</p>` : nothing}
        <div part="actions recording-actions">
          <button part="button stop-recording" class="primary" type="button" @click=${() => void this.stop()}>${stopIcon}${strings.stop}</button>
        </div>
        ${error ? html`<p part="recording-error error-message" role="alert">${error}</p>` : nothing}
      </div>`;
    }
    // Not disabled while the browser asks for the camera (`start` ignores a second press meanwhile): a disabled button
    // loses the keyboard's focus, which then could not move on to stop.
    const recordButton = (source: RecordingSource, icon: TemplateResult, label: string) =>
      html`<button part="button record-${source}" class=${primary ? 'primary' : ''} type="button" ?disabled=${disabled} @click=${() => void this.start(source)}>${icon}${label}</button>`;
    return html`<div part="record">
      ${sources.includes('camera') ? recordButton('camera', cameraIcon, strings.recordCamera) : nothing}
      ${sources.includes('screen') ? recordButton('screen', screenIcon, strings.recordScreen) : nothing}
      <label part="microphone"
        ><input
          part="microphone-switch"
          type="checkbox"
          role="switch"
          ?disabled=${disabled || this.#starting}
          .checked=${this.microphone}
          @change=${(e: Event) => (this.microphone = (e.target as HTMLInputElement).checked)}
        /><span>${strings.microphone}</span></label
      >
      ${error ? html`<p part="recording-error error-message" role="alert">${error}</p>` : nothing}
      ${this.#failed && this.#saved ? this.#downloadLink(strings.download, this.#saved, recording) : nothing}
      ${this.#leftovers.map(
        (left) => html`<div part="recording-leftover">
          <a part="leftover-download" href=${left.url} download=${left.name}>${strings.leftover(left.name)}</a>
          <button part="button leftover-discard" type="button" @click=${() => void this.#discardLeftover(left.id)}>${strings.discard}</button>
        </div>`,
      )}
    </div>`;
  }

  async #discardLeftover(id: string): Promise<void> {
    const left = this.#leftovers.find((r) => r.id === id);
    this.#leftovers = this.#leftovers.filter((r) => r.id !== id);
    if (left) URL.revokeObjectURL(left.url);
    this.#host.requestUpdate();
    await RecordingJournal.discard(id);
  }

  /** After a failed upload, once the recording has stopped: what it recorded, to download. */
  async #keepForDownload(): Promise<void> {
    const recording = this.#recording!;
    this.#failed = true;
    await recording.stopped;
    const saved = await recording.savedData()?.catch(() => undefined);
    if (this.#recording !== recording || !saved || saved.size === 0) return;
    this.#saved = saved;
    this.#host.requestUpdate();
  }

  #downloadLink(label: string, data: Blob, recording: Recording | undefined): TemplateResult {
    this.#download ??= URL.createObjectURL(data);
    return html`<a part="recording-download" href=${this.#download} download=${recording?.upload.file.name ?? 'recording.webm'}>${label}</a>`;
  }
}
