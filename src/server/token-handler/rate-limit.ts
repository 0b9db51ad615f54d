import type { IncomingMessage } from 'node:http';

export interface RateLimitOptions {
  /** Requests a client may make per window (default 30). */
  max?: number;
  /** Window length in milliseconds (default 60000: "per minute"). */
  windowMs?: number;
  /** What identifies a client (default: its IP address). */
  key?: (req: IncomingMessage) => string;
}

export const DEFAULT_REQUESTS_PER_MINUTE = 30;

export type RateLimitDecision =
  | { allowed: true; limit: number; remaining: number }
  | { allowed: false; limit: number; retryAfterSeconds: number };

interface Window {
  startedAt: number;
  count: number;
}

/** A fixed window per client; stale windows are swept as the map grows, so no timer keeps the process alive. */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    readonly max: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  take(key: string): RateLimitDecision {
    const now = this.now();
    if (this.windows.size > 10_000) this.sweep(now);
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= this.windowMs) {
      window = { startedAt: now, count: 0 };
      this.windows.set(key, window);
    }
    if (window.count >= this.max) {
      const retryAfterSeconds = Math.max(1, Math.ceil((window.startedAt + this.windowMs - now) / 1000));
      return { allowed: false, limit: this.max, retryAfterSeconds };
    }
    window.count += 1;
    return { allowed: true, limit: this.max, remaining: this.max - window.count };
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) {
      if (now - window.startedAt >= this.windowMs) this.windows.delete(key);
    }
  }
}

export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return req.socket.remoteAddress ?? 'unknown';
}

export function createRateLimiter(
  option: number | false | RateLimitOptions | undefined,
  trustProxy: boolean,
): { limiter: RateLimiter; key: (req: IncomingMessage) => string } | undefined {
  if (option === false) return undefined;
  const settings: RateLimitOptions = typeof option === 'number' ? { max: option } : (option ?? {});
  const max = settings.max ?? DEFAULT_REQUESTS_PER_MINUTE;
  const windowMs = settings.windowMs ?? 60_000;
  if (!Number.isInteger(max) || max < 1) {
    throw new Error(
      `createUploadTokenHandler: rateLimit must be a whole number of requests per minute of at least 1, or false to turn it off (got ${String(max)}).`,
    );
  }
  if (!Number.isFinite(windowMs) || windowMs < 1000) {
    throw new Error(`createUploadTokenHandler: rateLimit.windowMs must be at least 1000 ms (got ${String(windowMs)}).`);
  }
  if (settings.key !== undefined && typeof settings.key !== 'function') {
    throw new Error('createUploadTokenHandler: rateLimit.key must be a function (req) => string.');
  }
  return { limiter: new RateLimiter(max, windowMs), key: settings.key ?? ((req) => clientAddress(req, trustProxy)) };
}
