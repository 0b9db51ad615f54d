// The queue's view (`multiple`): the drop zone, always there to add files; the total; one row per file with its own
// buttons; the queue's own buttons. Rendered from a plain model, as views.ts. Row parts carry the single view's part
// names too (`file-name`, `status`, `progress-bar`, `pause-button`…), so one rule styles both, and `row-…` names
// the rows alone; `row-<state>` (`row-error`, `row-success`…) styles a row by its state.
import { css, html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { UploadErrorDetail, UploadRetryDetail } from '../events/index.js';
import type { QueueEntryState, QueueTotals } from '../upload/index.js';
import { offersView, type ResumeViewActions, type ResumeViewModel } from './resume-views.js';
import { dropZoneView, type DropZoneModel } from './drop-zone.js';
import { posterView, retryNotice, speedText, stateText } from './views.js';

export interface RowModel {
  key: number;
  file: File;
  state: QueueEntryState;
  /** 0..100, whole: the latest, for the bar. */
  percent: number;
  /** The same as the numbers show it, at most ten times a second. */
  shownPercent: number;
  retrying?: UploadRetryDetail;
  error?: UploadErrorDetail;
  /** The error's text in the element's language. */
  errorText?: string;
  /** Why the file was refused. */
  rejection?: string;
  videoId?: string;
  /** A frame of the file, once decoded from it. */
  poster?: string;
}

export interface QueueViewModel extends DropZoneModel, ResumeViewModel {
  rows: readonly RowModel[];
  /** The total for the bar, and as the numbers show it (at most ten times a second). */
  totals: QueueTotals;
  shownTotals: QueueTotals;
  apiHost?: string;
  /** Files wait for `upload()`. */
  canUpload: boolean;
  /** Nothing is under way and the list is not empty. */
  canClear: boolean;
}

export interface QueueViewActions extends ResumeViewActions {
  pick(): void;
  uploadAll(): void;
  clear(): void;
  pause(file: File): void;
  resume(file: File): void;
  cancel(file: File): void;
  retry(file: File): void;
}

export function queueView(model: QueueViewModel, actions: QueueViewActions): TemplateResult {
  const { strings } = model.localize;
  return html`
    ${dropZoneView(model, actions.pick)}
    ${offersView(model, actions)}
    ${model.totals.files > 0 ? totalView(model) : nothing}
    ${model.rows.length > 0
      ? html`<ul part="queue" role="list" aria-label=${strings.queueLabel}>
          ${repeat(model.rows, (row) => row.key, (row) => rowView(model, row, actions))}
        </ul>`
      : nothing}
    ${model.canUpload || model.canClear
      ? html`<div part="actions">
          ${model.canUpload ? button(model, 'upload-button', strings.start, actions.uploadAll) : nothing}
          ${model.canClear ? button(model, 'reset-button', strings.clearList, actions.clear) : nothing}
        </div>`
      : nothing}
  `;
}

function button(model: QueueViewModel, name: string, label: string, onClick: () => void, ariaLabel?: string) {
  return html`<button
    part="button ${name}"
    type="button"
    aria-label=${ariaLabel ?? nothing}
    ?disabled=${model.disabled}
    @click=${onClick}
  >${label}</button>`;
}

/**
 * The bar's fill is set as a property (the CSSOM), not as a style attribute, which a Content-Security-Policy without
 * 'unsafe-inline' would block.
 */
function progressBar(parts: string, label: string, percent: number, shownPercent: number): TemplateResult {
  return html`<div
    part="progress-bar ${parts}-progress-bar"
    role="progressbar"
    aria-label=${label}
    aria-valuemin="0"
    aria-valuemax="100"
    aria-valuenow=${shownPercent}
  >
    <div part="progress-indicator ${parts}-progress-indicator" .style=${`--_progress: ${percent}`}></div>
  </div>`;
}

function totalView(model: QueueViewModel): TemplateResult {
  const { totals, shownTotals: shown, localize } = model;
  const { strings } = localize;
  return html`<div part="total">
    <p part="status total-status">${strings.queueProgress(shown.succeeded, shown.files, shown.percent)}</p>
    ${progressBar('total', strings.totalProgressLabel, totals.percent, shown.percent)}
    <p part="stats total-stats">${speedText(localize, shown.bytesPerSecond, shown.etaSeconds)}</p>
  </div>`;
}

function rowStatus(model: QueueViewModel, row: RowModel): string {
  const { strings } = model.localize;
  switch (row.state) {
    case 'checking':
      return strings.checking;
    case 'rejected':
      return strings.rejected;
    case 'ready':
      return strings.readyToUpload;
    case 'queued':
      return strings.queued;
    case 'uploading':
      return (
        retryNotice({ state: row.state, retrying: row.retrying, apiHost: model.apiHost, localize: model.localize }) ??
        strings.uploadingPercent(row.shownPercent)
      );
    case 'preparing':
    case 'paused':
    case 'waiting-for-token':
    case 'error':
      return stateText(strings, row.state, row.shownPercent);
    case 'success':
      return strings.success;
    case 'cancelled':
      return strings.cancelled;
  }
}

/** A row shows its bar while its file is on its way; once uploaded, its video id says more. */
const WITH_BAR: ReadonlySet<QueueEntryState> = new Set([
  'queued', 'preparing', 'uploading', 'paused', 'waiting-for-token', 'error',
]);
const CANCELLABLE: ReadonlySet<QueueEntryState> = new Set([
  'ready', 'queued', 'preparing', 'uploading', 'paused', 'waiting-for-token', 'error',
]);

/** A row's button, named after the file for assistive technologies ("Pause holiday.mp4"). */
function rowButton(model: QueueViewModel, file: File, name: string, label: string, act: (file: File) => void) {
  return button(model, `row-button ${name}`, label, () => act(file), model.localize.strings.actionOnFile(label, file.name));
}

/**
 * The button that stops the file or sets it going again, always in the same place: pause turns into resume in the
 * same element, which keeps the focus.
 */
function toggleButton(model: QueueViewModel, row: RowModel, actions: QueueViewActions) {
  const { strings } = model.localize;
  const { file, state } = row;
  if (state === 'queued' || state === 'preparing' || state === 'uploading') {
    return rowButton(model, file, 'pause-button', strings.pause, actions.pause);
  }
  if (state === 'paused') return rowButton(model, file, 'resume-button', strings.resume, actions.resume);
  if (state === 'error' && row.error?.retriable) return rowButton(model, file, 'retry-button', strings.retry, actions.retry);
  return nothing;
}

/** What went wrong, or why the file was refused. */
function rowMessage(row: RowModel): string | undefined {
  if (row.state === 'rejected') return row.rejection;
  if (row.state === 'error' || row.state === 'waiting-for-token') return row.errorText;
  return undefined;
}

function rowView(model: QueueViewModel, row: RowModel, actions: QueueViewActions): TemplateResult {
  const { localize } = model;
  const { strings } = localize;
  const { file, state } = row;
  const message = rowMessage(row);
  const cancel = CANCELLABLE.has(state) ? rowButton(model, file, 'cancel-button', strings.cancel, actions.cancel) : nothing;
  return html`<li part="row row-${state}" data-key=${row.key}>
    <div part="file row-file">
      ${posterView(row.poster, true)}
      <span part="file-name row-name">${file.name}</span>
      <span part="file-size row-size">${localize.bytes(file.size)}</span>
    </div>
    <p part="status row-status">${rowStatus(model, row)}</p>
    ${WITH_BAR.has(state) ? progressBar('row', strings.fileProgressLabel(file.name), row.percent, row.shownPercent) : nothing}
    ${message
      ? html`<p part="error-message row-error-message${state === 'rejected' ? ' reject-message' : ''}">${message}</p>`
      : nothing}
    ${state === 'success' && row.videoId
      ? html`<p part="video-id-line row-video-id-line">
          ${strings.videoId} <code part="video-id row-video-id">${row.videoId}</code>
        </p>`
      : nothing}
    <div part="row-actions">${toggleButton(model, row, actions)}${cancel}</div>
  </li>`;
}

/** The queue's rules: the total, then one row per file; a row's file, status and bar follow the file view's. */
export const queueViewStyles = css`
  [part~='total'] {
    margin-block-start: 0.75rem;
  }

  [part~='queue'] {
    list-style: none;
    margin: 0.75rem 0 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: 0.5rem;
  }

  [part~='row'] {
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_track);
    border-radius: calc(var(--_radius) / 2);
  }

  [part~='row'] [part~='file'] {
    margin-block-end: 0;
  }

  [part~='row'] p {
    margin: 0.25rem 0;
  }

  [part~='row-status'],
  [part~='row-video-id-line'] {
    font-size: 0.875em;
  }

  [part~='row-success'] [part~='row-status'] {
    color: var(--_success);
  }

  [part~='row-error'] [part~='row-status'],
  [part~='row-rejected'] [part~='row-status'] {
    color: var(--_error);
  }

  [part~='row-error'] [part~='progress-indicator'],
  [part~='row-paused'] [part~='progress-indicator'],
  [part~='row-waiting-for-token'] [part~='progress-indicator'],
  [part~='row-queued'] [part~='progress-indicator'] {
    background: var(--_muted);
  }

  [part~='row-actions'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-block-start: 0.5rem;
  }

  /* A finished row has no buttons: no empty line under it. Lit's markers are comments, which :empty ignores. */
  [part~='row-actions']:empty {
    display: none;
  }
`;
