import type { UploadTokenJson } from '../api-video/index.js';

/** "2026-11-28 10:00:53 UTC": absolute, unambiguous, and the same on every machine. */
export function formatInstant(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, ' UTC');
}

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const days = Math.floor(s / 86400);
  const hours = Math.floor((s % 86400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const secs = s % 60;
  const parts: string[] = [];
  if (days) parts.push(`${days}d`);
  if (hours) parts.push(`${hours}h`);
  if (minutes && !days) parts.push(`${minutes}m`);
  if (secs && !days && !hours) parts.push(`${secs}s`);
  return parts.length ? parts.join(' ') : '0s';
}

export function expiry(token: UploadTokenJson, now: number): { expires: string; left: string } {
  if (token.ttl === 0 || !token.expiresAt) return { expires: 'never', left: 'never' };
  const at = new Date(token.expiresAt).getTime();
  if (Number.isNaN(at)) return { expires: token.expiresAt, left: '?' };
  const left = (at - now) / 1000;
  return { expires: formatInstant(token.expiresAt), left: left <= 0 ? 'expired' : formatDuration(left) };
}

export function formatTtl(ttl: number): string {
  return ttl === 0 ? '0 (never expires)' : `${ttl} s (${formatDuration(ttl)})`;
}

export function tokenDetails(token: UploadTokenJson, now: number): string {
  const { expires, left } = expiry(token, now);
  const rows: [string, string][] = [
    ['Token', token.token],
    ['TTL', formatTtl(token.ttl)],
    ['Created', formatInstant(token.createdAt)],
    ['Expires', expires === 'never' ? 'never' : `${expires} (${left === 'expired' ? 'expired' : `in ${left}`})`],
  ];
  return rows.map(([k, v]) => `${k.padEnd(8)} ${v}`).join('\n');
}

export function tokenTable(tokens: UploadTokenJson[], now: number): string {
  const header = ['TOKEN', 'TTL', 'CREATED', 'EXPIRES', 'TIME LEFT'];
  const rows = tokens.map((t) => {
    const { expires, left } = expiry(t, now);
    return [t.token, String(t.ttl), formatInstant(t.createdAt), expires, left];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return [header, ...rows].map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}
