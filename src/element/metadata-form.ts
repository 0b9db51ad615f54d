// The video details form (`metadata-fields`): title, description, tags and a thumbnail chosen from the video's own
// frames, shown with the chosen file and editable while it uploads. Fetched on demand with its words and styles; the
// editor (metadata-editor.ts) decides when a save goes.
import { css, html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { MetadataErrorEvent, MetadataSaveEvent, VideoMetadata } from '../events/index.js';
import type { UploadSnapshot } from '../upload/types.js';
import { addChunkStyles } from './chunk-styles.js';
import { framesOf, releaseFrames, type VideoFrame } from './frame-strip.js';
import { MetadataEditor } from './metadata-editor.js';
import { sendEdit } from './metadata-request.js';
import { metadataRules, timecodeOf, valuesOf, type MetadataDraft, type MetadataRules, type TextField } from './metadata-rules.js';
import { metadataStrings, type MetadataStrings } from './metadata-strings.js';
import type { LocalizeController } from './localize.js';
import type { UploaderProperties } from './uploader-properties.js';

/** Frames offered for the thumbnail. */
const FRAMES = 6;
const EDIT_TIMEOUT_MS = 15_000;

export interface MetadataFormSettings {
  /** The element's settings for the form, read on use. */
  rules(): Parameters<typeof metadataRules>[0];
  lang(): string;
  /** The page's values (the `metadata` property). */
  prefill(): (VideoMetadata & { thumbnailTimecode?: string }) | undefined;
  /** Where edits go (`metadata-url`, else `token-url`) and the token request's settings. */
  endpoint(): { url?: string; init?: RequestInit };
  formatDuration(seconds: number): string;
}

type Host = ReactiveControllerHost & HTMLElement;
type Frames = { state: 'closed' } | { state: 'loading' } | { state: 'failed' } | { state: 'shown'; frames: VideoFrame[] };

export class MetadataForm {
  readonly editor: MetadataEditor;
  private frames: Frames = { state: 'closed' };

  constructor(
    private readonly host: Host,
    private readonly settings: MetadataFormSettings,
  ) {
    this.editor = new MetadataEditor({
      rules: () => this.rules,
      strings: () => this.strings,
      send: (target, edit) => sendEdit(target, edit, { ...settings.endpoint(), timeoutMs: EDIT_TIMEOUT_MS, strings: this.strings }),
      emit: (event: MetadataSaveEvent | MetadataErrorEvent) => host.dispatchEvent(event),
      changed: () => host.requestUpdate(),
    });
  }

  private get rules(): MetadataRules {
    return metadataRules(this.settings.rules());
  }

  private get strings(): MetadataStrings {
    return metadataStrings(this.settings.lang());
  }

  /** The values as they stand in the form. */
  get values(): VideoMetadata & { thumbnailTimecode?: string } {
    return valuesOf(this.editor.draft);
  }

  /** The page set new values: they fill the form, unless the person has typed since. */
  prefill(values: (VideoMetadata & { thumbnailTimecode?: string }) | undefined): void {
    this.editor.fill(values);
  }

  /** The upload as it stands now, after each of its changes; another file starts the form again. */
  follow(file: File | undefined, snapshot: UploadSnapshot | undefined): void {
    if (file !== this.editor.forFile) {
      this.closeFrames();
      this.editor.reset(file, this.settings.prefill());
    }
    if (file && snapshot) this.editor.follow({ file, state: snapshot.state, editable: snapshot.editable });
  }

  render(disabled: boolean): TemplateResult | typeof nothing {
    const rules = this.rules;
    const file = this.editor.forFile;
    if (!file || rules.fields.length === 0) return nothing;
    addChunkStyles(this.host, metadataStyles);
    const strings = this.strings;
    const { editor } = this;
    const busy = editor.status === 'saving';
    return html`<form part="metadata" novalidate @submit=${this.onSubmit}>
      <fieldset part="metadata-fields" ?disabled=${disabled}>
        <legend part="metadata-legend">${strings.legend}</legend>
        ${rules.fields.includes('title') ? this.textField('title', strings.title, rules) : nothing}
        ${rules.fields.includes('description') ? this.textField('description', strings.description, rules) : nothing}
        ${rules.fields.includes('tags') ? this.textField('tags', strings.tags, rules, strings.tagsHint) : nothing}
        ${rules.fields.includes('thumbnail') ? this.thumbnailField(strings, file) : nothing}
        <div part="actions metadata-actions">
          <button part="button metadata-save-button" type="submit" ?disabled=${busy} aria-describedby="metadata-status">
            ${editor.status === 'error' && editor.message && !Object.keys(editor.problems).length ? strings.saveAgain : strings.save}
          </button>
        </div>
        <p id="metadata-status" part="metadata-status" role="status">${this.statusText(strings)}</p>
        ${editor.status === 'error' && editor.message && !Object.keys(editor.problems).length
          ? html`<p part="metadata-error error-message" role="alert">${editor.message}</p>`
          : nothing}
      </fieldset>
    </form>`;
  }

  private statusText(strings: MetadataStrings): string {
    switch (this.editor.status) {
      case 'saving':
        return strings.saving;
      case 'saved':
        return strings.saved;
      case 'waiting':
        return strings.waitingForVideo;
      case 'editing':
        return this.editor.dirty ? strings.unsaved : '';
      default:
        return '';
    }
  }

  private textField(field: TextField, label: string, rules: MetadataRules, hint?: string): TemplateResult {
    const problem = this.editor.problems[field];
    const id = `metadata-${field}`;
    const describedBy = [hint ? `${id}-hint` : '', problem ? `${id}-problem` : ''].filter(Boolean).join(' ');
    const input = (event: Event) => this.editor.set(field, (event.target as HTMLInputElement | HTMLTextAreaElement).value);
    const common = {
      invalid: problem ? 'true' : 'false',
      required: rules.required.includes(field),
    };
    return html`<div part="metadata-field">
      <label part="metadata-label" for=${id}>${label}</label>
      ${field === 'description'
        ? html`<textarea
            id=${id}
            part="metadata-input metadata-${field}"
            rows="3"
            .value=${this.editor.draft.description}
            ?required=${common.required}
            aria-invalid=${common.invalid}
            aria-describedby=${describedBy || nothing}
            @input=${input}
          ></textarea>`
        : html`<input
            id=${id}
            part="metadata-input metadata-${field}"
            type="text"
            .value=${this.editor.draft[field as keyof MetadataDraft] ?? ''}
            ?required=${common.required}
            aria-invalid=${common.invalid}
            aria-describedby=${describedBy || nothing}
            @input=${input}
          />`}
      ${hint ? html`<span id="${id}-hint" part="metadata-hint">${hint}</span>` : nothing}
      ${problem ? html`<span id="${id}-problem" part="metadata-problem error-message">${problem}</span>` : nothing}
    </div>`;
  }

  private thumbnailField(strings: MetadataStrings, file: File): TemplateResult {
    const frames = this.frames;
    const chosen = this.editor.draft.thumbnailTimecode;
    if (frames.state === 'closed') {
      return html`<div part="metadata-field">
        <button part="button metadata-thumbnail-button" type="button" @click=${() => void this.openFrames(file)}>
          ${strings.chooseThumbnail}
        </button>
      </div>`;
    }
    if (frames.state !== 'shown') {
      return html`<p part="metadata-hint" role="status">${frames.state === 'loading' ? strings.decodingFrames : strings.cannotDecode}</p>`;
    }
    return html`<fieldset part="metadata-frames">
      <legend part="metadata-label">${strings.thumbnail}</legend>
      ${frames.frames.map((frame) => {
        const timecode = timecodeOf(frame.seconds);
        return html`<label part="metadata-frame">
          <input
            type="radio"
            name="thumbnail"
            .checked=${chosen === timecode}
            @change=${() => this.editor.set('thumbnailTimecode', timecode)}
          />
          <img src=${frame.url} alt=${strings.frameAt(this.settings.formatDuration(frame.seconds))} />
        </label>`;
      })}
    </fieldset>`;
  }

  private async openFrames(file: File): Promise<void> {
    this.frames = { state: 'loading' };
    this.host.requestUpdate();
    let frames: Frames;
    try {
      frames = { state: 'shown', frames: await framesOf(file, FRAMES) };
    } catch {
      frames = { state: 'failed' };
    }
    // Another file chosen meanwhile: these frames are not its.
    if (file !== this.editor.forFile || this.frames.state !== 'loading') {
      if (frames.state === 'shown') releaseFrames(frames.frames);
      return;
    }
    this.frames = frames;
    this.host.requestUpdate();
  }

  private closeFrames(): void {
    if (this.frames.state === 'shown') releaseFrames(this.frames.frames);
    this.frames = { state: 'closed' };
  }

  private readonly onSubmit = async (event: Event): Promise<void> => {
    event.preventDefault();
    await this.editor.save();
    if (Object.keys(this.editor.problems).length) {
      await this.host.updateComplete;
      this.host.shadowRoot?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    }
  };
}

/**
 * The form for the element `el`, over its settings read on use (here rather than in the first file: only a page that
 * names a field needs them), in its language.
 */
export function metadataForm(
  el: UploaderProperties,
  localize: LocalizeController,
  prefill: MetadataFormSettings['prefill'],
): MetadataForm {
  return new MetadataForm(el, {
    rules: () => ({
      fields: el.multiple ? undefined : el.metadataFields,
      required: el.metadataRequired,
      maxTitleLength: el.maxTitleLength,
      maxDescriptionLength: el.maxDescriptionLength,
      maxTags: el.maxTags,
    }),
    lang: () => localize.lang,
    endpoint: () => ({ url: el.metadataUrl ?? el.tokenUrl, init: el.tokenRequestInit }),
    formatDuration: (seconds) => localize.duration(seconds),
    prefill,
  });
}

const metadataStyles = css`
  [part~='metadata'] {
    margin-block-start: 1rem;
  }
  [part~='metadata-fields'],
  [part~='metadata-frames'] {
    border: 0;
    margin: 0;
    padding: 0;
    min-inline-size: 0;
  }
  [part~='metadata-legend'] {
    font-weight: 600;
    padding: 0;
    margin-block-end: 0.5rem;
  }
  [part~='metadata-field'] {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    margin-block-end: 0.75rem;
  }
  [part~='metadata-label'] {
    font-size: 0.875em;
    font-weight: 600;
    padding: 0;
  }
  [part~='metadata-input'] {
    font: inherit;
    color: var(--_color);
    background: var(--_background);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    padding: 0.5rem 0.6rem;
    min-block-size: 44px;
    box-sizing: border-box;
    inline-size: 100%;
  }
  /* The element's ring (\`--_focus\` is a whole outline: \`--apivideo-uploader-focus-ring\`). */
  [part~='metadata-input']:focus-visible,
  [part~='metadata-frame']:focus-within {
    outline: var(--_focus);
    outline-offset: 2px;
  }
  [part~='metadata-input'][aria-invalid='true'] {
    border-color: var(--_error);
  }
  [part~='metadata-hint'],
  [part~='metadata-status'] {
    color: var(--_muted);
    font-size: 0.875em;
    margin: 0;
  }
  [part~='metadata-save-button'] {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_accent-contrast);
    min-block-size: 44px;
  }
  [part~='metadata-thumbnail-button'] {
    align-self: flex-start;
    min-block-size: 44px;
  }
  [part~='metadata-frames'] {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(96px, 1fr));
    gap: 0.5rem;
    margin-block-end: 0.75rem;
  }
  [part~='metadata-frames'] legend {
    grid-column: 1 / -1;
  }
  [part~='metadata-frame'] {
    position: relative;
    display: block;
    border-radius: calc(var(--_radius) / 3);
    cursor: pointer;
  }
  [part~='metadata-frame'] input {
    position: absolute;
    opacity: 0;
    inset: 0;
    margin: 0;
  }
  [part~='metadata-frame'] img {
    display: block;
    inline-size: 100%;
    block-size: auto;
    border-radius: calc(var(--_radius) / 3);
    border: 3px solid transparent;
  }
  [part~='metadata-frame'] input:checked + img {
    border-color: var(--_accent);
  }
`;
