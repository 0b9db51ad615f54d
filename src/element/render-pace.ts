// How often progress reaches the screen. `upload-progress` fires for every progress report of the browser (every
// 50 ms per request in Chromium, every few KiB in WebKit, several requests at once with parallel parts), and each
// would render the element, change its numbers and lay out its text. The bar follows the latest figure once per
// animation frame (FrameRender); the numbers (percent, speed, time left) change at most ten times a second (Paced),
// the rate people can read them at. The events themselves fire as they come: they are the page's.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The numbers' text changes at most once in this many milliseconds. */
export const TEXT_INTERVAL_MS = 100;

/** A hidden page runs no animation frames: a render still comes after this long, so the element is current when shown. */
const NO_FRAME_MS = 250;

/**
 * A value shown as text, changed at most once every `intervalMs`: a value offered once the interval has passed is
 * shown at once; values offered within it wait for its end, and the latest of them is shown then (`caughtUp` is told,
 * to render it). So the text never changes faster than the interval and never stays behind the value for longer.
 */
export class Paced<T> {
  private held: T | undefined;
  private latest: T | undefined;
  private shownAt = -Infinity;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly caughtUp: () => void,
    private readonly intervalMs = TEXT_INTERVAL_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The value to show now. */
  get value(): T | undefined {
    return this.held;
  }

  offer(value: T): void {
    this.latest = value;
    const wait = this.shownAt + this.intervalMs - this.now();
    if (wait <= 0) {
      this.show();
      return;
    }
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.show();
      this.caughtUp();
    }, wait);
  }

  /** Shows the latest value now: something else changed on screen (a pause, a part stored), and the numbers go with it. */
  flush(): void {
    this.stopTimer();
    if (this.held !== this.latest) this.show();
  }

  /** Forgets every value: a new upload starts from nothing. */
  reset(): void {
    this.stopTimer();
    this.held = this.latest = undefined;
    this.shownAt = -Infinity;
  }

  private show(): void {
    this.held = this.latest;
    this.shownAt = this.now();
  }

  private stopTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/**
 * Renders the host at its next animation frame, however many times it is asked before then: for progress, which can
 * come many times a frame. A render for any other reason shows the latest progress too, and takes the place of the
 * frame's.
 */
export class FrameRender implements ReactiveController {
  private frame = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private asked: Promise<void> | undefined;
  private done: (() => void) | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** A render at the next frame. */
  request(): void {
    if (this.asked) return;
    this.asked = new Promise((resolve) => (this.done = resolve));
    this.frame = requestAnimationFrame(this.render);
    this.timer = setTimeout(this.render, NO_FRAME_MS);
  }

  /** While a frame's render is waited for: resolves once it has been asked of the host. */
  get pending(): Promise<void> | undefined {
    return this.asked;
  }

  hostUpdate(): void {
    this.settle();
  }

  hostDisconnected(): void {
    this.settle();
  }

  private readonly render = (): void => {
    this.settle();
    this.host.requestUpdate();
  };

  private settle(): void {
    if (!this.asked) return;
    cancelAnimationFrame(this.frame);
    clearTimeout(this.timer);
    this.done!();
    this.asked = this.done = this.timer = undefined;
    this.frame = 0;
  }
}
