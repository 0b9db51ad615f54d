// What an edit may change, checked before anything is sent to api.video: a field the site did not list is refused by
// name, a value of the wrong type or size says which rule it broke. What passes is what api.video is sent.
import { THUMBNAIL_TIMECODE, VIDEO_LANGUAGES, type VideoUpdate } from '../api-video/index.js';
import type { EditableVideoField, EditSettings } from './edit-options.js';
import { editProblems, Refusal } from './problems.js';

/** An edit, checked: the fields for `PATCH /videos/{videoId}`, the frame for its thumbnail, or both. */
export interface VideoEdit {
  video?: VideoUpdate;
  thumbnailTimecode?: string;
}

/** The keys of an edit's body itself; the video's fields go in `video`. */
const EDIT_KEYS = ['videoId', 'capability', 'video', 'thumbnailTimecode'];

const LIMITS = { title: 255, description: 5000, tags: 50, tag: 255, metadata: 50, metadataText: 255 } as const;

const PLAYER_ID = /^pl[0-9A-Za-z]{1,62}$/;

const invalid = (field: string, rule: string) => new Refusal(editProblems.fieldInvalid(field, rule));

/** Characters as a person counts them: an emoji is one, not two UTF-16 units. */
const length = (text: string) => [...text].length;

/** A string of `min` to `max` characters once trimmed, trimmed; else the refusal with `rule`. */
function text(value: unknown, field: string, min: number, max: number, rule: string): string {
  const trimmed = typeof value === 'string' ? value.trim() : undefined;
  if (trimmed === undefined || length(trimmed) < min || length(trimmed) > max) throw invalid(field, rule);
  return trimmed;
}

function list(value: unknown, field: string, max: number, rule: string): unknown[] {
  if (!Array.isArray(value) || value.length > max) throw invalid(field, rule);
  return value;
}

const TAGS_RULE = `tags is a list of at most ${LIMITS.tags} words, each 1 to ${LIMITS.tag} characters long.`;
const METADATA_RULE =
  `metadata is a list of at most ${LIMITS.metadata} {"key", "value"} pairs of text: each key 1 to ${LIMITS.metadataText} ` +
  `characters long, each value at most ${LIMITS.metadataText}.`;

function metadataPair(pair: unknown): { key: string; value: string } {
  if (pair === null || typeof pair !== 'object' || Array.isArray(pair)) throw invalid('metadata', METADATA_RULE);
  const { key, value, ...rest } = pair as Record<string, unknown>;
  if (Object.keys(rest).length || typeof value !== 'string' || length(value) > LIMITS.metadataText) throw invalid('metadata', METADATA_RULE);
  return { key: text(key, 'metadata', 1, LIMITS.metadataText, METADATA_RULE), value };
}

/** Each field's check: the value api.video is sent, or a refusal that says the rule. */
const CHECKS: Record<EditableVideoField, (value: unknown) => VideoUpdate[EditableVideoField]> = {
  title: (value) => text(value, 'title', 1, LIMITS.title, `A title is 1 to ${LIMITS.title} characters long, and not only spaces.`),
  description: (value) => {
    if (typeof value !== 'string' || length(value) > LIMITS.description) {
      throw invalid('description', `A description is text of at most ${LIMITS.description} characters.`);
    }
    return value;
  },
  tags: (value) => list(value, 'tags', LIMITS.tags, TAGS_RULE).map((tag) => text(tag, 'tags', 1, LIMITS.tag, TAGS_RULE)),
  metadata: (value) => list(value, 'metadata', LIMITS.metadata, METADATA_RULE).map(metadataPair),
  public: (value) => {
    if (typeof value !== 'boolean') throw invalid('public', 'public is true (anyone with the link can watch) or false (private).');
    return value;
  },
  playerId: (value) => {
    if (value !== null && (typeof value !== 'string' || !PLAYER_ID.test(value))) {
      throw invalid('playerId', 'playerId is the id of one of your players, "pl" followed by letters and digits, or null for a player of its own.');
    }
    return value;
  },
  language: (value) => {
    if (value !== null && !(VIDEO_LANGUAGES as readonly unknown[]).includes(value)) {
      throw invalid('language', `language is one of ${VIDEO_LANGUAGES.join(', ')}, or null.`);
    }
    return value as VideoUpdate['language'];
  },
};

/** What the page may change, as the refusals name it. */
export function allowedChanges(edit: EditSettings): string[] {
  return [...edit.fields, ...(edit.thumbnail ? ['thumbnailTimecode'] : [])];
}

/** The edit a body asks for, checked against what the site allows; nothing in it is sent unless all of it passes. */
export function parseEdit(body: Record<string, unknown>, edit: EditSettings): VideoEdit {
  const allowed = allowedChanges(edit);
  const stray = Object.keys(body).find((key) => !EDIT_KEYS.includes(key));
  if (stray !== undefined) throw new Refusal(editProblems.fieldNotAllowed(stray, allowed));
  const changes: VideoEdit = {};
  if (body.video !== undefined) changes.video = videoFields(body.video, edit.fields, allowed);
  if (body.thumbnailTimecode !== undefined) {
    if (!edit.thumbnail) throw new Refusal(editProblems.fieldNotAllowed('thumbnailTimecode', allowed));
    const timecode = body.thumbnailTimecode;
    if (typeof timecode !== 'string' || !THUMBNAIL_TIMECODE.test(timecode)) {
      throw invalid('thumbnailTimecode', 'thumbnailTimecode is a time in the video as "HH:MM:SS" or "HH:MM:SS.mmm", e.g. "00:00:05.000".');
    }
    changes.thumbnailTimecode = timecode;
  }
  if (!changes.video && changes.thumbnailTimecode === undefined) throw new Refusal(editProblems.empty(allowed));
  return changes;
}

function videoFields(video: unknown, fields: readonly EditableVideoField[], allowed: readonly string[]): VideoUpdate | undefined {
  if (video === null || typeof video !== 'object' || Array.isArray(video)) {
    throw invalid('video', 'video is an object of the fields to change, e.g. {"title": "My trip"}.');
  }
  const entries = Object.entries(video);
  const stray = entries.find(([name]) => !(fields as readonly string[]).includes(name));
  if (stray) throw new Refusal(editProblems.fieldNotAllowed(stray[0], allowed));
  if (entries.length === 0) return undefined;
  return Object.fromEntries(entries.map(([name, value]) => [name, CHECKS[name as EditableVideoField](value)])) as VideoUpdate;
}
