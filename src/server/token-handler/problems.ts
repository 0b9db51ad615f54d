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
  methodNotAllowed: (method: string): Problem => ({
    status: 405,
    title: `Method ${method || '(none)'} is not allowed here.`,
    detail: 'Ask for an upload token with POST.',
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
  unexpected: (what: string): Problem => ({
    status: 500,
    title: `The upload could not be prepared.`,
    detail: `An unexpected error happened on the server while trying to ${what}; try again in a moment.`,
  }),
};
