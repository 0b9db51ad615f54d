// Where delegated upload tokens come from: a provider function, the site's token URL, or a static token. Each call
// asks once; TokenKeeper is the one single flight (a burst of 401s must not become a burst of token requests).
import type { TokenFailureReason } from '../events/index.js';
import { DEFAULT_TOKEN_TIMEOUT_MS } from './constants.js';
import type { ProvidedToken, TokenRequestReason, TokenSourceOptions } from './types.js';

/**
 * A token and, when the source said so, the moment it stops working, on this page's clock (a token endpoint's
 * `expiresAt` is on the server's clock, which may be hours away from the visitor's), and the video it uploads into.
 */
export interface UploadToken {
  readonly token: string;
  readonly expiresAt?: Date;
  readonly videoId?: string;
  /** The backend's signed permission to edit that video (its token handler's `metadata` option). */
  readonly capability?: string;
}

/** The source gave no usable token; `message` says what came back, in words, and `reason` what kind of thing it was. */
export class TokenRequestError extends Error {
  override readonly name = 'TokenRequestError';
  constructor(
    message: string,
    /** Absent only when the request was cancelled: nobody is told about that one. */
    readonly reason?: TokenFailureReason,
    readonly status?: number,
    /** The provider's own words, when it threw. */
    readonly detail?: string,
  ) {
    super(message);
  }
}

// HTTP/2 answers carry no reason phrase; these are the ones a token endpoint plausibly sends.
const REASON_PHRASES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  408: 'Request Timeout', 409: 'Conflict', 415: 'Unsupported Media Type', 422: 'Unprocessable Content',
  429: 'Too Many Requests', 500: 'Internal Server Error', 501: 'Not Implemented', 502: 'Bad Gateway',
  503: 'Service Unavailable', 504: 'Gateway Timeout',
};

export function describeStatus(status: number, statusText = ''): string {
  const phrase = statusText.trim() || REASON_PHRASES[status] || '';
  return phrase ? `${status} ${phrase}` : String(status);
}

export class TokenSource {
  #staticToken: string | undefined;

  readonly #options: TokenSourceOptions;
  readonly #file: File;

  constructor(options: TokenSourceOptions, file: File) {
    this.#options = options;
    this.#file = file;
    this.#staticToken = options.staticToken?.trim() || undefined;
  }

