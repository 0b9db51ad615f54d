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
  /** The element offers the camera or the screen too: its button speaks of a file. */
  records?: boolean;
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

/**
 * The whole zone is one button (click, Enter, Space, a drop anywhere on it); inside it, what it does is drawn as the
 * primary button, and "or drop it here" beside it only where a pointer can drop (styles.ts). While a file is dragged
 * over it, it says what letting go does.
 */
export function dropZoneView(model: DropZoneModel, pick: () => void): TemplateResult {
  const { strings } = model.localize;
  const { multiple } = model;
  const prompt = multiple ? strings.promptMultiple : model.records ? strings.chooseFile : strings.prompt;
  return html`
    <button
      part="drop-zone"
      type="button"
      class=${model.dragOver ? 'drag-over' : ''}
      ?disabled=${model.disabled}
      aria-busy=${model.checking ? 'true' : 'false'}
      @click=${pick}
    >
      <slot>${model.dragOver
        ? html`<span part="drop-prompt" class="dropping">${multiple ? strings.dropHereMultiple : strings.dropHere}</span>`
        : html`<span part="prompt" class="prompt">${prompt}</span>
            <span part="drop-prompt">${multiple ? strings.dropOrMultiple : strings.dropOr}</span>`}</slot>
      <span class="hint" part="hint">${model.checking ? strings.checking : limitsHint(model)}</span>
    </button>
    ${model.rejection ? html`<p part="reject-message error-message">${model.rejection}</p>` : nothing}
  `;
}
