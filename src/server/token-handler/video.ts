// The video made before a byte is sent (`createVideo`): the handler creates it with the API key, so the page uploads
// into a video the site knows from the start, with fields a delegated upload cannot set.
import type { VideoCreation } from '../api-video/index.js';
import { problems, Refusal } from './problems.js';

/** What the element sends with its token request. */
export interface TokenRequestBody {
  /** The name of the file being uploaded; the video's title. */
  fileName?: unknown;
  fileSize?: unknown;
  fileType?: unknown;
  /** A shorter token life than the server's, in seconds. */
  ttl?: unknown;
  /** The video an upload already goes into (a token renewed mid-upload, an upload resumed): no new one is made. */
  videoId?: unknown;
  [field: string]: unknown;
}

/** Fields of the video made with `createVideo`, as api.video's `POST /videos` takes them. */
export interface VideoFields extends Omit<VideoCreation, 'title'> {
  /** Default: the name of the file the page uploads. */
  title?: string;
}

/** `true`, or a function of the request and its body that returns the video's fields. */
export type CreateVideoOption<R> = boolean | ((request: R, body: TokenRequestBody) => VideoFields | undefined | Promise<VideoFields | undefined>);

const KNOWN_FIELDS = ['title', 'description', 'tags', 'metadata', 'public', 'playerId', 'panoramic', 'mp4Support', 'language'];

/** api.video's video ids: `vi` and base62 (22 characters today; some room left, none for anything else). */
const VIDEO_ID = /^vi[0-9A-Za-z]{1,62}$/;

export function isVideoId(value: unknown): value is string {
  return typeof value === 'string' && VIDEO_ID.test(value);
}

/**
 * The video the page says its upload already goes into, when it says one. Checked before anything else is done, so
 * a mistake in the page's request is a 400 that says what was wrong, not a token for a video nobody can upload to.
 */
export function requestedVideoId(body: TokenRequestBody): string | undefined {
  const videoId = body.videoId;
  if (videoId === undefined || videoId === null) return undefined;
  if (!isVideoId(videoId)) throw new Refusal(problems.badVideoId(videoId));
  return videoId;
}

/** A title a person recognises: the file's name, on one line, at most 255 characters. */
export function titleFrom(body: TokenRequestBody): string {
  const name = typeof body.fileName === 'string' ? body.fileName.replace(/\s+/g, ' ').trim() : '';
  return name ? name.slice(0, 255) : 'Untitled video';
}

/**
 * The payload for `POST /videos`: the file's name as title, then what the site's function returned. A field the
 * function returns that api.video does not know is a mistake in the site's code (`tag` for `tags`), said in the log.
 */
export function videoPayload(body: TokenRequestBody, fields: unknown): VideoCreation {
  if (fields !== undefined && (fields === null || typeof fields !== 'object' || Array.isArray(fields))) {
    throw new Error(`createVideo() must return an object of video fields or nothing (it returned ${JSON.stringify(fields)}).`);
  }
  const given = (fields ?? {}) as Record<string, unknown>;
  const unknown = Object.keys(given).filter((key) => !KNOWN_FIELDS.includes(key));
  if (unknown.length) {
    throw new Error(`createVideo() returned ${unknown.map((k) => `"${k}"`).join(', ')}, which api.video does not take; known fields: ${KNOWN_FIELDS.join(', ')}.`);
  }
  const { title, ...rest } = given as VideoFields;
  return { ...rest, title: typeof title === 'string' && title.trim() ? title : titleFrom(body) };
}