  /** Whether a new token can be asked for (a provider or a URL); a static token alone cannot be renewed. */
  get canAsk(): boolean {
    return Boolean(this.#options.provider || this.#options.url);
  }

  get timeoutMs(): number {
    return this.#options.timeoutMs ?? DEFAULT_TOKEN_TIMEOUT_MS;
  }

  setStaticToken(token: string): void {
    this.#staticToken = token.trim() || undefined;
  }

  /**
   * A token: the static one when nothing can be asked, otherwise a fresh one from the provider or URL. `videoId`: the
   * video the upload already goes into (a renewal, a resumed upload, a video given by the page), so a backend that
   * makes a video per token request makes none for it.
   */
  request(reason: TokenRequestReason, signal: AbortSignal, videoId?: string): Promise<UploadToken> {
    if (!this.canAsk) {
      if (this.#staticToken) return Promise.resolve({ token: this.#staticToken });
      return Promise.reject(
        new TokenRequestError('There is no upload token: give an upload token, a token URL or a token provider.', 'no-source'),
      );
    }
    return this.#ask(reason, signal, videoId);
  }

  async #ask(reason: TokenRequestReason, outer: AbortSignal, videoId: string | undefined): Promise<UploadToken> {
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), this.timeoutMs);
    const signal = AbortSignal.any([outer, timeout.signal]);
    const who = this.#options.provider ? 'The token provider' : 'The token endpoint';
    try {
      // A provider may answer synchronously, or throw before returning a promise: both end up in one promise.
      const provider = this.#options.provider;
      const work = provider
        ? Promise.resolve()
            .then(() => provider({ file: this.#file, reason, signal, ...(videoId ? { videoId } : {}) }))
            .then((answer) => fromProvided(answer))
        : this.#fetchFromUrl(this.#options.url!, signal, videoId);
      // A provider may ignore the signal; the timeout must still win.
      const aborted = new Promise<never>((_, reject) => {
        const onAbort = () => reject(new DOMException('aborted', 'AbortError'));
        if (signal.aborted) onAbort();
        else signal.addEventListener('abort', onAbort, { once: true });
      });
      return await Promise.race([work, aborted]);
    } catch (error) {
      if (timeout.signal.aborted && !outer.aborted) {
        throw new TokenRequestError(`${who} did not answer within ${formatSeconds(this.timeoutMs)}.`, 'timeout');
      }
      if (outer.aborted) throw new TokenRequestError('The token request was cancelled.');
      if (error instanceof TokenRequestError) throw error;
      if (this.#options.provider) {
        const detail = error instanceof Error ? error.message : String(error);
        throw new TokenRequestError(`The token provider failed: ${detail || 'no reason given'}.`, 'provider', undefined, detail || undefined);
      }
      throw new TokenRequestError('The token endpoint could not be reached (network error).', 'network');
    } finally {
      clearTimeout(timer);
    }
  }

  async #fetchFromUrl(url: string, signal: AbortSignal, videoId: string | undefined): Promise<UploadToken> {
    const init = this.#options.requestInit ?? {};
    const headers = new Headers({ 'Content-Type': 'application/json', Accept: 'application/json, text/plain' });
    new Headers(init.headers).forEach((value, name) => headers.set(name, value));
    const method = (init.method ?? 'POST').toUpperCase();
    const body =
      method === 'GET' || method === 'HEAD'
        ? undefined
        : init.body ??
          JSON.stringify({ fileName: this.#file.name, fileSize: this.#file.size, fileType: this.#file.type, ...(videoId ? { videoId } : {}) });
    const response = await fetch(url, { credentials: 'same-origin', ...init, method, headers, body, signal });
    const text = await response.text();
    if (!response.ok) {
      const refusedOrigin = response.status === 403 ? originNotAllowed(text) : undefined;
      if (refusedOrigin !== undefined) {
        throw new TokenRequestError(
          `The token endpoint refuses this page's origin, ${refusedOrigin}: add it to allowedOrigins where the token handler is created.`,
          'origin-refused',
          403,
        );
      }
      const words = endpointWords(text, response.headers.get('Content-Type') ?? '');
      const answered = `The token endpoint answered ${describeStatus(response.status, response.statusText)}`;
      throw new TokenRequestError(words ? `${answered}: ${words}` : `${answered}.`, 'status', response.status, words);
    }
    const serverDate = Date.parse(response.headers.get('Date') ?? '');
    return parseTokenAnswer(text, response.headers.get('Content-Type') ?? '', {
      arrivedAt: Date.now(),
      serverNow: Number.isNaN(serverDate) ? undefined : serverDate,
    });
  }
}

/**
 * The origin a token handler of this package refused (its 403 problem with `code: 'origin-not-allowed'`), so the
 * developer is told which origin to allow; undefined for any other 403.
 */
function originNotAllowed(text: string): string | undefined {
  try {
    const problem = JSON.parse(text) as { code?: unknown; origin?: unknown } | null;
    if (problem?.code !== 'origin-not-allowed') return undefined;
    return typeof problem.origin === 'string' ? problem.origin.slice(0, 200) : location.origin;
  } catch {
    return undefined;
  }
}

const MAX_WORDS = 300;

/**
 * What a refusing token endpoint said, in its own words, to show the visitor ("You must be signed in to upload
 * videos."): a problem's `title` or `detail`, a `message` or `error` field, or a short text body; never a web page.
 * Shown as text, never as HTML.
 */
export function endpointWords(text: string, contentType: string): string | undefined {
  const trimmed = text.trim();
  if (!trimmed || /html|xml/i.test(contentType) || /^</.test(trimmed)) return undefined;
  let words: unknown = trimmed;
  // By its first character rather than its Content-Type: servers label their error text JSON and their JSON text.
  if (/^[{"]/.test(trimmed)) {
    try {
      const json = JSON.parse(trimmed) as unknown;
      words = typeof json === 'string' ? json : pickWords(json);
    } catch {
      return undefined;
    }
  }
  if (typeof words !== 'string') return undefined;
  const oneLine = words.replace(/\s+/g, ' ').trim();
  if (!oneLine) return undefined;
  return oneLine.length > MAX_WORDS ? `${oneLine.slice(0, MAX_WORDS - 1)}…` : oneLine;
}

function pickWords(json: unknown): unknown {
  if (!json || typeof json !== 'object') return undefined;
  const o = json as Record<string, unknown>;
  const error = o.error && typeof o.error === 'object' ? (o.error as Record<string, unknown>).message : o.error;
  return [o.title, o.message, error, o.detail].find((value) => typeof value === 'string' && value.trim());
}

/** When the answer arrived (this page's clock) and, when its `Date` header could be read, the server's clock then. */
export interface AnswerClock {
  arrivedAt: number;
  serverNow?: number;
}

/** Reads what a token endpoint answered: api.video's UploadToken JSON (or any JSON with `token`), or a plain-text token. */
export function parseTokenAnswer(text: string, contentType: string, clock: AnswerClock = { arrivedAt: Date.now() }): UploadToken {
  const trimmed = text.trim();
  if (/html/i.test(contentType) || /^<(!doctype|html|head|body|\?xml)?/i.test(trimmed)) {
    throw new TokenRequestError('The token endpoint answered with HTML, not a token.', 'html');
  }
  if (/json/i.test(contentType) || /^[{["]/.test(trimmed)) {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch {
      throw new TokenRequestError('The token endpoint answered with JSON that cannot be read.', 'unreadable');
    }
    if (typeof json === 'string') return plainToken(json);
    if (json && typeof json === 'object' && typeof (json as { token?: unknown }).token === 'string') {
      const answer = json as TokenAnswer & { token: string };
      if (!answer.token.trim()) throw new TokenRequestError('The token endpoint answered with JSON without a token.', 'no-token');
      return uploadToken(answer.token, expiryOf(answer, clock), answer.videoId, answer.capability);
    }
    throw new TokenRequestError('The token endpoint answered with JSON without a token.', 'no-token');
  }
  if (!trimmed) throw new TokenRequestError('The token endpoint answered with an empty body, not a token.', 'unreadable');
  return plainToken(trimmed);
}

function plainToken(text: string): UploadToken {
  const token = text.trim();
  if (!token || /\s/.test(token) || token.length > 512) {
    throw new TokenRequestError('The token endpoint answered with text that is not a token.', 'unreadable');
  }
  return { token };
}

function fromProvided(answer: ProvidedToken): UploadToken {
  if (typeof answer === 'string') {
    if (!answer.trim()) throw new TokenRequestError('The token provider returned an empty token.', 'no-token');
    return { token: answer.trim() };
  }
  if (!answer || typeof answer.token !== 'string' || !answer.token.trim()) {
    throw new TokenRequestError('The token provider returned no token.', 'no-token');
  }
  // A provider runs in the page, but often hands on its backend's answer as it is (api.video's UploadToken, dates on
  // the server's clock): the token's life (`ttl`, `expiresIn`, or `expiresAt - createdAt`) is counted from now, and a
  // lone `expiresAt` is taken as on the page's clock.
  return uploadToken(answer.token, expiryOf(answer, { arrivedAt: Date.now() }), answer.videoId, answer.capability);
}

interface TokenAnswer {
  expiresAt?: unknown;
  ttl?: unknown;
  expiresIn?: unknown;
  createdAt?: unknown;
  videoId?: unknown;
  capability?: unknown;
}

const given = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/**
 * Only the fields that are known: a page comparing or logging tokens sees no `expiresAt: undefined`. A capability
 * comes only with the video it was signed for.
 */
function uploadToken(token: string, expiresAt: Date | undefined, videoId: unknown, capability?: unknown): UploadToken {
  return {
    token: token.trim(),
    ...(expiresAt ? { expiresAt } : {}),
    ...(given(videoId) ? { videoId: videoId.trim(), ...(given(capability) ? { capability: capability.trim() } : {}) } : {}),
  };
}

/**
 * When the token stops working, on this page's clock. Judged on the server's clock, so a visitor's clock hours off
 * does not make every token look expired: `expiresAt` moved by how far the server's `Date` was from the page's clock
 * when the answer arrived; without a readable `Date` (a cross-origin endpoint that does not expose it), the token's
 * life (`ttl`, `expiresIn`, or `expiresAt - createdAt`) counted from the answer's arrival; `expiresAt` as it is only
 * when nothing else is known. A life of 0 or `null` means it never expires.
 */
function expiryOf(answer: TokenAnswer, clock: AnswerClock): Date | undefined {
  // api.video's answer for a token that never expires.
  if (answer.expiresAt === null) return undefined;
  const expiresAt = toDate(answer.expiresAt);
  if (expiresAt && clock.serverNow !== undefined) return new Date(expiresAt.getTime() + clock.arrivedAt - clock.serverNow);
  const life = lifeSeconds(answer.ttl) ?? lifeSeconds(answer.expiresIn);
  if (life !== undefined) return new Date(clock.arrivedAt + life * 1000);
  const createdAt = toDate(answer.createdAt);
  if (expiresAt && createdAt) return new Date(clock.arrivedAt + expiresAt.getTime() - createdAt.getTime());
  return expiresAt;
}

function lifeSeconds(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}

function toDate(value: unknown): Date | undefined {
  let date: Date | undefined;
  if (value instanceof Date) date = value;
  // Epoch numbers below 1e11 can only be seconds (1e11 ms is 1973).
  else if (typeof value === 'number') date = new Date(value < 1e11 ? value * 1000 : value);
  else if (typeof value === 'string' && value.trim()) date = new Date(value);
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}
