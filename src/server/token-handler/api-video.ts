import ApiVideoClient from '@api.video/nodejs-client';

/** Where the official client sends requests; api.video's two hosts, or any base URI (the emulator, a proxy). */
export type ApiVideoEnvironment = 'sandbox' | 'production';

export const API_VIDEO_HOSTS: Record<ApiVideoEnvironment, string> = {
  production: 'https://ws.api.video',
  sandbox: 'https://sandbox.api.video',
};

export const MAX_TTL = 2147483647;

/** A ttl api.video accepts: whole seconds from 0 (never expires) to MAX_TTL. */
export function isTtl(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_TTL;
}

export type UploadTokensApi = ApiVideoClient['uploadTokens'];
export type UploadToken = Awaited<ReturnType<UploadTokensApi['createToken']>>;
export type TokenList = Awaited<ReturnType<UploadTokensApi['list']>>;

/** The JSON api.video sends for an upload token (dates as ATOM strings; no expiresAt when ttl is 0). */
export interface UploadTokenJson {
  token: string;
  ttl: number;
  createdAt: string;
  expiresAt?: string | null;
}

export function resolveBaseUri(options: { environment?: string; baseUri?: string }, who: string): string {
  if (options.baseUri !== undefined) {
    let url: URL;
    try {
      url = new URL(options.baseUri);
    } catch {
      throw new Error(`${who}: baseUri "${options.baseUri}" is not a URL; give a full address such as http://127.0.0.1:8787.`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new Error(`${who}: baseUri must start with http:// or https:// (got "${options.baseUri}").`);
    }
    // The client appends "/upload-tokens" itself, so a trailing slash would double it.
    return options.baseUri.replace(/\/+$/, '');
  }
  const environment = options.environment ?? 'production';
  if (environment !== 'production' && environment !== 'sandbox') {
    throw new Error(`${who}: environment must be "sandbox" or "production" (got "${String(environment)}").`);
  }
  return API_VIDEO_HOSTS[environment];
}

export function createApiVideoClient(apiKey: string, baseUri: string): ApiVideoClient {
  return new ApiVideoClient({ apiKey, baseUri });
}

/** api.video dates are whole seconds in ATOM form ("2020-12-02T10:13:19+00:00"); the client turns them into Dates. */
export function toAtom(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

function dateField(value: unknown): string | null | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : toAtom(value);
  if (value === null) return null;
  if (typeof value === 'string') return value;
  return undefined;
}

/** Puts the client's parsed token back into the shape api.video sent on the wire. */
export function uploadTokenJson(token: UploadToken): UploadTokenJson {
  const json: UploadTokenJson = {
    token: String(token.token ?? ''),
    ttl: Number(token.ttl ?? 0),
    createdAt: dateField(token.createdAt) ?? '',
  };
  const expiresAt = dateField(token.expiresAt);
  if (expiresAt !== undefined) json.expiresAt = expiresAt;
  return json;
}

export function tokenListJson(list: TokenList): { data: UploadTokenJson[]; pagination: Record<string, unknown> } {
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

/** What went wrong talking to api.video, in terms a person can act on. */
export type UpstreamFailure =
  | { kind: 'refused'; status: number; title: string; detail?: string; problem?: Record<string, unknown> }
  | { kind: 'unreachable'; reason: string }
  | { kind: 'unexpected'; reason: string };

/** System error codes that mean the network, DNS or the far end failed, not this program. */
const NETWORK_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_HEADERS_TIMEOUT',
]);

/** The network error code on an error or on one of its causes (fetch hides the system error in `cause`). */
function networkErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_ERROR_CODES.has(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * The client wraps every failure in ApiVideoError (status 0 when nothing answered) and keeps the
 * problem details in a field TypeScript calls private, so this reads the shape rather than the type.
 * Only a network failure is "unreachable": calling anything else so would send people to check a network that works.
 */
export function describeUpstreamError(error: unknown): UpstreamFailure {
  const shape = error as { code?: unknown; problemDetails?: unknown; message?: unknown } | null;
  if (shape && typeof shape === 'object' && typeof shape.code === 'number' && 'problemDetails' in shape) {
    const status = shape.code;
    if (status === 0) return { kind: 'unreachable', reason: 'the connection failed or nothing answered' };
    const problem =
      shape.problemDetails && typeof shape.problemDetails === 'object'
        ? (shape.problemDetails as Record<string, unknown>)
        : undefined;
    const title =
      typeof problem?.title === 'string' && problem.title ? problem.title : `api.video answered HTTP ${status}.`;
    const detail = typeof problem?.detail === 'string' && problem.detail ? problem.detail : undefined;
    return { kind: 'refused', status, title, detail, problem };
  }
  const reason = error instanceof Error ? error.message : String(error);
  return networkErrorCode(error) ? { kind: 'unreachable', reason } : { kind: 'unexpected', reason };
}

/** Removes every spelling of the API key (plain, and inside a Basic credential) from a piece of text. */
export function redactor(apiKey: string): (text: string) => string {
  const secrets = [apiKey, Buffer.from(`${apiKey}:`).toString('base64'), encodeURIComponent(apiKey)]
    .filter((s, i, all) => s.length >= 4 && all.indexOf(s) === i)
    .sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const secret of secrets) out = out.split(secret).join('[redacted]');
    return out;
  };
}
