import type { ServerResponse } from 'node:http';
import { HttpError, problems } from './problems.js';
import type { EmulatorState } from './state.js';

/**
 * api.video's per-minute rate limit, off unless `rateLimitPerMinute` > 0. When on, every API answer carries the
 * X-RateLimit-* headers and requests past the limit get 429 until the minute (on the emulator's clock) is over.
 */
export class RateLimit {
  private windowStart = 0;
  private used = 0;
  /** The state's reset count this window belongs to: a reset of the emulator starts the count over. */
  private generation = 0;

  constructor(private readonly state: EmulatorState) {}

  take(res: ServerResponse): void {
    const limit = this.state.config.rateLimitPerMinute;
    if (!limit) return;
    if (this.generation !== this.state.generation) {
      this.generation = this.state.generation;
      this.windowStart = 0;
      this.used = 0;
    }
    const now = this.state.now();
    if (now - this.windowStart >= 60_000) {
      this.windowStart = now;
      this.used = 0;
    }
    const retryAfter = String(Math.max(1, Math.ceil((this.windowStart + 60_000 - now) / 1000)));
    res.setHeader('X-RateLimit-Limit', String(limit));
    if (this.used >= limit) {
      res.setHeader('X-RateLimit-Remaining', '0');
      res.setHeader('X-RateLimit-Retry-After', retryAfter);
      throw new HttpError(problems.tooManyRequests());
    }
    this.used += 1;
    res.setHeader('X-RateLimit-Remaining', String(limit - this.used));
    res.setHeader('X-RateLimit-Retry-After', retryAfter);
  }
}
