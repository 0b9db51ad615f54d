import type { IncomingMessage } from 'node:http';
import { randomBytes } from 'node:crypto';
import { HttpError, problems } from './problems.js';
import type { EmulatorState } from './state.js';

/**
 * Management routes accept `Authorization: Basic base64(apiKey + ":")` or a bearer token from /auth/api-key.
 * Throws the matching 401 otherwise.
 */
export function requireApiAuth(req: IncomingMessage, state: EmulatorState): void {
  const header = req.headers.authorization;
  if (!header) throw new HttpError(problems.missingAuthorization());
  const match = /^(Basic|Bearer)\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new HttpError(problems.invalidAuthorization());
  const [, scheme, value] = match;
  if (scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const apiKey = colon < 0 ? decoded : decoded.slice(0, colon);
    if (!apiKey) throw new HttpError(problems.invalidAuthorization());
    if (!state.apiKeys.has(apiKey)) throw new HttpError(problems.invalidApiKey());
    return;
  }
  const access = state.accessTokens.get(value);
  if (!access || access.expiresAt <= state.now() || !state.apiKeys.has(access.apiKey)) {
    throw new HttpError(problems.invalidAccessToken());
  }
}

function issue(state: EmulatorState, apiKey: string) {
  const accessToken = randomBytes(32).toString('base64url');
  const refreshToken = randomBytes(48).toString('hex');
  const ttl = state.config.accessTokenTtlSeconds;
  state.accessTokens.set(accessToken, { apiKey, expiresAt: state.now() + ttl * 1000 });
  state.refreshTokens.set(refreshToken, apiKey);
  return { token_type: 'Bearer', expires_in: ttl, access_token: accessToken, refresh_token: refreshToken };
}

export function authenticate(state: EmulatorState, body: Record<string, unknown>) {
  const apiKey = body.apiKey;
  if (typeof apiKey !== 'string' || !state.apiKeys.has(apiKey)) throw new HttpError(problems.invalidCredentials());
  return issue(state, apiKey);
}

/** A refresh token is single use: the pair it came with is replaced. */
export function refresh(state: EmulatorState, body: Record<string, unknown>) {
  const token = body.refreshToken;
  const apiKey = typeof token === 'string' ? state.refreshTokens.get(token) : undefined;
  if (typeof token !== 'string' || apiKey === undefined || !state.apiKeys.has(apiKey)) {
    throw new HttpError(problems.invalidCredentials());
  }
  state.refreshTokens.delete(token);
  return issue(state, apiKey);
}
