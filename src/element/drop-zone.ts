// The drop zone: what the idle element draws (the first file draws it alone), and what a queue keeps above its rows
// to add files. Rendered from a plain model, as every view; the page's and the file's texts go through text bindings.
import { html, nothing, type TemplateResult } from 'lit';
import type { LocalizeController } from './localize.js';

/** What the drop zone shows: the single file's, or the queue's (`multiple`, which speaks of files and their count). */
export interface DropZoneModel {
  /** A file is being checked (or waits for the code that checks it). */
  checking: boolean;
  dragOver: boolean;
  disabled: boolean;
  /** Why the latest file was refused. */
  rejection?: string;
  maxFileSize?: number;
  maxDuration?: number;
  localize: LocalizeController;
  multiple?: boolean;
  maxFiles?: number;
}

function positive(value: number | undefined): value is number {
  return typeof value === 'number' && value > 0;
}

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
