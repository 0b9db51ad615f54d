// Styles that come with a chunk fetched on demand, added to the element's shadow root beside its own. Called on
// each render of what they style: the element sets its adopted sheets anew when other views arrive (uploader.ts),
// and a sheet added here is then added again.
import { type CSSResult } from 'lit';

export function addChunkStyles(host: HTMLElement, styles: CSSResult): void {
  const root = host.shadowRoot;
  if (!root) return;
  const sheet = styles.styleSheet;
  if (sheet) {
    if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } else if (![...root.querySelectorAll('style')].some((style) => style.textContent === styles.cssText)) {
    // A browser without constructable style sheets: a style element, as lit's own fallback.
    const style = document.createElement('style');
    style.textContent = styles.cssText;
    root.append(style);
  }
}
