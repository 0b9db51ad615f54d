// How many tokens a client may ask for per window, through rate-limiter-flexible: in memory by default, or any of
// its limiters a site passes (RateLimiterRedis, RateLimiterPostgres, …), so that several instances of a site behind
// a load balancer share one budget per client.
//
// The memory limiter comes from its own file, not the library's index: the index loads every store it has, among
// them the cluster one, which needs Node's `cluster` and would keep the fetch door off edge runtimes.
import RateLimiterMemory from 'rate-limiter-flexible/lib/RateLimiterMemory.js';

/**
 * What the handler uses of a limiter: any rate-limiter-flexible limiter, of this package's copy of the library or of
 * the site's own at another version (their classes differ, their shapes do not).
 */
export interface RateLimiterLike {
  points: number;
  duration: number;
  consume(key: string): Promise<{ remainingPoints: number }>;
}

export interface RateLimitOptions<R> {
  /** Requests a client may make per window (default 30). Not with `limiter`: set its `points` instead. */
  max?: number;
  /** Window length in milliseconds (default 60000: "per minute"). Not with `limiter`: set its `duration` instead. */
  windowMs?: number;
  /** What identifies a client (default: its IP address, IPv6 by /56 network). */
  key?: (request: R) => string;
  /**
   * A rate-limiter-flexible limiter holding the counts, e.g. `new RateLimiterRedis({ storeClient, points: 30,
   * duration: 60 })` for a limit shared by every instance of the site. Default: a RateLimiterMemory in this process.
   */
  limiter?: RateLimiterLike;
}

export const DEFAULT_REQUESTS_PER_MINUTE = 30;

export type RateDecision =
  | { allowed: true; limit: number; remaining: number }
  | { allowed: false; limit: number; retryAfterSeconds: number }
  /** The store could not be asked (Redis down): refused, as nothing can be known about the client. */
  | { allowed: false; limit: number; storeError: string };

export interface RateLimit<R> {
  limit: number;
  windowSeconds: number;
  /** The client key for a request, given the address the front door knows; undefined when nothing tells clients apart. */
  key(request: R, address: string | undefined): string | undefined;
  take(key: string): Promise<RateDecision>;
}

function settingsOf<R>(option: number | RateLimitOptions<R> | undefined, who: string): RateLimitOptions<R> {
  const settings: RateLimitOptions<R> = typeof option === 'number' ? { max: option } : (option ?? {});
  if (typeof settings !== 'object') throw new Error(`${who}: rateLimit must be a number, an object or false.`);
  if (settings.key !== undefined && typeof settings.key !== 'function') {
    throw new Error(`${who}: rateLimit.key must be a function (request) => string.`);
  }
  if (settings.limiter && (settings.max !== undefined || settings.windowMs !== undefined)) {
    throw new Error(`${who}: with rateLimit.limiter, set the limit on the limiter itself (points, duration), not max or windowMs.`);
  }
  return settings;
}

function memoryLimiter(max: number, windowMs: number, who: string): RateLimiterMemory {
  if (!Number.isInteger(max) || max < 1) {
    throw new Error(`${who}: rateLimit must be a whole number of requests per minute of at least 1, or false to turn it off (got ${String(max)}).`);
  }
  if (!Number.isFinite(windowMs) || windowMs < 1000) {
    throw new Error(`${who}: rateLimit.windowMs must be at least 1000 ms (got ${String(windowMs)}).`);
  }
  return new RateLimiterMemory({ points: max, duration: windowMs / 1000 });
}

export function createRateLimit<R>(option: number | false | RateLimitOptions<R> | undefined, who: string): RateLimit<R> | undefined {
  if (option === false) return undefined;
  const settings = settingsOf(option, who);
  const limiter =
    settings.limiter ?? memoryLimiter(settings.max ?? DEFAULT_REQUESTS_PER_MINUTE, settings.windowMs ?? 60_000, who);
  if (typeof limiter.consume !== 'function' || !(limiter.points >= 1)) {
    throw new Error(`${who}: rateLimit.limiter must be a rate-limiter-flexible limiter with at least 1 point.`);
  }
  const limit = limiter.points;
  return {
    limit,
    windowSeconds: limiter.duration,
    key: (request, address) => (settings.key ? settings.key(request) : address ? clientKey(address) : undefined),
    async take(key) {
      try {
        const res = await limiter.consume(key);
        return { allowed: true, limit, remaining: Math.max(0, res.remainingPoints) };
      } catch (refusal) {
        // The library rejects with its result when the client is over the limit, and with an Error when the store fails.
        if (isLimiterResult(refusal)) {
          return { allowed: false, limit, retryAfterSeconds: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)) };
        }
        return { allowed: false, limit, storeError: refusal instanceof Error ? refusal.message : String(refusal) };
      }
    },
  };
}

/**
 * A RateLimiterRes told by its shape, not by `instanceof`: a site's limiter made with its own copy of the library
 * rejects with that copy's class, and taking its refusal for a store failure would answer 503 instead of 429.
 */
function isLimiterResult(value: unknown): value is { msBeforeNext: number; remainingPoints: number } {
  if (!value || typeof value !== 'object' || value instanceof Error) return false;
  const result = value as { msBeforeNext?: unknown; remainingPoints?: unknown };
  return typeof result.msBeforeNext === 'number' && Number.isFinite(result.msBeforeNext) && typeof result.remainingPoints === 'number';
}

/**
 * The budget a client address draws on. An IPv6 client usually holds a whole network (a /64 at least, often a /56
 * or a /48) and can pick a new address per request, so IPv6 addresses count by their /56 network.
 */
export function clientKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!address.includes(':')) return address;
  const groups = expandIpv6(address.split('%')[0]!);
  if (!groups) return address;
  // 56 bits: three whole groups and the high byte of the fourth.
  return `${groups.slice(0, 3).join(':')}:${groups[3]!.slice(0, 2)}00::/56`;
}

/** The eight groups of an IPv6 address, four hex digits each; undefined for what is not one. */
function expandIpv6(address: string): string[] | undefined {
  const halves = address.toLowerCase().split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 2 && missing < 1) || (halves.length === 1 && missing !== 0)) return undefined;
  const groups = [...head, ...Array<string>(Math.max(0, missing)).fill('0'), ...tail];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return undefined;
  return groups.map((g) => g.padStart(4, '0'));
}
