import { isServer, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { DEFAULT_LANGUAGE, translationFor, type Strings } from './strings.js';
import { formatBytes, formatDuration, formatSpeed } from './format.js';

type Host = ReactiveControllerHost & HTMLElement;

/**
 * Picks the strings for the host's `lang`, then the nearest ancestor's, then the document's, then English, and
 * re-renders the host when its own or the document's `lang` changes (a page switching language need not touch it).
 */
export class LocalizeController implements ReactiveController {
  private observer?: MutationObserver;

  constructor(private readonly host: Host) {
    host.addController(this);
  }

  hostConnected(): void {
    this.observer = new MutationObserver(() => this.host.requestUpdate());
    this.observer.observe(this.host, { attributes: true, attributeFilter: ['lang'] });
    this.observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = undefined;
  }

  /** The language tag in use, one the strings table has. */
  get lang(): string {
    // Rendered on a server there is no document: the element's own lang, then English.
    const inherited = isServer ? [] : [this.host.closest('[lang]')?.getAttribute('lang'), document.documentElement.lang];
    for (const candidate of [this.host.lang, ...inherited]) {
      if (candidate && translationFor(candidate)) return candidate;
    }
    return DEFAULT_LANGUAGE;
  }

  get strings(): Strings {
    return translationFor(this.lang) ?? translationFor(DEFAULT_LANGUAGE)!;
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
