import { css } from 'lit';
import { darkPalette, lightPalette } from './palettes.js';

/**
 * What the idle element needs: the box, the drop zone, buttons and error messages (a failed fetch's "Try again" shows
 * with no other code). The views fetched later bring their own rules (views.ts, resume-views.ts, queue-views.ts).
 */
export const uploaderStyles = css`
  :host {
    ${lightPalette}
    --_radius: var(--apivideo-uploader-radius, 12px);

    display: block;
    box-sizing: border-box;
    color: var(--_color);
    /* The page's font family, size and direction come in on purpose; no other text style of an ancestor does (a
       heading's capitals, a justified or centred column, pre-wrapped text), so the box reads the same on any site. */
    font-family: var(--apivideo-uploader-font, inherit);
    font-size: var(--apivideo-uploader-font-size, 1rem);
    font-style: normal;
    font-weight: 400;
    font-variant: normal;
    line-height: 1.4;
    letter-spacing: normal;
    word-spacing: normal;
    text-align: start;
    text-indent: 0;
    text-transform: none;
    text-shadow: none;
    white-space: normal;
    /* Narrow sidebars: long names and figures wrap inside the box rather than widen it. */
    min-inline-size: 0;
    overflow-wrap: anywhere;
  }

  :host([theme='dark']) {
    ${darkPalette}
  }

  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${darkPalette}
    }
  }

  :host([hidden]) {
    display: none;
  }

  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }

  [part~='base'] {
    background: var(--_background);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 1rem;
  }

  [part~='drop-zone'] {
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 0.5rem;
    width: 100%;
    min-height: 9rem;
    padding: 1.25rem 0.75rem;
    border: 2px dashed var(--_border);
    border-radius: calc(var(--_radius) - 4px);
    background: transparent;
    color: inherit;
    font: inherit;
    text-align: center;
    cursor: pointer;
    transition: border-color 120ms, background-color 120ms;
  }

  [part~='drop-zone']:hover:not(:disabled),
  [part~='drop-zone'].drag-over {
    border-color: var(--_accent);
    background: color-mix(in srgb, var(--_accent) 8%, transparent);
  }

  [part~='drop-zone']:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }

  /* What a tap or a click on the zone does, drawn as the primary button it is part of. */
  .prompt {
    display: inline-flex;
    align-items: center;
    min-height: 44px;
    padding: 0.5rem 1rem;
    border-radius: calc(var(--_radius) / 2);
    background: var(--_accent);
    color: var(--_accent-contrast);
    font-weight: 600;
  }

  /* "or drop it here" only where a pointer can drop (not on a touch screen); while a file is over the zone, what
     letting go does. */
  @media not all and (pointer: fine) {
    [part~='drop-prompt']:not(.dropping) {
      display: none;
    }
  }

  .dropping {
    font-weight: 600;
  }

  .hint {
    color: var(--_muted);
    font-size: 0.875em;
  }

  :focus-visible {
    outline: var(--_focus);
    outline-offset: 2px;
  }

  /* 44 px square at least: a fingertip's target. */
  [part~='button'] {
    min-width: 44px;
    min-height: 44px;
    font: inherit;
    font-size: 0.875em;
    font-weight: 600;
    padding: 0.4rem 0.9rem;
    border-radius: calc(var(--_radius) / 2);
    border: 1px solid var(--_border);
    background: var(--_background);
    color: var(--_color);
    cursor: pointer;
  }

  [part~='button']:hover:not(:disabled) {
    background: color-mix(in srgb, var(--_accent) 8%, var(--_background));
  }

  [part~='button']:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }

  /* Primary: the step forward. Record and stop (the recording's code) take the class. */
  :is([part~='upload-button'], [part~='resume-button'], [part~='retry-button'], .primary) {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_accent-contrast);
  }

  /* Hovered, the accent moves towards the text colour: darker in the light theme, lighter in the dark one. */
  :is([part~='upload-button'], [part~='resume-button'], [part~='retry-button'], .primary):hover:not(:disabled),
  [part~='drop-zone']:hover:not(:disabled) .prompt {
    background: color-mix(in srgb, var(--_accent) 85%, var(--_color));
  }

  [part~='error-message'] {
    color: var(--_error);
    margin: 0.25rem 0 0;
    overflow-wrap: anywhere;
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }

  /* Nothing moves for a visitor who asked for less motion: the progress bar jumps, the recording's dot stays lit. */
  @media (prefers-reduced-motion: reduce) {
    *,
    ::before,
    ::after {
      transition: none !important;
      animation: none !important;
    }
  }
`;
