// The video details a person types while the file uploads, and when they are saved: when the person saves, or, if
// not saved, when the upload ends. A save asked for before the video exists goes once the token source has named it
// with its capability. Nothing typed is lost: a refused or failed save keeps the draft and offers to save it again.
// No DOM here: the form (metadata-form.ts) renders from this, and tests drive it in Node on scripted answers.
import { MetadataErrorEvent, MetadataSaveEvent, type MetadataErrorDetail } from '../events/index.js';
import type { EditableVideo, UploadState } from '../upload/types.js';
import type { EditOutcome, VideoEdit } from './metadata-request.js';
import { draftOf, editOf, problemsOf, sameEdit, type MetadataDraft, type MetadataRules, type TextField } from './metadata-rules.js';
import type { MetadataStrings } from './metadata-strings.js';

export type EditorStatus = 'editing' | 'waiting' | 'saving' | 'saved' | 'error';

export interface EditorHooks {
  rules(): MetadataRules;
  strings(): MetadataStrings;
  send(target: EditableVideo, edit: VideoEdit): Promise<EditOutcome>;
  emit(event: MetadataSaveEvent | MetadataErrorEvent): void;
  /** Something shown changed. */
  changed(): void;
}

/** What the editor follows of an upload. */
export interface FollowedUpload {
  file?: File;
  state: UploadState;
  editable?: EditableVideo;
}

export class MetadataEditor {
  draft: MetadataDraft = draftOf(undefined);
  status: EditorStatus = 'editing';
  /** The latest failure's words, while `status` is `error`. */
  message?: string;
  /** Each field's problem, once a save was refused for it; updated as the person types. */
  problems: Partial<Record<TextField, string>> = {};
  private file?: File;
  private target?: EditableVideo;
  private saved?: VideoEdit;
  private ended = false;
  /** A save was asked for that could not go yet (no video, or one on its way). */
  private wanted = false;
  private saving = false;
  /** The person has typed or chosen something since the form started. */
  private typed = false;

  constructor(private readonly hooks: EditorHooks) {}

  /** A new file (or none): the form starts again from the page's values. */
  reset(file: File | undefined, prefill: Parameters<typeof draftOf>[0]): void {
    this.file = file;
    this.draft = draftOf(prefill);
    this.status = 'editing';
    this.message = undefined;
    this.problems = {};
    this.target = undefined;
    this.saved = undefined;
    this.ended = false;
    this.wanted = false;
    this.typed = false;
    this.hooks.changed();
  }

  /** The page's new values fill the form, unless the person has typed in it: what they typed wins. */
  fill(prefill: Parameters<typeof draftOf>[0]): void {
    if (this.typed) return;
    this.draft = draftOf(prefill);
    this.hooks.changed();
  }

  get forFile(): File | undefined {
    return this.file;
  }

  /** Whether the draft sets something the video does not have yet. */
  get dirty(): boolean {
    const edit = editOf(this.draft, this.hooks.rules());
    if (this.saved) return !sameEdit(this.saved, edit);
    return Boolean(edit.video.title || edit.video.description || edit.video.tags?.length || edit.thumbnailTimecode);
  }

  set(field: keyof MetadataDraft, value: string): void {
    this.typed = true;
    this.draft = { ...this.draft, [field]: value };
    if (Object.keys(this.problems).length) this.problems = problemsOf(this.draft, this.hooks.rules(), this.hooks.strings());
    if (this.status === 'saved') this.status = 'editing';
    this.hooks.changed();
  }

  /** Called with the upload as it stands after each of its changes. */
  follow(upload: FollowedUpload): void {
    if (upload.file !== this.file) return;
    if (!this.target && upload.editable) {
      this.target = upload.editable;
      if (this.wanted) void this.save();
    }
    if (!this.ended && upload.state === 'success') {
      this.ended = true;
      if (this.dirty || this.wanted) void this.save();
    }
  }

  /** Saves the draft: now, or once the video exists; said in `status` and with `metadata-save` or `metadata-error`. */
  async save(): Promise<void> {
    const strings = this.hooks.strings();
    this.problems = problemsOf(this.draft, this.hooks.rules(), strings);
    const [field, problem] = Object.entries(this.problems)[0] ?? [];
    if (field) return this.fail({ code: 'invalid', field, message: problem! });
    if (this.saving || !this.target) {
      this.wanted = true;
      // No video named by the time the upload ended: it never will be.
      if (!this.target && this.ended) return this.fail({ code: 'not-editable', message: strings.notEditable });
      if (!this.saving) this.show('waiting');
      return;
    }
    this.wanted = false;
    const edit = editOf(this.draft, this.hooks.rules());
    // Nothing to set (a blank title alone): nothing to send.
    if (!Object.keys(edit.video).length && !edit.thumbnailTimecode) return this.show('editing');
    this.saving = true;
    this.show('saving');
    const target = this.target;
    const outcome = await this.hooks.send(target, edit);
    this.saving = false;
    if (outcome.ok) {
      this.saved = edit;
      this.show(this.dirty ? 'editing' : 'saved');
      this.hooks.emit(new MetadataSaveEvent({ file: this.file, videoId: target.videoId, video: outcome.video, ...(outcome.thumbnailTimecode ? { thumbnailTimecode: outcome.thumbnailTimecode } : {}) }));
    } else {
      this.fail({ code: outcome.code, message: outcome.message, videoId: target.videoId, ...(outcome.status ? { status: outcome.status } : {}) });
    }
    if (this.wanted) await this.save();
  }

  private show(status: EditorStatus): void {
    this.status = status;
    this.message = undefined;
    this.hooks.changed();
  }

  private fail(detail: Omit<MetadataErrorDetail, 'file'>): void {
    this.wanted = false;
    this.status = 'error';
    this.message = detail.message;
    this.hooks.changed();
    this.hooks.emit(new MetadataErrorEvent({ file: this.file, ...detail }));
  }
}
