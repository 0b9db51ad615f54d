// The element's views, one per state, rendered from a plain model: no state lives here. Every text from the page,
// the file or the server goes through a text binding, never through HTML.
import { html, nothing, type TemplateResult } from 'lit';
import type { UploadErrorDetail, UploadProgressDetail, UploadRetryDetail, Video } from '../events/index.js';
import { displayHost } from '../upload/api-host.js';
import type { UploadState } from '../upload/types.js';
import type { LocalizeController } from './localize.js';
import type { Strings } from './strings.js';
import { isInProgress } from './states.js';
import { notResumedView, offersView, type ResumeViewActions, type ResumeViewModel } from './resume-views.js';

export interface ViewModel extends ResumeViewModel {
  state: UploadState;
  file?: File;
  checking: boolean;
  dragOver: boolean;
  disabled: boolean;
  /** The latest progress: the bar follows it every frame. */
  progress?: UploadProgressDetail;
  /** The progress the numbers show (percent, speed, time left), at most ten times a second. */
  shownProgress?: UploadProgressDetail;
  /** A part waiting to be sent again, and the host the element sends to (named when it could not be reached). */
  retrying?: UploadRetryDetail;
  apiHost?: string;
  error?: UploadErrorDetail;
  /** The error's text in the element's language. */
  errorText?: string;
  rejection?: string;
  video?: Video;
  maxFileSize?: number;
  maxDuration?: number;
  localize: LocalizeController;
  /** While a resumed upload sends its first part: the percent it resumed at. */
  resumingAt?: number;
}

export interface ViewActions extends ResumeViewActions {
  pick(): void;
  upload(): void;
  pause(): void;
  resume(): void;
  cancel(): void;
  retry(): void;
  chooseAnother(): void;
}

/** What goes inside the box for the model's state. */
export function bodyView(model: ViewModel, actions: ViewActions): TemplateResult {
  const { state, file } = model;
  if (state === 'success') return successView(model, actions);
  if (state === 'idle' && file && !model.checking) return readyView(model, file, actions);
  // The single file's drop zone also offers the uploads a reload interrupted.
  if (state === 'idle' || !file) return html`${dropZoneView(model, actions.pick)}${model.checking ? nothing : offersView(model, actions)}`;
  return uploadView(model, file, actions);
}

function positive(value: number | undefined): value is number {
  return typeof value === 'number' && value > 0;
}

/** What the drop zone shows: the single file's, or the queue's (`multiple`, which speaks of files and their count). */
export type DropZoneModel = Pick<
  ViewModel,
  'checking' | 'dragOver' | 'disabled' | 'rejection' | 'maxFileSize' | 'maxDuration' | 'localize'
> & { multiple?: boolean; maxFiles?: number };

function limitsHint(model: DropZoneModel): string {
  const { localize } = model;
  const { strings } = localize;
  const limits = {
    size: positive(model.maxFileSize) ? localize.bytes(model.maxFileSize) : undefined,
    duration: positive(model.maxDuration) ? localize.duration(model.maxDuration) : undefined,
  };
  const sentences = [
    limits.size || limits.duration ? strings.limits(limits) : '',
    model.multiple && positive(model.maxFiles) ? strings.filesLimit(model.maxFiles) : '',
  ];
  return [...sentences.filter(Boolean), model.multiple ? strings.promptHintMultiple : strings.promptHint].join(' ');
}

export function dropZoneView(model: DropZoneModel, pick: () => void): TemplateResult {
  const { strings } = model.localize;
  const prompt = model.multiple
    ? model.dragOver ? strings.dropHereMultiple : strings.promptMultiple
    : model.dragOver ? strings.dropHere : strings.prompt;
  return html`
    <button
      part="drop-zone"
      type="button"
      class=${model.dragOver ? 'drag-over' : ''}
      ?disabled=${model.disabled}
      aria-busy=${model.checking ? 'true' : 'false'}
      @click=${pick}
    >
      <slot><span class="prompt">${prompt}</span></slot>
      <span class="hint" part="hint">${model.checking ? strings.checking : limitsHint(model)}</span>
    </button>
    ${model.rejection ? html`<p part="reject-message error-message">${model.rejection}</p>` : nothing}
  `;
}

function fileView(model: ViewModel, file: File): TemplateResult {
  return html`<div part="file">
    <span part="file-name">${file.name}</span>
    <span part="file-size">${model.localize.bytes(file.size)}</span>
  </div>`;
}

function button(model: ViewModel, name: string, label: string, onClick: () => void): TemplateResult {
  return html`<button part="button ${name}" type="button" ?disabled=${model.disabled} @click=${onClick}>${label}</button>`;
}

function readyView(model: ViewModel, file: File, actions: ViewActions): TemplateResult {
  const { strings } = model.localize;
  return html`
    ${fileView(model, file)}
    <p part="status">${strings.readyToUpload}</p>
    <div part="actions">
      ${button(model, 'upload-button', strings.start, actions.upload)}
      ${button(model, 'reset-button', strings.startOver, actions.chooseAnother)}
    </div>
  `;
}

