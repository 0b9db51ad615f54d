// The upload engine (upload-code.ts), fetched with a dynamic `import()` at the first sign that a visitor means to
// upload (the pointer over the element, the focus in it, a drag over it, a file given, `upload()`,
// `startRecording()`), or once the page is idle after its `load` event, whichever comes first: a page pays for the
// upload only when it is about to be used, and a visitor who picks a file rarely waits for it. A file given before it
// arrives waits for it; a failed fetch is the visitor's to try again (OnDemand's "Try again").
import type { ReactiveController, ReactiveControllerHost, TemplateResult, nothing } from 'lit';
import { OnDemand } from './on-demand.js';
import type { Strings } from './strings.js';

export type UploadCode = typeof import('./upload-code.js');

/**
 * When the engine is fetched without intent. `schedule` runs `fetch` once the page has loaded and is idle
 * (`requestIdleCallback`, or a short timeout where there is none), and returns what calls it off. Tests replace it to
 * hold the fetch back.
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
    if (document.readyState === 'complete') {
      whenIdle();
    } else {
      window.addEventListener('load', whenIdle, { once: true });
      cancel = () => window.removeEventListener('load', whenIdle);
    }
    return () => cancel();
  },
};

const INTENT = ['pointerenter', 'focusin', 'dragenter'] as const;

export class UploadEngineCode implements ReactiveController {
  private readonly code: OnDemand<UploadCode>;
  private cancelPrefetch?: () => void;

  /** `arrived` is called once the engine is there, after however many fetches. */
  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    arrived: () => void,
  ) {
    this.code = new OnDemand(host, 'upload', 'upload-code.js (the upload)', () => import('./upload-code.js'));
    void this.code.loaded.then(arrived);
    host.addController(this);
  }

  hostConnected(): void {
    if (this.code.value) return;
    for (const name of INTENT) this.host.addEventListener(name, this.want);
    this.cancelPrefetch = idlePrefetch.schedule(this.want);
  }

  hostDisconnected(): void {
    this.stopWatching();
  }

  /** The engine, once it arrived. */
  get value(): UploadCode | undefined {
    return this.code.value;
  }

  /** The fetch under way, if any. */
  get loading(): Promise<UploadCode> | undefined {
    return this.code.loading;
  }

  /** Resolves once the engine arrives, however many fetches that takes; starts no fetch itself. */
  get loaded(): Promise<UploadCode> {
    return this.code.loaded;
  }

  /** The engine, fetched if need be (even after a failure); rejects when this fetch fails. */
  load(): Promise<UploadCode> {
    return this.code.load();
  }

  /**
   * Fetches the engine unless it is there, on its way, or a fetch failed: then only the visitor's "Try again" fetches,
   * so that moving the pointer does not turn the sentence into "reload the page".
   */
  readonly want = (): void => {
    if (this.code.value || this.code.loading || this.code.failed) return;
    this.code.request();
    void this.code.loaded.then(() => this.stopWatching());
  };

  /** In place of the progress, once a fetch failed while `waiting` files wait for the engine. */
  failureView(strings: Strings, waiting: number): TemplateResult | typeof nothing | undefined {
    if (waiting === 0 || !this.code.failed) return undefined;
    return this.code.failureView(strings, waiting);
  }

  private stopWatching(): void {
    for (const name of INTENT) this.host.removeEventListener(name, this.want);
    this.cancelPrefetch?.();
    this.cancelPrefetch = undefined;
  }
}
