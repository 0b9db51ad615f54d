// How often progress reaches the screen. `upload-progress` fires for every progress report of the browser (every
// 50 ms per request in Chromium, every few KiB in WebKit, several requests at once with parallel parts), and each
// would render the element, change its numbers and lay out its text. The bar follows the latest figure once per
// animation frame (FrameRender, here); the numbers (percent, speed, time left) change at most ten times a second
// (Paced, in paced.ts, with the list), the rate people can read them at. The events themselves fire as they come:
// they are the page's.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** A hidden page runs no animation frames: a render still comes after this long, so the element is current when shown. */
const NO_FRAME_MS = 250;

/**
 * Renders the host at its next animation frame, however many times it is asked before then: for progress, which can
 * come many times a frame. A render for any other reason shows the latest progress too, and takes the place of the
 * frame's.
 */
export class FrameRender implements ReactiveController {
  #frame = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #asked: Promise<void> | undefined;
  #done: (() => void) | undefined;

  readonly #host: ReactiveControllerHost;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  /** A render at the next frame. */
  request(): void {
    if (this.#asked) return;
    this.#asked = new Promise((resolve) => (this.#done = resolve));
    this.#frame = requestAnimationFrame(this.#render);
    this.#timer = setTimeout(this.#render, NO_FRAME_MS);
  }

  /** While a frame's render is waited for: resolves once it has been asked of the host. */
  get pending(): Promise<void> | undefined {
    return this.#asked;
  }

  hostUpdate(): void {
    this.#settle();
  }

  hostDisconnected(): void {
    this.#settle();
  }

  readonly #render = (): void => {
    this.#settle();
    this.#host.requestUpdate();
  };

  #settle(): void {
    if (!this.#asked) return;
    cancelAnimationFrame(this.#frame);
    clearTimeout(this.#timer);
    this.#done!();
    this.#asked = this.#done = this.#timer = undefined;
    this.#frame = 0;
  }
}
