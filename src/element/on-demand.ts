// Code the element fetches on first use with a dynamic `import()` (the upload engine, the queue of `multiple`, the
// recording panel), and what it shows when that fetch fails: a dropped connection, or a deploy that removed the old chunk.
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { OnDemandCode, Strings } from './strings.js';

/**
 * One piece of code fetched on first use. Fetched once while it is on its way or there; a failed fetch is forgotten,
 * so the next use fetches again, and its failure is kept for the render until then. Each outcome renders the host
 * again. Files given before the code arrives wait for it (`whenThere`).
 */
export class OnDemand<T> {
  /** The code, once it arrived. */
  value?: T;
  /** The fetch under way, if any. */
  loading?: Promise<T>;
  /** Files given while the code is not there, waiting for it. */
  waiting = 0;
  /** Fetches that failed since the last success. */
  #failures = 0;
  /** Bumped by `forget()`: files still waiting then are dropped. */
  #resets = 0;
  readonly #arrived: Promise<T>;
  #resolveArrived!: (value: T) => void;

  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #code: OnDemandCode;
  readonly #file: string;
  readonly #fetch: () => Promise<T>;

  /**
   * `file` names the code in the developer's console warning, `code` in the visitor's sentence. `known`: the code,
   * when the page already has it (another element fetched it).
   */
  constructor(
    host: ReactiveControllerHost & HTMLElement,
    code: OnDemandCode,
    file: string,
    fetch: () => Promise<T>,
    known?: T,
  ) {
    this.#host = host;
    this.#code = code;
    this.#file = file;
    this.#fetch = fetch;
    this.#arrived = new Promise((resolve) => (this.#resolveArrived = resolve));
    if (known !== undefined) {
      this.value = known;
      this.#resolveArrived(known);
    }
  }

  /** The code, fetched if need be; rejects when this fetch fails (the failure is warned and rendered). */
  load(): Promise<T> {
    if (this.value !== undefined) return Promise.resolve(this.value);
    this.loading ??= this.#fetch().then(
      (value) => {
        this.value = value;
        this.loading = undefined;
        this.#failures = 0;
        this.#resolveArrived(value);
        this.#host.requestUpdate();
        return value;
      },
      (error: unknown) => {
        this.loading = undefined;
        this.#failures++;
        console.warn(`<${this.#host.localName}> ${this.#file} could not be loaded:`, error);
        this.#host.requestUpdate();
        throw error;
      },
    );
    return this.loading;
  }

  /** Fetches if need be, for a caller that does not wait: a failure is on screen and in the console already. */
  request(): void {
    this.load().catch(() => undefined);
  }

  /**
   * Runs `then` (which takes `count` files in) at once when the code is there, else once it arrives, however many
   * fetches that takes, unless the files were forgotten meanwhile. Starts no fetch itself: after a failure, the
   * visitor's "Try again" does.
   */
  whenThere<R>(count: number, then: (value: T) => R | Promise<R>): Promise<R | undefined> {
    if (this.value !== undefined) return Promise.resolve(then(this.value));
    const resets = this.#resets;
    this.waiting += count;
    this.#host.requestUpdate();
    return this.#arrived.then((value) => {
      // Forgotten meanwhile (a reset): these files went with the rest.
      if (resets !== this.#resets) return undefined;
      this.waiting -= count;
      return then(value);
    });
  }

  /** Drops the files waiting for the code. */
  forget(): void {
    this.#resets++;
    this.waiting = 0;
    this.#host.requestUpdate();
  }

  /**
   * "Try again". When that fetch fails too, the button is gone from the new sentence: the keyboard's focus, if it was
   * on the button, moves to the sentence rather than falling back to the page.
   */
  readonly #retry = (event: Event): void => {
    const focused = (event.currentTarget as HTMLElement).matches(':focus');
    this.load().catch(async () => {
      await this.#host.updateComplete;
      if (focused) this.#host.shadowRoot?.querySelector<HTMLElement>('[part~="load-error"]')?.focus();
    });
  };

  /** A fetch failed since the last success (or since the start). */
  get failed(): boolean {
    return this.#failures > 0 && this.value === undefined;
  }

  /** Resolves once the code arrives, after however many failed fetches; never rejects. Starts no fetch itself. */
  get loaded(): Promise<T> {
    return this.#arrived;
  }

  /**
   * In place of the code, once a fetch failed: the visitor's sentence and "Try again", which fetches again. Firefox
   * remembers a module that failed to fetch for the page's life and never asks the server for it again (Chromium and
   * WebKit do ask, as the HTML standard now says): once a second fetch failed too, the sentence says to reload the page,
   * with no button. `waiting` files were given meanwhile: added once the code arrives, to give again after a reload.
   */
  failureView(strings: Strings, waiting = this.waiting): TemplateResult | typeof nothing {
    if (this.#failures === 0 || this.value !== undefined) return nothing;
    const again = this.#failures > 1;
    const files = waiting === 0 ? '' : again ? strings.filesAgainAfterReload(waiting) : strings.filesWaiting(waiting, this.#code);
    return html`<div part="load-failed">
      <p part="load-error error-message" role="alert" tabindex="-1">${strings.loadFailed(this.#code, again)}${files ? ` ${files}` : ''}</p>
      ${again ? nothing : html`<button part="load-retry button" type="button" @click=${this.#retry}>${strings.tryAgain}</button>`}
    </div>`;
  }
}
