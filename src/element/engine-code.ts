// The upload, in two doors fetched side by side with a dynamic `import()` at the first sign that a visitor means to
// upload (the pointer over the element, the focus in it, a drag over it, a file given, `upload()`,
// `startRecording()`), or once the page is idle after its `load` event and a painted frame, whichever comes first:
// the list of uploads with the views of a file (list-code.ts), and the upload engine (upload-code.ts). A page pays for them only when they
// are about to be used, and a visitor who picks a file rarely waits for them. A file given before the list arrives
// waits for it; once in the list, it is checked, and waits for the engine in its turn. A failed fetch is the visitor's
// to try again (OnDemand's "Try again").
import type { ReactiveController, ReactiveControllerHost, TemplateResult, nothing } from 'lit';
import { OnDemand } from './on-demand.js';
import type { Strings } from './strings.js';

export type UploadCode = typeof import('./upload-code.js');
export type ListCode = typeof import('./list-code.js');

/**
 * When the list and the engine are fetched without intent. `schedule` runs `fetch` once the page has loaded, has
 * painted its next frame, and is idle (`requestIdleCallback`, or a short timeout where there is none), and returns
 * what calls it off. Tests replace it to hold the fetch back.
 */
export const idlePrefetch = {
  schedule(fetch: () => void): () => void {
    let cancel = (): void => undefined;
    const whenIdle = () => {
      if (typeof requestIdleCallback === 'function') {
        const id = requestIdleCallback(fetch, { timeout: 5_000 });
        cancel = () => cancelIdleCallback(id);
      } else {
        const id = setTimeout(fetch, 300);
        cancel = () => clearTimeout(id);
      }
    };
    // Right after `load` the main thread is idle before the page has painted: a fetch then, and the parsing of what it
    // brings, would hold the element's first paint back. A task posted from an animation frame runs once that frame is
    // painted. (Hidden, a page runs no frames: nothing is fetched until it shows, or until a sign of intent.)
    const afterPaint = () => {
      const frame = requestAnimationFrame(() => {
        const id = setTimeout(whenIdle);
        cancel = () => clearTimeout(id);
      });
      cancel = () => cancelAnimationFrame(frame);
    };
    if (document.readyState === 'complete') {
      afterPaint();
    } else {
      window.addEventListener('load', afterPaint, { once: true });
      cancel = () => window.removeEventListener('load', afterPaint);
    }
    return () => cancel();
  },
};

const INTENT = ['pointerenter', 'focusin', 'dragenter'] as const;

/** Each door once any element of the page has it: an element made later has it at once, as the page does. */
const onPage: { list?: ListCode; engine?: UploadCode } = {};

export class UploadEngineCode implements ReactiveController {
  /** The list of uploads and the views of a file: files given wait for it (`whenThere`). */
  readonly list: OnDemand<ListCode>;
  readonly #code: OnDemand<UploadCode>;
  #cancelPrefetch?: () => void;

  readonly #host: ReactiveControllerHost & HTMLElement;

  /**
   * `listArrived` and `engineArrived` are called once each is there, after however many fetches (a microtask later
   * when the page had it already: `list.value` is then set from the start).
   */
  constructor(
    host: ReactiveControllerHost & HTMLElement,
    listArrived: (code: ListCode) => void,
    engineArrived: () => void,
  ) {
    this.#host = host;
    this.#code = new OnDemand(
      host,
      'upload',
      'upload-code.js (the upload)',
      () => import('./upload-code.js').then((code) => (onPage.engine = code)),
      onPage.engine,
    );
    // A fetch of the list asks for the engine too, unless it is there or on its way: "Try again" after both failed
    // brings both.
    this.list = new OnDemand(
      host,
      'upload',
      'list-code.js (the upload)',
      () => {
        if (!this.#code.value && !this.#code.loading) this.#code.request();
        return import('./list-code.js').then((code) => (onPage.list = code));
      },
      onPage.list,
    );
    void this.list.loaded.then(listArrived);
    void this.#code.loaded.then(engineArrived);
    host.addController(this);
  }

  hostConnected(): void {
    if (this.#there) return;
    for (const name of INTENT) this.#host.addEventListener(name, this.want);
    this.#cancelPrefetch = idlePrefetch.schedule(this.want);
  }

  hostDisconnected(): void {
    this.#stopWatching();
  }

  /** The engine, once it arrived. */
  get value(): UploadCode | undefined {
    return this.#code.value;
  }

  /** Resolves once the engine arrives, however many fetches that takes; starts no fetch itself. */
  get loaded(): Promise<UploadCode> {
    return this.#code.loaded;
  }

  /** The engine, fetched if need be (even after a failure); rejects when this fetch fails. */
  load(): Promise<UploadCode> {
    return this.#code.load();
  }

  /** The list, fetched if need be (even after a failure, and the engine with it); rejects when this fetch fails. */
  loadList(): Promise<ListCode> {
    return this.list.load();
  }

  /**
   * Fetches the list and the engine unless each is there, on its way, or a fetch of it failed: then only the visitor's
   * "Try again" fetches, so that moving the pointer does not turn the sentence into "reload the page".
   */
  readonly want = (): void => {
    for (const code of [this.list, this.#code] as OnDemand<unknown>[]) {
      if (!code.value && !code.loading && !code.failed) code.request();
    }
    void Promise.all([this.list.loaded, this.#code.loaded]).then(() => this.#stopWatching());
  };

  /**
   * Once a fetch failed, in place of what files wait for: the list, for files given before it arrived; else the
   * engine, for the `waitingForEngine` files in the list whose turn came.
   */
  failureView(strings: Strings, waitingForEngine: number): TemplateResult | typeof nothing | undefined {
    if (this.list.waiting > 0 && this.list.failed) return this.list.failureView(strings);
    if (waitingForEngine === 0 || !this.#code.failed) return undefined;
    return this.#code.failureView(strings, waitingForEngine);
  }

  get #there(): boolean {
    return Boolean(this.list.value && this.#code.value);
  }

  #stopWatching(): void {
    for (const name of INTENT) this.#host.removeEventListener(name, this.want);
    this.#cancelPrefetch?.();
    this.#cancelPrefetch = undefined;
  }
}
