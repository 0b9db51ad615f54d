// api.video counts upload requests per minute for the whole account: a 429 on any request means every request of the
// page would get one too. So all the page's uploads, and all parts side by side, wait at one gate while it is closed.
import { abortableDelay, type Wait } from './abortable-delay.js';

export class RateGate {
  #openAt = 0;

  readonly #now: () => number;
  readonly #wait: Wait;

  /** `now` and `wait` are the clock the gate keeps time by: real unless a test gives one that does not wait. */
  constructor(now: () => number = () => Date.now(), wait: Wait = abortableDelay) {
    this.#now = now;
    this.#wait = wait;
  }

  /** Keeps the gate closed for `ms` from now (a later opening already set stands). */
  closeFor(ms: number): void {
    this.#openAt = Math.max(this.#openAt, this.#now() + ms);
  }

  /** How long until the gate opens; 0 when open. */
  get waitMs(): number {
    return Math.max(0, this.#openAt - this.#now());
  }

  /** Resolves once the gate is open, or at once when `signal` aborts. */
  async pass(signal: AbortSignal): Promise<void> {
    while (!signal.aborted && this.waitMs > 0) await this.#wait(this.waitMs, signal);
  }
}

/** The page's one gate: every session uses it unless given its own. */
export const pageRateGate = new RateGate();
