import type { IncomingMessage } from 'node:http';

/** Which pages may ask for tokens: a list of origins ("https://example.com") or patterns, any ("*"), or a test. */
export type AllowedOrigins = '*' | ReadonlyArray<string | RegExp> | ((origin: string) => boolean);

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

export function validateAllowedOrigins(value: unknown): AllowedOrigins | undefined {
  if (value === undefined) return undefined;
  if (value === '*' || typeof value === 'function') return value as AllowedOrigins;
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || v instanceof RegExp)) {
    for (const v of value) {
      if (typeof v === 'string' && v !== '*' && !/^https?:\/\/[^/]+\/?$/i.test(v.trim())) {
        throw new Error(
          `createUploadTokenHandler: allowedOrigins entry "${v}" is not an origin; write it as scheme and host, e.g. "https://example.com".`,
        );
      }
    }
    return value;
  }
  throw new Error('createUploadTokenHandler: allowedOrigins must be "*", an array of origins or RegExps, or a function.');
}

function requestHost(req: IncomingMessage, trustProxy: boolean): string | undefined {
  const forwarded = trustProxy ? req.headers['x-forwarded-host'] : undefined;
  const host = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0] ?? req.headers.host;
  return host?.trim().toLowerCase();
}

/**
 * Without allowedOrigins only the site itself may call (Origin host equals the Host header), which is the safe
 * default for a token endpoint: another site could otherwise use a logged-in visitor's cookies to mint tokens.
 */
export function judgeOrigin(req: IncomingMessage, allowed: AllowedOrigins | undefined, trustProxy: boolean): OriginVerdict {
  const header = req.headers.origin;
  if (header === undefined || header === '') return { kind: 'none' };
  const origin = normalizeOrigin(header);
  if (allowed === '*') return { kind: 'allowed', origin: header, anyOrigin: true };
  if (typeof allowed === 'function') {
    return allowed(header) ? { kind: 'allowed', origin: header, anyOrigin: false } : { kind: 'refused', origin: header };
  }
  if (allowed) {
    for (const entry of allowed) {
      if (entry === '*') return { kind: 'allowed', origin: header, anyOrigin: true };
      if (typeof entry === 'string' ? normalizeOrigin(entry) === origin : entry.test(header)) {
        return { kind: 'allowed', origin: header, anyOrigin: false };
      }
    }
  }
  let originHost: string | undefined;
  try {
    originHost = new URL(origin).host;
  } catch {
    return { kind: 'refused', origin: header };
  }
  const host = requestHost(req, trustProxy);
  if (host && originHost === host) return { kind: 'same-origin', origin: header };
  return { kind: 'refused', origin: header };
}

export function corsHeaders(verdict: OriginVerdict): Record<string, string> {
  if (verdict.kind !== 'allowed') return {};
  if (verdict.anyOrigin) return { 'Access-Control-Allow-Origin': '*' };
  // A listed origin may send cookies, which is how a site's own login usually reaches authorize().
  return { 'Access-Control-Allow-Origin': verdict.origin, 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin' };
}
