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

/** How many clients the limiter remembers at most; past it the oldest window is forgotten. */
export const MAX_TRACKED_CLIENTS = 10_000;

/**
 * A fixed window per client. No timer keeps the process alive: stale windows are swept as the map fills, and the map
 * never holds more than `maxClients` (the oldest window goes first), so a flood of new addresses cannot exhaust memory.
 * Windows are kept in the order they started: a renewed window is moved to the end.
 */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    readonly max: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxClients: number = MAX_TRACKED_CLIENTS,
  ) {}

  /** How many clients are remembered now. */
  get size(): number {
    return this.windows.size;
  }

  take(key: string): RateLimitDecision {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= this.windowMs) {
      this.windows.delete(key);
      if (this.windows.size >= this.maxClients) this.makeRoom(now);
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

  private makeRoom(now: number): void {
    for (const [key, window] of this.windows) {
      if (this.windows.size < this.maxClients && now - window.startedAt < this.windowMs) return;
      this.windows.delete(key);
    }
  }
}

/**
 * The client's address. Behind a trusted proxy it is the last X-Forwarded-For entry, the one that proxy added:
 * every entry before it came from the client, which can write anything there.
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers['x-forwarded-for'];
    const joined = Array.isArray(forwarded) ? forwarded.join(',') : forwarded;
    const last = joined?.split(',').map((entry) => entry.trim()).filter(Boolean).pop();
    if (last) return last;
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
