// Styles that come with a chunk fetched on demand: added to the element's shadow root when the chunk arrives, so the
// first file does not carry them. Constructable style sheets, as Lit's own styles are where the browser has them.
import { type CSSResult } from 'lit';

const added = new WeakMap<ShadowRoot, Set<CSSResult>>();

export function addChunkStyles(host: HTMLElement, styles: CSSResult): void {
  const root = host.shadowRoot;
  if (!root) return;
  const done = added.get(root) ?? new Set();
  if (done.has(styles)) return;
  done.add(styles);
  added.set(root, done);
  const sheet = styles.styleSheet;
  if (sheet) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  else {
    const style = document.createElement('style');
    style.textContent = styles.cssText;
    root.append(style);
  }
}
