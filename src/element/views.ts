// The element's views, one per state, rendered from a plain model: no state lives here. Every text from the page,
// the file or the server goes through a text binding, never through HTML.
import { css, html, nothing, type TemplateResult } from 'lit';
import type { UploadErrorDetail, UploadProgressDetail, UploadRetryDetail, Video } from '../events/index.js';
import { displayHost } from '../upload/api-host.js';
import type { UploadState } from '../upload/types.js';
import type { LocalizeController } from './localize.js';
import { dropZoneView } from './drop-zone.js';
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
  /** The element offers the camera or the screen too. */
  records?: boolean;
  localize: LocalizeController;
  /** While a resumed upload sends its first part: the percent it resumed at. */
  resumingAt?: number;
  /** A frame of the file, once decoded from it. */
  poster?: string;
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
  if (state === 'idle' || !file) {
    // The single file's drop zone also offers the uploads a reload interrupted. Without offers, the drop zone alone:
    // the very template drawn before the list came, so its button stays the same node when the list arrives (the
    // focus, a click a page's test aimed at it).
    const offers = model.checking ? nothing : offersView(model, actions);
    return offers === nothing ? dropZoneView(model, actions.pick) : html`${dropZoneView(model, actions.pick)}${offers}`;
  }
  return uploadView(model, file, actions);
}

/** A frame of the file beside its name: decorative, the name says what it is. */
export function posterView(poster: string | undefined, row = false): TemplateResult | typeof nothing {
  return poster ? html`<img part="poster${row ? ' row-poster' : ''}" src=${poster} alt="" />` : nothing;
}

function fileView(model: ViewModel, file: File): TemplateResult {
  return html`<div part="file">
    ${posterView(model.poster)}
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

/** The rules of a file's views (and a queue's rows, which carry the same part names), beside the element's own. */
export const fileViewStyles = css`
  [part~='poster'] {
    inline-size: 4.5rem;
    aspect-ratio: 16 / 9;
    object-fit: cover;
    border-radius: calc(var(--_radius) / 3);
    background: var(--_track);
    align-self: center;
  }

  [part~='row-poster'] {
    inline-size: 3rem;
  }

  [part~='file'] {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0 0.75rem;
    margin-block-end: 0.5rem;
  }

  [part~='file-name'] {
    font-weight: 600;
    overflow-wrap: anywhere;
  }

  [part~='file-size'],
  [part~='stats'] {
    color: var(--_muted);
    font-size: 0.875em;
  }

  /* Figures read in their own language's direction: "10 MB" stays "10 MB" in a right-to-left page. */
  [part~='file-size'],
  [part~='stats'] {
    unicode-bidi: plaintext;
  }

  [part~='status'] {
    margin: 0.25rem 0;
  }

  [part~='progress-bar'] {
    height: 0.5rem;
    border-radius: 999px;
    background: var(--_track);
    overflow: hidden;
  }

  /* Full width, slid in from the inline-start edge by the percentage: a transform runs on the compositor, where a
     width would lay out and paint the page on every frame of an upload. The track clips what is not done yet. */
  [part~='progress-indicator'] {
    height: 100%;
    background: var(--_accent);
    border-radius: inherit;
    transform: translateX(calc((var(--_progress, 0) - 100) * 1%));
    transition: transform 200ms linear;
  }

  [part~='progress-indicator']:dir(rtl) {
    transform: translateX(calc((100 - var(--_progress, 0)) * 1%));
  }

  /* Stopped (paused, on hold, failed), the bar is grey: an orange bar full after a refusal would read as done. A
     queue's rows are greyed by their own state, below, not by the whole queue's. */
  :host([state='paused']) [part~='progress-indicator']:not([part~='row-progress-indicator']),
  :host([state='waiting-for-token']) [part~='progress-indicator']:not([part~='row-progress-indicator']),
  :host([state='error']) [part~='progress-indicator']:not([part~='row-progress-indicator']) {
    background: var(--_muted);
  }

  [part~='actions'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-block-start: 0.75rem;
  }

  [part~='upload-button'],
  [part~='resume-button'],
  [part~='retry-button'] {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_accent-contrast);
  }

  [part~='success'] {
    color: var(--_success);
    font-weight: 600;
  }

  [part~='video-id'] {
    font-family: var(--apivideo-uploader-mono-font, ui-monospace, SFMono-Regular, Menlo, monospace);
    color: var(--_color);
    font-weight: 400;
  }

  @media (prefers-reduced-motion: reduce) {
    [part~='progress-indicator'] {
      transition: none;
    }
  }
`;
