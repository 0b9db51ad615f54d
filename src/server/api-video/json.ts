// api.video's JSON as it travels on the wire. The official client parses dates into Date objects and trusts every
// field's type; these functions put the answer back into api.video's shape, and refuse an answer that is not one.

/** The JSON api.video sends for an upload token (dates as ATOM strings; expiresAt null or absent when ttl is 0). */
export interface UploadTokenJson {
  token: string;
  ttl: number;
  createdAt: string;
  expiresAt?: string | null;
}

/** api.video answered 2xx with something that is not what the route promises. */
export class UnexpectedAnswerError extends Error {
  override readonly name = 'UnexpectedAnswerError';
}

/** api.video dates are whole seconds in ATOM form ("2020-12-02T10:13:19+00:00"). */
export function toAtom(date: Date | number): string {
  return new Date(date).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

/**
 * A date of the token's, in ATOM form; null and undefined as they are. The client turns a date it cannot read into
 * an Invalid Date: that, or anything else that is no date, is an answer api.video did not mean, and is refused.
 */
function dateField(name: string, value: unknown): string | null | undefined {
  if (value === null || value === undefined) return value;
  const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    throw new UnexpectedAnswerError(`api.video answered an upload token whose "${name}" is not a date (${shown(value)}).`);
  }
  return value instanceof Date ? toAtom(value) : (value as string);
}

/** A value as a person reads it in a message: an Invalid Date is not "a object". */
function shown(value: unknown): string {
  if (value instanceof Date) return 'an unreadable date';
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : describe(value);
}

const describe = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`);

/** The client's parsed token, back in the shape api.video sent; an answer without a usable token is refused. */
export function uploadTokenJson(answer: unknown): UploadTokenJson {
  const token = (answer ?? {}) as { token?: unknown; ttl?: unknown; createdAt?: unknown; expiresAt?: unknown };
  if (typeof token.token !== 'string' || !/^\S+$/.test(token.token)) {
    throw new UnexpectedAnswerError(
      `api.video answered without an upload token: "token" is ${typeof token.token === 'string' ? 'an empty or spaced string' : describe(token.token)}.`,
    );
  }
  if (typeof token.ttl !== 'number' || !Number.isInteger(token.ttl) || token.ttl < 0) {
    throw new UnexpectedAnswerError(`api.video answered an upload token without a valid ttl: "ttl" is ${describe(token.ttl)}.`);
  }
  const createdAt = dateField('createdAt', token.createdAt);
  if (!createdAt) throw new UnexpectedAnswerError('api.video answered an upload token without "createdAt".');
  const json: UploadTokenJson = { token: token.token, ttl: token.ttl, createdAt };
  const expiresAt = dateField('expiresAt', token.expiresAt);
  if (expiresAt !== undefined) json.expiresAt = expiresAt;
  return json;
}

/** The id of a video api.video just created; an answer without one is refused. */
export function videoIdOf(answer: unknown): string {
  const videoId = (answer as { videoId?: unknown } | null)?.videoId;
  if (typeof videoId !== 'string' || !/^\S+$/.test(videoId)) {
    throw new UnexpectedAnswerError(`api.video answered without a video: "videoId" is ${describe(videoId)}.`);
  }
  return videoId;
}

/** What a page is told of a video it edited: the fields it can see, as api.video now holds them. */
export interface VideoSummaryJson {
  title: string;
  description: string;
  tags: string[];
}

/** The title, description and tags of a video api.video answered; an answer without them is refused. */
export function videoSummaryOf(answer: unknown): VideoSummaryJson {
  const video = (answer ?? {}) as { title?: unknown; description?: unknown; tags?: unknown };
  if (typeof video.title !== 'string') {
    throw new UnexpectedAnswerError(`api.video answered without a video: "title" is ${describe(video.title)}.`);
  }
  const tags = video.tags ?? [];
  if (!Array.isArray(tags) || !tags.every((tag) => typeof tag === 'string')) {
    throw new UnexpectedAnswerError(`api.video answered a video whose "tags" are not a list of words (${describe(video.tags)}).`);
  }
  const description = video.description ?? '';
  if (typeof description !== 'string') {
    throw new UnexpectedAnswerError(`api.video answered a video whose "description" is ${describe(video.description)}.`);
  }
  return { title: video.title, description, tags };
}

export interface TokenListJson {
  data: UploadTokenJson[];
  pagination: Record<string, unknown>;
}

/** A page of tokens as api.video sent it: fields the client left undefined are dropped, dates back to ATOM. */
export function tokenListJson(list: { data?: unknown[]; pagination?: object }): TokenListJson {
  const pagination: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(list.pagination ?? {})) {
    if (value !== undefined) pagination[key] = value;
  }
  if (Array.isArray(pagination.links)) {
    pagination.links = (pagination.links as object[]).map((link) =>
      Object.fromEntries(Object.entries(link).filter(([, v]) => v !== undefined)),
    );
  }
  return { data: (list.data ?? []).map(uploadTokenJson), pagination };
}
