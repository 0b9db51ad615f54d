// Every refusal the token handler answers, as RFC 9457 problem details (`application/problem+json`): a title a
// person can read, a detail that says what to do, and sometimes the status api.video gave.

export interface Problem {
  status: number;
  title: string;
  detail?: string;
  [extra: string]: unknown;
}

/** Thrown by a step of the handler to answer with a problem (and headers) instead of a token. */
export class Refusal extends Error {
  constructor(
    readonly problem: Problem,
    readonly headers: Record<string, string> = {},
  ) {
    super(problem.title);
  }
}

export const problems = {
  /** `code` and `origin` for the page: it tells its developer which origin to add, and its visitor what happened. */
  originRefused: (origin: string): Problem => ({
    status: 403,
    code: 'origin-not-allowed',
    origin,
    title: 'This origin may not ask for upload tokens.',
    detail: `Requests from ${origin} are refused: only the handler's own origin (scheme, host and port) and those in allowedOrigins may ask. Add it to allowedOrigins on the server to allow them.`,
  }),
  methodNotAllowed: (method: string, editable: boolean): Problem => ({
    status: 405,
    title: `Method ${method || '(none)'} is not allowed here.`,
    detail:
      method === 'PATCH' && !editable
        ? "This server does not let the page change its videos: its token handler has no metadata option."
        : `Ask for an upload token with POST${editable ? ', and change the video it was for with PATCH' : ''}.`,
  }),
  notFound: (path: string): Problem => ({ status: 404, title: 'Not found.', detail: `Upload tokens are served at ${path}.` }),
  notAnObject: (): Problem => ({
    status: 400,
    title: 'The request body must be a JSON object.',
    detail: 'Send a JSON object such as {"ttl": 600}, or no body at all.',
  }),
  badTtl: (asked: unknown): Problem => ({ status: 400, title: 'ttl must be a whole number of seconds, 0 or more.', detail: `Got ${JSON.stringify(asked)}.` }),
  ttlTooLong: (asked: unknown, max: number): Problem => ({
    status: 400,
    title: `ttl must be at most ${max} seconds.`,
    detail: `Got ${JSON.stringify(asked)}; use 0 for a token that never expires.`,
  }),
  badVideoId: (given: unknown): Problem => ({
    status: 400,
    title: 'videoId must be an api.video video id.',
    detail: `Got ${JSON.stringify(given).slice(0, 80)}; a video id is "vi" followed by letters and digits, e.g. "vi4blUQJFrYWbaG44NChkH27". Leave it out to ask for a token for a new upload.`,
  }),
  tooManyRequests: (limit: number, windowSeconds: number, retryAfter: number): Problem => ({
    status: 429,
    title: 'Too many upload token requests.',
    detail: `At most ${limit} requests per ${Math.round(windowSeconds)} seconds; try again in ${retryAfter} s.`,
  }),
  rateStoreDown: (): Problem => ({
    status: 503,
    title: 'Upload tokens cannot be handed out right now.',
    detail: 'The server could not check its rate limit; try again in a moment.',
  }),
  loginCheckFailed: (): Problem => ({ status: 500, title: 'The login check failed.', detail: 'The server could not check who is asking; try again later.' }),
  notSignedIn: (): Problem => ({
    status: 401,
    title: 'You must be signed in to upload videos.',
    detail: 'The server did not authorize this request for an upload token.',
  }),
  upstreamTimeout: (): Problem => ({ status: 504, title: 'api.video did not answer in time.', detail: 'Try again in a moment.' }),
  upstreamUnreachable: (what: string): Problem => ({
    status: 503,
    title: 'api.video cannot be reached.',
    detail: `The server could not connect to api.video to ${what}; try again in a moment.`,
  }),
  upstreamMalformed: (what: string, reason: string): Problem => ({
    status: 502,
    title: 'api.video answered with something this server cannot use.',
    detail: `Asked to ${what}, ${reason.charAt(0).toLowerCase()}${reason.slice(1)}`,
  }),
  upstreamRateLimited: (title: string): Problem => ({
    status: 503,
    title,
    detail: 'api.video is rate limiting this server; try again in a minute.',
    upstreamStatus: 429,
  }),
  upstreamRefused: (what: string, status: number, title: string): Problem => ({
    status: 502,
    title,
    detail: `api.video refused to ${what} (HTTP ${status})${status === 401 || status === 403 ? '; check the API key the server is configured with' : ''}.`,
    upstreamStatus: status,
  }),
  unexpected: (what: string, title = 'The upload could not be prepared.'): Problem => ({
    status: 500,
    title,
    detail: `An unexpected error happened on the server while trying to ${what}; try again in a moment.`,
  }),
};

/** The title of an edit that failed on the way to api.video, or on it. */
export const EDIT_FAILED = 'The video could not be changed.';

/** How the page's developer and its visitor read a field's name. */
const FIELD_WORDS: Record<string, string> = {
  public: 'visibility',
  playerId: 'player',
  thumbnailTimecode: 'thumbnail',
};
const fieldWord = (field: string) => FIELD_WORDS[field] ?? field;

/** The refusals of an edit (PATCH), each with the `code` the page tells them apart by. */
export const editProblems = {
  capabilityMissing: (): Problem => ({
    status: 403,
    code: 'capability-missing',
    title: 'This video cannot be changed from this page.',
    detail: 'The edit carries no capability: send the "capability" that came with the upload token of this video.',
  }),
  capabilityInvalid: (): Problem => ({
    status: 403,
    code: 'capability-invalid',
    title: 'This video cannot be changed from this page.',
    detail: 'The capability sent is not one this server gave for this video: send the one that came with the upload token of the same video.',
  }),
  capabilityExpired: (): Problem => ({
    status: 403,
    code: 'capability-expired',
    title: 'The time to change this video from the page has run out.',
    detail: 'A video can be changed from the page for a limited time after its upload starts; that time has passed.',
  }),
  fieldNotAllowed: (field: string, allowed: readonly string[]): Problem => ({
    status: 400,
    code: 'field-not-allowed',
    field,
    title: `This video's ${fieldWord(field)} cannot be changed from the page.`,
    detail: `"${field}" is not among what the server lets the page change: ${allowed.join(', ') || 'nothing'}.`,
  }),
  fieldInvalid: (field: string, rule: string): Problem => ({
    status: 400,
    code: 'field-invalid',
    field,
    title: `The video's ${fieldWord(field)} is not valid.`,
    detail: rule,
  }),
  empty: (allowed: readonly string[]): Problem => ({
    status: 400,
    code: 'edit-empty',
    title: 'The edit changes nothing.',
    detail: `Send "video" with at least one field to change, or "thumbnailTimecode"; the page may change: ${allowed.join(', ')}.`,
  }),
};