/** 0..100, whole, of the latest progress (`shown`: of the progress the numbers show). */
function percentOf(model: ViewModel, shown = false): number {
  const progress = shown ? (model.shownProgress ?? model.progress) : model.progress;
  return Math.min(100, Math.max(0, Math.floor(progress?.percent ?? 0)));
}

/** The status line of an upload under way, the single file's and each queue row's alike. */
export function stateText(strings: Strings, state: UploadState, percent: number): string {
  switch (state) {
    case 'preparing':
      return strings.preparing;
    case 'paused':
      return strings.paused;
    case 'waiting-for-token':
      return strings.waitingForToken;
    case 'error':
      return strings.errorTitle;
    default:
      return strings.uploadingPercent(percent);
  }
}

function statusText(model: ViewModel): string {
  // A resumed upload says so while it sends its first part.
  if (model.state === 'uploading' && model.resumingAt !== undefined) return model.localize.strings.resumingAt(model.resumingAt);
  return stateText(model.localize.strings, model.state, percentOf(model, true));
}

/** While a part waits to be sent again: the wait, naming the host that could not be reached. */
export function retryNotice(
  model: Pick<ViewModel, 'state' | 'retrying' | 'apiHost' | 'localize'>,
): string | undefined {
  const { retrying, localize } = model;
  if (model.state !== 'uploading' || !retrying || !(retrying.delayMs > 0)) return undefined;
  const seconds = Math.ceil(retrying.delayMs / 1000);
  switch (retrying.cause) {
    case 'network':
    case 'timeout':
      return localize.strings.cantReach(displayHost(model.apiHost), seconds);
    case 'rate-limited':
      return localize.strings.rateLimited(seconds);
    default:
      return localize.strings.retryingIn(seconds);
  }
}

/** Speed and time left, once a speed is known; the speed alone while no time left can be estimated. */
export function speedText(localize: LocalizeController, bytesPerSecond: number, etaSeconds: number | null): string {
  if (!(bytesPerSecond > 0)) return '';
  const speed = localize.speed(bytesPerSecond);
  if (etaSeconds === null || !Number.isFinite(etaSeconds) || etaSeconds < 0) return localize.strings.speedOnly(speed);
  return localize.strings.speedAndTimeLeft(speed, localize.duration(etaSeconds));
}

/** A part waiting to be sent again, else speed and time left, only while bytes are going out and once it is known. */
function statsText(model: ViewModel): string {
  const notice = retryNotice(model);
  if (notice) return notice;
  const progress = model.shownProgress ?? model.progress;
  if (model.state !== 'uploading' || !progress) return '';
  return speedText(model.localize, progress.bytesPerSecond, progress.etaSeconds);
}

function uploadView(model: ViewModel, file: File, actions: ViewActions): TemplateResult {
  const { strings } = model.localize;
  const { state } = model;
  const percent = percentOf(model);
  const shownPercent = percentOf(model, true);
  // Set as a property (the CSSOM), not as a style attribute, which a Content-Security-Policy without 'unsafe-inline'
  // would block.
  const progressStyle = `--_progress: ${percent}`;
  const error = state === 'error' || state === 'waiting-for-token' ? model.error : undefined;
  return html`
    ${fileView(model, file)}
    <p part="status">${statusText(model)}</p>
    ${notResumedView(model)}
    <div
      part="progress-bar"
      role="progressbar"
      aria-label=${strings.progressLabel}
      aria-valuemin="0"
      aria-valuemax="100"
      aria-valuenow=${shownPercent}
    >
      <div part="progress-indicator" .style=${progressStyle}></div>
    </div>
    <p part="stats">${statsText(model)}</p>
    ${error ? html`<p part="error-message">${model.errorText ?? error.message}</p>` : nothing}
    <div part="actions">
      ${state === 'uploading' ? button(model, 'pause-button', strings.pause, actions.pause) : nothing}
      ${state === 'paused' ? button(model, 'resume-button', strings.resume, actions.resume) : nothing}
      ${state === 'error' && model.error?.retriable ? button(model, 'retry-button', strings.retry, actions.retry) : nothing}
      ${isInProgress(state) ? button(model, 'cancel-button', strings.cancel, actions.cancel) : nothing}
      ${state === 'error' ? button(model, 'reset-button', strings.startOver, actions.chooseAnother) : nothing}
    </div>
  `;
}

function successView(model: ViewModel, actions: ViewActions): TemplateResult {
  const { strings } = model.localize;
  return html`
    ${model.file ? fileView(model, model.file) : nothing}
    <p part="success">${strings.success}</p>
    <p part="video-id-line">${strings.videoId} <code part="video-id">${model.video?.videoId ?? ''}</code></p>
    <div part="actions">${button(model, 'reset-button', strings.uploadAnother, actions.chooseAnother)}</div>
  `;
}
