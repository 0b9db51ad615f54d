// The recording panel's looks: its styles and icons, loaded with the recording code, so a page that uploads files only
// never carries them. The palette, the buttons (`button`, `primary`, `actions`) and the focus ring come from the
// element's own styles (src/element/styles.ts); here is what only the panel draws.
import { css, html, type CSSResult, type TemplateResult } from 'lit';

export const panelStyles = css`
  [part~='record'],
  [part~='recording'] {
    margin-block-start: 0.75rem;
  }

  /* Alone in the box (no drop zone, or while recording): no space above. */
  [part~='file-input'] + [part~='record'],
  [part~='file-input'] + [part~='recording'] {
    margin-block-start: 0;
  }

  [part~='record'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 0.75rem;
    container-type: inline-size;
  }

  /* Narrow (a phone, a sidebar): one record button a line, each the box's width. */
  @container (max-width: 26rem) {
    [part~='record'] > button {
      flex: 1 1 100%;
    }
  }

  /* Icons take the text's colour and size. */
  svg {
    flex: none;
    width: 1.25em;
    height: 1.25em;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }

  /* Buttons with an icon before their words. */
  [part~='record'] > button,
  [part~='recording'] button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.5rem;
  }

  [part~='record'] > p,
  [part~='recording-leftover'] {
    flex: 1 1 100%;
    margin: 0;
  }

  /* The microphone: a switch, the checkbox drawn as a track with its thumb at the end that is on. */
  [part~='microphone'] {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
    min-height: 44px;
    font-size: 0.875em;
    font-weight: 600;
    cursor: pointer;
  }

  [part~='microphone-switch'] {
    appearance: none;
    flex: none;
    margin: 0;
    inline-size: 2.5rem;
    block-size: 1.5rem;
    border-radius: 999px;
    background: radial-gradient(circle closest-side, var(--_background) 72%, transparent 78%) 0 50% / 1.5rem 1.5rem
      no-repeat var(--_muted);
    cursor: inherit;
    transition: background-position 120ms, background-color 120ms;
  }

  [part~='microphone-switch']:checked {
    background-color: var(--_accent);
    background-position-x: 100%;
  }

  [part~='microphone-switch']:dir(rtl) {
    background-position-x: 100%;
  }

  [part~='microphone-switch']:checked:dir(rtl) {
    background-position-x: 0;
  }

  [part~='microphone-switch']:disabled,
  [part~='microphone-switch']:disabled + * {
    cursor: not-allowed;
    opacity: 0.6;
  }

  /* High-contrast modes drop backgrounds: the browser's own checkbox then, still a switch to assistive technologies. */
  @media (forced-colors: active) {
    [part~='microphone-switch'] {
      appearance: auto;
    }
  }

  /* The preview fills the box's width at the camera's (or the screen's) shape, 16:9 until its first frame. */
  [part~='recording-preview'] {
    display: block;
    inline-size: 100%;
    block-size: auto;
    aspect-ratio: auto 16 / 9;
    max-block-size: 70vh;
    object-fit: contain;
    background: #000;
    border-radius: calc(var(--_radius) / 2);
  }

  /* The time recorded and the bytes sent: the type scale of an upload's status and figures. */
  [part~='recording-status'] {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: 0 0.75rem;
    margin: 0.5rem 0 0;
  }

  [part~='recording-timer'] {
    font-variant-numeric: tabular-nums;
  }

  /* A lit dot, slowly fading while it records (still, for a visitor who asked for less motion: styles.ts). */
  [part~='recording-timer']::before {
    content: '';
    display: inline-block;
    inline-size: 0.625em;
    block-size: 0.625em;
    margin-inline-end: 0.5em;
    border-radius: 50%;
    background: var(--_error);
    animation: recording-dot 1.6s ease-in-out infinite;
  }

  @keyframes recording-dot {
    50% {
      opacity: 0.35;
    }
  }

  [part~='recording-sent'] {
    color: var(--_muted);
    font-size: 0.875em;
    font-variant-numeric: tabular-nums;
    unicode-bidi: plaintext;
  }

  [part~='recording-waiting'] {
    margin: 0.25rem 0 0;
    font-size: 0.875em;
  }

  [part~='recording'] [part~='error-message'] {
    margin-block-start: 0.5rem;
  }

  [part~='recording-leftover'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0 0.5rem;
  }

  [part~='recording-download'],
  [part~='leftover-download'] {
    display: inline-flex;
    align-items: center;
    min-height: 44px;
    color: inherit;
    font-weight: 600;
  }
`;

/** The panel's styles, added once to `root` beside the element's own. */
export function adoptPanelStyles(root: ShadowRoot, styles: CSSResult = panelStyles): void {
  const sheet = styles.styleSheet;
  if (sheet) {
    if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } else if (!root.querySelector('style[data-recording-panel]')) {
    // A browser without constructable style sheets: lit's own fallback, a style element in the shadow root.
    const style = document.createElement('style');
    style.dataset.recordingPanel = '';
    style.textContent = styles.cssText;
    root.append(style);
  }
}

// Icons: drawn with the text's colour, 1.25em square (`svg` above); hidden from assistive technologies, the
// button's words say it all.
export const cameraIcon: TemplateResult = html`<svg viewBox="0 0 24 24" aria-hidden="true"><rect x="2" y="6" width="13" height="12" rx="2"/><path d="m15 10 7-4v12l-7-4z"/></svg>`;
export const screenIcon: TemplateResult = html`<svg viewBox="0 0 24 24" aria-hidden="true"><rect x="2" y="4" width="20" height="13" rx="2"/><path d="M8 21h8m-4-4v4"/></svg>`;
export const stopIcon: TemplateResult = html`<svg viewBox="0 0 24 24" aria-hidden="true"><rect x="6" y="6" width="12" height="12" rx="2" fill="currentColor"/></svg>`;
