// Which pages may ask for tokens, and the CORS headers they get. Works on any request through a header getter, so
// the Node and fetch front doors share it.

/** Which pages may ask for tokens: a list of origins ("https://example.com") or patterns, any ("*"), or a test. */
export type AllowedOrigins = '*' | ReadonlyArray<string | RegExp> | ((origin: string) => boolean);

/** A request header by lower-case name; repeated headers joined with ", ". */
export type HeaderGetter = (name: string) => string | undefined;

export type OriginVerdict =
  /** No Origin header: not a browser cross-origin call (curl, server to server). CORS does not apply. */
  | { kind: 'none' }
  /** Same host as the request: the page lives on this site. */
  | { kind: 'same-origin'; origin: string }
  | { kind: 'allowed'; origin: string; anyOrigin: boolean }
  | { kind: 'refused'; origin: string };

function normalizeOrigin(origin: string): string {
  return origin.trim().replace(/\/+$/, '').toLowerCase();
}

export function validateAllowedOrigins(value: unknown, who: string): AllowedOrigins | undefined {
  if (value === undefined) return undefined;
  if (value === '*' || typeof value === 'function') return value as AllowedOrigins;
  if (typeof value === 'string') return validateAllowedOrigins([value], who);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || v instanceof RegExp)) {
    for (const v of value) {
      if (typeof v === 'string' && v !== '*' && !/^https?:\/\/[^/]+\/?$/i.test(v.trim())) {
        throw new Error(`${who}: allowedOrigins entry "${v}" is not an origin; write it as scheme and host, e.g. "https://example.com".`);
      }
    }
    return value;
  }
  throw new Error(`${who}: allowedOrigins must be "*", an array of origins or RegExps, or a function.`);
}

/**
 * The last entry of a header a proxy appends to (`X-Forwarded-For`, `X-Forwarded-Host`): the one the trusted proxy
 * wrote. Every entry before it came from the client, which can write anything there. Both headers are read from
 * this same end, so the address and the host a decision rests on come from the same hop.
 */
export function lastForwarded(header: HeaderGetter, name: string): string | undefined {
  return header(name)?.split(',').map((entry) => entry.trim()).filter(Boolean).pop();
}

function requestHost(header: HeaderGetter, trustProxy: boolean): string | undefined {
  const host = (trustProxy ? lastForwarded(header, 'x-forwarded-host') : undefined) ?? header('host');
  return host?.trim().toLowerCase();
}

function listed(allowed: ReadonlyArray<string | RegExp>, header: string): 'any' | 'listed' | undefined {
  const origin = normalizeOrigin(header);
  for (const entry of allowed) {
    if (entry === '*') return 'any';
    if (typeof entry === 'string' ? normalizeOrigin(entry) === origin : entry.test(header)) return 'listed';
  }
  return undefined;
}

/**
 * Without allowedOrigins only the site itself may call (Origin host equals the Host header), which is the safe
 * default for a token endpoint: another site could otherwise use a logged-in visitor's cookies to mint tokens.
 */
export function judgeOrigin(header: HeaderGetter, allowed: AllowedOrigins | undefined, trustProxy: boolean): OriginVerdict {
  const origin = header('origin');
  if (origin === undefined || origin === '') return { kind: 'none' };
  if (allowed === '*') return { kind: 'allowed', origin, anyOrigin: true };
  if (typeof allowed === 'function') {
    return allowed(origin) ? { kind: 'allowed', origin, anyOrigin: false } : { kind: 'refused', origin };
  }
  const match = allowed ? listed(allowed, origin) : undefined;
  if (match) return { kind: 'allowed', origin, anyOrigin: match === 'any' };
  let originHost: string;
  try {
    originHost = new URL(normalizeOrigin(origin)).host;
  } catch {
    return { kind: 'refused', origin };
  }
  const host = requestHost(header, trustProxy);
  return host && originHost === host ? { kind: 'same-origin', origin } : { kind: 'refused', origin };
}

export function corsHeaders(verdict: OriginVerdict): Record<string, string> {
  // A refused origin may read the refusal, and nothing else: no credentials, and every request of it is refused.
  // Without this the page cannot read the 403, and takes it for a network outage.
  if (verdict.kind === 'refused') return { 'Access-Control-Allow-Origin': verdict.origin, Vary: 'Origin' };
  if (verdict.kind !== 'allowed') return {};
  if (verdict.anyOrigin) return { 'Access-Control-Allow-Origin': '*' };
  // A listed origin may send cookies, which is how a site's own login usually reaches authorize().
  return { 'Access-Control-Allow-Origin': verdict.origin, 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin' };
}

/**
 * The answer to a CORS preflight: which methods (`methods`, as in `Allow`) and headers the page may use, for ten
 * minutes. A refused origin's preflight passes too, uncached: its request then gets the 403 that says why, instead of
 * a preflight failure the page can only see as "network error".
 */
export function preflightHeaders(verdict: OriginVerdict, header: HeaderGetter, methods: string): Record<string, string> {
  const headers: Record<string, string> = { ...corsHeaders(verdict), Allow: methods };
  if (verdict.kind !== 'allowed' && verdict.kind !== 'refused') return headers;
  const requested = header('access-control-request-headers');
  return {
    ...headers,
    'Access-Control-Allow-Methods': methods,
    'Access-Control-Allow-Headers': requested || 'Content-Type, Authorization',
    ...(verdict.kind === 'allowed' ? { 'Access-Control-Max-Age': '600' } : {}),
  };
}
