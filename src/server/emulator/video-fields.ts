// What `POST /videos` (api.video's VideoCreationPayload) and `PATCH /videos/{videoId}` (VideoUpdatePayload) take and
// the emulator keeps: the fields a site sets on a video, which a delegated upload alone cannot set. Both read the
// fields through the same checks, so a field is valid or not alike in either.
import { VIDEO_LANGUAGES } from '../api-video/video-values.js';
import { HttpError, problems } from './problems.js';

export interface VideoFields {
  title: string;
  description: string;
  tags: string[];
  metadata: { key: string; value: string }[];
  public: boolean;
  panoramic: boolean;
  mp4Support: boolean;
  /** The player given at creation; null gives the video a player of its own. */
  playerId: string | null;
  language: string | null;
}

const LANGUAGES: ReadonlySet<string> = new Set(VIDEO_LANGUAGES);

const bad = (name: string, detail: string) => new HttpError(problems.invalidAttribute(name, detail));

function optional<T>(body: Record<string, unknown>, name: string, check: (value: unknown) => value is T, expected: string): T | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (!check(value)) throw bad(name, `${name} must be ${expected}.`);
  return value;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
const isMetadata = (v: unknown): v is { key: string; value: string }[] =>
  Array.isArray(v) && v.every((m) => m && typeof m === 'object' && isString(m.key) && isString(m.value));
const isLanguage = (v: unknown): v is string | null => v === null || (isString(v) && LANGUAGES.has(v));

const isTitle = (v: unknown): v is string => isString(v) && v.trim() !== '';
const isPlayerId = (v: unknown): v is string | null => v === null || isString(v);

/** What a `PATCH /videos/{videoId}` body changes: only the fields it gives. */
export type VideoUpdate = Partial<VideoFields>;

/**
 * The fields a body gives, checked; a field of the wrong type or value is a 400 that names it. Fields the emulator does
 * not keep (`transcript`, `transcriptSummary`, …) and unknown ones are ignored.
 */
export function parseVideoUpdate(body: Record<string, unknown>): VideoUpdate {
  const metadata = optional(body, 'metadata', isMetadata, 'an array of {"key": string, "value": string}');
  const update: VideoUpdate = {
    title: optional(body, 'title', isTitle, 'a non-empty string'),
    description: optional(body, 'description', isString, 'a string'),
    tags: optional(body, 'tags', isStrings, 'an array of strings'),
    metadata: metadata?.map(({ key, value }) => ({ key, value })),
    public: optional(body, 'public', isBoolean, 'true or false'),
    panoramic: optional(body, 'panoramic', isBoolean, 'true or false'),
    mp4Support: optional(body, 'mp4Support', isBoolean, 'true or false'),
    playerId: optional(body, 'playerId', isPlayerId, 'a string, or null'),
    language: optional(body, 'language', isLanguage, `one of ${[...LANGUAGES].join(', ')}, or null`),
  };
  for (const name of Object.keys(update) as (keyof VideoUpdate)[]) if (update[name] === undefined) delete update[name];
  return update;
}

/** The fields of a new video from a `POST /videos` body: a title is required, the rest has api.video's defaults. */
export function parseVideoFields(body: Record<string, unknown>): VideoFields {
  if (!isTitle(body.title)) throw bad('title', 'title is required and must be a non-empty string.');
  return { ...defaultVideoFields(body.title), ...parseVideoUpdate(body) };
}

/** The fields of a video made by its first uploaded part: the file's name as title, api.video's defaults for the rest. */
export function defaultVideoFields(title: string): VideoFields {
  return { title, description: '', tags: [], metadata: [], public: true, panoramic: false, mp4Support: true, playerId: null, language: null };
}
