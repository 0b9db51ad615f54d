import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, problems } from './problems.js';
import { enumParam, intParam, sendJson, sendNoContent } from './http.js';
import { isId } from './ids.js';
import { paginate } from './paging.js';
import { tokenJson, type UploadTokenRecord } from './state.js';
import type { Context } from './context.js';

export const MAX_TTL = 2147483647;

/** `ttl`: an integer number of seconds, 0 (never expires) to 2147483647. Strings, decimals and the rest are refused. */
export function parseTtl(body: Record<string, unknown>): number {
  const ttl = body.ttl;
  if (ttl === undefined || ttl === null) return 0;
  if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 0 || ttl > MAX_TTL) {
    throw new HttpError(problems.invalidAttribute('ttl', `ttl must be an integer number of seconds between 0 and ${MAX_TTL}.`));
  }
  return ttl;
}

export function findToken(ctx: Context, token: string): UploadTokenRecord {
  const record = isId('to', token) ? ctx.state.activeToken(token) : undefined;
  if (!record) throw new HttpError(problems.notFound('uploadToken'));
  return record;
}

export function createUploadToken(res: ServerResponse, ctx: Context, body: Record<string, unknown>): void {
  sendJson(res, 200, tokenJson(ctx.state.createToken(parseTtl(body))));
}

export function listUploadTokens(req: IncomingMessage, res: ServerResponse, ctx: Context, params: URLSearchParams): void {
  const sortBy = enumParam(params, 'sortBy', ['createdAt', 'ttl'] as const) ?? 'createdAt';
  const sortOrder = enumParam(params, 'sortOrder', ['asc', 'desc'] as const) ?? 'asc';
  const currentPage = intParam(params, 'currentPage', 1, 1, Number.MAX_SAFE_INTEGER);
  const pageSize = intParam(params, 'pageSize', 25, 1, 100);
  const sign = sortOrder === 'asc' ? 1 : -1;
  const active = [...ctx.state.tokens.values()].filter((t) => !t.deleted && !ctx.state.isExpired(t));
  // Insertion order breaks ties, so equal createdAt (same second) keeps creation order.
  const indexed = active.map((t, i) => ({ t, i }));
  indexed.sort((a, b) => (a.t[sortBy] - b.t[sortBy] || a.i - b.i) * sign);
  const base = ctx.baseUrl(req);
  sendJson(res, 200, paginate(indexed.map((x) => x.t), currentPage, pageSize, `${base}/upload-tokens`, params, tokenJson));
}

export function getUploadToken(res: ServerResponse, ctx: Context, token: string): void {
  sendJson(res, 200, tokenJson(findToken(ctx, token)));
}

export function deleteUploadToken(res: ServerResponse, ctx: Context, token: string): void {
  findToken(ctx, token).deleted = true;
  sendNoContent(res);
}
