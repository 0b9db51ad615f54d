// The `metadata` option: whether the page may edit the video the handler made for it, and what it may change. Checked
// when the handler is made, like the other options: a mistake is an error that says what to write.
import type { BodyLimits } from '../http/body.js';
import { capabilities, type Capabilities } from './capability.js';

/** The fields of a video the page may be let to change, as api.video's `PATCH /videos/{videoId}` names them. */
export type EditableVideoField = 'title' | 'description' | 'tags' | 'metadata' | 'public' | 'playerId' | 'language';

export const EDITABLE_VIDEO_FIELDS: readonly EditableVideoField[] = ['title', 'description', 'tags', 'metadata', 'public', 'playerId', 'language'];

/** What the page may change when nothing is listed: what a person types about their own video. */
const DEFAULT_FIELDS: readonly EditableVideoField[] = ['title', 'description', 'tags'];

export interface VideoEditOptions {
  /**
   * The key capabilities are signed with: at least 32 characters, from your secrets (an environment variable), never
   * sent to the browser. Every instance of the site needs the same one, so that any of them accepts an edit.
   */
  secret: string;
  /**
   * The video's fields the page may change (default `['title', 'description', 'tags']`). `public` and `playerId`
   * decide who sees the video and how: the page can change them only when they are listed here.
   */
  fields?: EditableVideoField[];
  /** Whether the page may pick the frame shown before the video plays (default true). */
  thumbnail?: boolean;
  /** How long, in seconds, the page may edit a video after the handler made it (default 86400: a day). */
  capabilityTtl?: number;
  /** The clock capabilities are signed and checked by, in milliseconds since the epoch (default `Date.now`). */
  now?: () => number;
}

export interface EditSettings {
  capabilities: Capabilities;
  fields: readonly EditableVideoField[];
  thumbnail: boolean;
  body: BodyLimits;
}

/** The most bytes an edit's body may carry: its longest fields, written in any script, and some room. */
export const EDIT_BODY_BYTES = 64 * 1024;

const MIN_SECRET_LENGTH = 32;

const SECRET_HELP =
  `metadata.secret must be a string of at least ${MIN_SECRET_LENGTH} characters, kept on the server and the same in every ` +
  'instance of the site: make one with `node -e "console.log(crypto.randomBytes(32).toString(\'base64url\'))"`, keep it ' +
  'with your other secrets, and pass it from there (e.g. secret: process.env.UPLOAD_EDIT_SECRET).';

/** The edit settings, or undefined when the site does not let the page edit. `body` is the handler's own limits. */
export function resolveEditSettings(option: unknown, createVideo: unknown, body: BodyLimits, who: string): EditSettings | undefined {
  if (option === undefined || option === false) return undefined;
  if (option === null || typeof option !== 'object' || Array.isArray(option)) {
    throw new Error(`${who}: metadata must be an object, e.g. { secret: process.env.UPLOAD_EDIT_SECRET }.`);
  }
  const given = option as VideoEditOptions;
  if (typeof given.secret !== 'string' || given.secret.length < MIN_SECRET_LENGTH) throw new Error(`${who}: ${SECRET_HELP}`);
  if (createVideo === false || createVideo === undefined) {
    throw new Error(
      `${who}: metadata lets the page edit only a video the handler made for it; turn on createVideo too ` +
        '(createVideo: true, or a function that returns the video\'s first fields).',
    );
  }
  const fields = checkFields(given.fields, who);
  const thumbnail = given.thumbnail ?? true;
  if (typeof thumbnail !== 'boolean') throw new Error(`${who}: metadata.thumbnail must be true or false (got ${String(thumbnail)}).`);
  if (fields.length === 0 && !thumbnail) {
    throw new Error(`${who}: metadata lets the page change nothing (no fields, thumbnail false); list fields, or leave metadata out.`);
  }
  const ttl = given.capabilityTtl ?? 86_400;
  if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 1) {
    throw new Error(`${who}: metadata.capabilityTtl must be a whole number of seconds, at least 1 (got ${String(ttl)}).`);
  }
  if (given.now !== undefined && typeof given.now !== 'function') throw new Error(`${who}: metadata.now must be a function () => milliseconds.`);
  return {
    capabilities: capabilities(given.secret, ttl, given.now ?? Date.now),
    fields,
    thumbnail,
    body: { maxBytes: Math.max(EDIT_BODY_BYTES, body.maxBytes), timeoutMs: body.timeoutMs },
  };
}

function checkFields(fields: unknown, who: string): readonly EditableVideoField[] {
  if (fields === undefined) return DEFAULT_FIELDS;
  const known = EDITABLE_VIDEO_FIELDS as readonly unknown[];
  if (!Array.isArray(fields)) throw new Error(`${who}: metadata.fields must be a list of field names, e.g. ['title', 'description', 'tags'].`);
  const unknown = fields.filter((field) => !known.includes(field));
  if (unknown.length) {
    throw new Error(
      `${who}: metadata.fields names ${unknown.map((f) => JSON.stringify(f)).join(', ')}, which the page cannot be let to change; ` +
        `the fields are ${EDITABLE_VIDEO_FIELDS.join(', ')}.`,
    );
  }
  return [...new Set(fields as EditableVideoField[])];
}
