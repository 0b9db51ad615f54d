import { isServer, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { DEFAULT_LANGUAGE, languageOf, loadTranslation, translationFor, withEnglish, type Strings } from './strings.js';
import { formatBytes, formatDuration, formatSpeed } from './format.js';

type Host = ReactiveControllerHost & HTMLElement;

/**
 * Picks the strings for the host's `lang`, then the nearest ancestor's, then the document's, then English, and
 * re-renders the host when its own or the document's `lang` changes (a page switching language need not touch it).
 * A shipped language not yet fetched is fetched then: the host shows English until it arrives, then renders again.
 */
export class LocalizeController implements ReactiveController {
  #observer?: MutationObserver;
  /** The fetch of the language the host asked for last, until it arrives; the host's `updateComplete` waits for it. */
  loading?: Promise<unknown>;

  readonly #host: Host;

  constructor(host: Host) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.#observer = new MutationObserver(() => this.#host.requestUpdate());
    this.#observer.observe(this.#host, { attributes: true, attributeFilter: ['lang'] });
    this.#observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    this.#observer = undefined;
  }

  /** The language tag in use, one the strings table has. */
  get lang(): string {
    // Rendered on a server there is no document: the element's own lang, then English.
    const inherited = isServer ? [] : [this.#host.closest('[lang]')?.getAttribute('lang'), document.documentElement.lang];
    for (const candidate of [this.#host.lang, ...inherited]) {
      const key = languageOf(candidate);
      if (key === undefined) continue;
      if (translationFor(key)) return candidate!;
      this.#fetch(key);
      break;
    }
    return DEFAULT_LANGUAGE;
  }

  get strings(): Strings {
    return withEnglish(translationFor(languageOf(this.lang)!) ?? translationFor(DEFAULT_LANGUAGE)!);
  }

  #fetch(key: string): void {
    const loading = loadTranslation(key);
    if (this.loading === loading) return;
    this.loading = loading;
    void loading.then(() => {
      if (this.loading !== loading) return;
      this.loading = undefined;
      this.#host.requestUpdate();
    });
  }

  bytes(value: number): string {
    return formatBytes(value, this.lang);
  }

  speed(bytesPerSecond: number): string {
    return formatSpeed(bytesPerSecond, this.lang);
  }

  duration(seconds: number): string {
    return formatDuration(seconds, this.lang);
  }
}
