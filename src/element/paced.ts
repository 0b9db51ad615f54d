// The pace of the numbers an upload shows (percent, speed, time left): at most ten times a second, the rate people
// can read them at, however often progress is reported. The bar follows every frame (render-pace.ts).

/** The numbers' text changes at most once in this many milliseconds. */
export const TEXT_INTERVAL_MS = 100;

/**
 * A value shown as text, changed at most once every `intervalMs`: a value offered once the interval has passed is
 * shown at once; values offered within it wait for its end, and the latest of them is shown then (`caughtUp` is told,
 * to render it). So the text never changes faster than the interval and never stays behind the value for longer.
 */
export class Paced<T> {
  #held: T | undefined;
  #latest: T | undefined;
  #shownAt = -Infinity;
  #timer: ReturnType<typeof setTimeout> | undefined;

  readonly #caughtUp: () => void;
  readonly #intervalMs: number;
  readonly #now: () => number;

  constructor(caughtUp: () => void, intervalMs = TEXT_INTERVAL_MS, now: () => number = () => performance.now()) {
    this.#caughtUp = caughtUp;
    this.#intervalMs = intervalMs;
    this.#now = now;
  }

  /** The value to show now. */
  get value(): T | undefined {
    return this.#held;
  }

  offer(value: T): void {
    this.#latest = value;
    const wait = this.#shownAt + this.#intervalMs - this.#now();
    if (wait <= 0) {
      this.#show();
      return;
    }
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      this.#show();
      this.#caughtUp();
    }, wait);
  }

  /** Shows the latest value now: something else changed on screen (a pause, a part stored), and the numbers go with it. */
  flush(): void {
    this.#stopTimer();
    if (this.#held !== this.#latest) this.#show();
  }

  /** Forgets every value: a new upload starts from nothing. */
  reset(): void {
    this.#stopTimer();
    this.#held = this.#latest = undefined;
    this.#shownAt = -Infinity;
  }

  #show(): void {
    this.#held = this.#latest;
    this.#shownAt = this.#now();
  }

  #stopTimer(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
