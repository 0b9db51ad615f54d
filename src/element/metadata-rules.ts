// Which details the form shows and what they must be: read from the element's attributes, checked in the page
// before anything is sent, in words. The limits default to what api.video and the token handler take.
import type { VideoMetadata } from '../events/index.js';
import type { MetadataStrings } from './metadata-strings.js';

/** The fields `metadata-fields` may name: api.video's names, and the thumbnail chosen from the video's frames. */
export const METADATA_FIELDS = ['title', 'description', 'tags', 'thumbnail'] as const;
export type MetadataField = (typeof METADATA_FIELDS)[number];
export type TextField = Exclude<MetadataField, 'thumbnail'>;

export const LIMITS = { title: 255, description: 5000, tags: 50, tag: 255 } as const;

export interface MetadataRules {
  fields: readonly MetadataField[];
  required: readonly TextField[];
  maxTitleLength: number;
  maxDescriptionLength: number;
  maxTags: number;
}

/** The form's values, as typed: tags as one line of text. */
export interface MetadataDraft {
  title: string;
  description: string;
  tags: string;
  thumbnailTimecode?: string;
}

const warned = new Set<string>();

/** Known names in the order given, once each; unknown ones are dropped with a console warning (once per page). */
export function fieldList<F extends string>(value: string | undefined, known: readonly F[], attribute: string): F[] {
  const names = (value ?? '').split(/[\s,]+/).filter(Boolean);
  const unknown = names.filter((name) => !known.includes(name as F));
  const warning = `${attribute}: ${unknown.join(', ')} unknown; the fields are ${known.join(', ')}.`;
  if (unknown.length && !warned.has(warning)) console.warn(warning);
  if (unknown.length) warned.add(warning);
  return [...new Set(names.filter((name): name is F => known.includes(name as F)))];
}

const limit = (value: number | undefined, most: number) => (value !== undefined && value > 0 ? Math.min(Math.floor(value), most) : most);

export function metadataRules(settings: {
  fields?: string;
  required?: string;
  maxTitleLength?: number;
  maxDescriptionLength?: number;
  maxTags?: number;
}): MetadataRules {
  const fields = fieldList(settings.fields, METADATA_FIELDS, 'metadata-fields');
  const texts = METADATA_FIELDS.filter((f): f is TextField => f !== 'thumbnail');
  return {
    fields,
    required: fieldList(settings.required, texts, 'metadata-required').filter((f) => fields.includes(f)),
    maxTitleLength: limit(settings.maxTitleLength, LIMITS.title),
    maxDescriptionLength: limit(settings.maxDescriptionLength, LIMITS.description),
    maxTags: limit(settings.maxTags, LIMITS.tags),
  };
}

/** Tags from a line of text: split on commas, trimmed, each once. */
export function tagsOf(text: string): string[] {
  return [...new Set(text.split(',').map((tag) => tag.replace(/\s+/g, ' ').trim()).filter(Boolean))];
}

export function draftOf(metadata: (VideoMetadata & { thumbnailTimecode?: string }) | undefined): MetadataDraft {
  return {
    title: metadata?.title ?? '',
    description: metadata?.description ?? '',
    tags: (metadata?.tags ?? []).join(', '),
    ...(metadata?.thumbnailTimecode ? { thumbnailTimecode: metadata.thumbnailTimecode } : {}),
  };
}

/** The draft as the page reads it (the `metadata` property): tags as a list. */
export function valuesOf(draft: MetadataDraft): VideoMetadata & { thumbnailTimecode?: string } {
  return {
    title: draft.title,
    description: draft.description,
    tags: tagsOf(draft.tags),
    ...(draft.thumbnailTimecode ? { thumbnailTimecode: draft.thumbnailTimecode } : {}),
  };
}

/** What the draft sets on the video: the fields shown, a blank title left as the video has it. */
export function editOf(draft: MetadataDraft, rules: MetadataRules): { video: VideoMetadata; thumbnailTimecode?: string } {
  const shown = (field: MetadataField) => rules.fields.includes(field);
  const title = draft.title.replace(/\s+/g, ' ').trim();
  return {
    video: {
      ...(shown('title') && title ? { title } : {}),
      ...(shown('description') ? { description: draft.description.trim() } : {}),
      ...(shown('tags') ? { tags: tagsOf(draft.tags) } : {}),
    },
    ...(shown('thumbnail') && draft.thumbnailTimecode ? { thumbnailTimecode: draft.thumbnailTimecode } : {}),
  };
}

/** Each field's problem, in words; empty when the draft can be saved. */
export function problemsOf(draft: MetadataDraft, rules: MetadataRules, strings: MetadataStrings): Partial<Record<TextField, string>> {
  const problems: Partial<Record<TextField, string>> = {};
  const label = { title: strings.title, description: strings.description, tags: strings.tags };
  const shown = (field: TextField) => rules.fields.includes(field);
  for (const field of rules.required) {
    const empty = field === 'tags' ? tagsOf(draft.tags).length === 0 : !draft[field].trim();
    if (empty) problems[field] = strings.required(label[field]);
  }
  if (shown('title') && [...draft.title.trim()].length > rules.maxTitleLength) problems.title = strings.tooLong(label.title, rules.maxTitleLength);
  if (shown('description') && [...draft.description.trim()].length > rules.maxDescriptionLength) {
    problems.description = strings.tooLong(label.description, rules.maxDescriptionLength);
  }
  if (shown('tags')) {
    const tags = tagsOf(draft.tags);
    if (tags.length > rules.maxTags) problems.tags = strings.tooManyTags(rules.maxTags);
    else if (tags.some((tag) => [...tag].length > LIMITS.tag)) problems.tags = strings.tooLong(label.tags, LIMITS.tag);
  }
  return problems;
}

/** A seconds value as api.video's thumbnail timecode, `HH:MM:SS.mmm`. */
export function timecodeOf(seconds: number): string {
  const ms = Math.max(0, Math.round(seconds * 1000));
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor(ms / 60_000) % 60;
  const s = Math.floor(ms / 1000) % 60;
  return `${pad(Math.min(h, 99))}:${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`;
}

/** Whether two edits set the same things. */
export function sameEdit(a: ReturnType<typeof editOf> | undefined, b: ReturnType<typeof editOf>): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}
