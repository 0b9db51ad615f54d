import { unsafeCSS, type CSSResult } from 'lit';

/** The colours of one theme; each is the default of the custom property `--apivideo-uploader-<name>`. */
export interface Palette {
  accent: string;
  'accent-contrast': string;
  background: string;
  color: string;
  'muted-color': string;
  'border-color': string;
  'track-color': string;
  'error-color': string;
  'success-color': string;
  /** The colour of the focus ring, `--apivideo-uploader-focus-ring`'s default being `3px solid <this>`. */
  focus: string;
}

// Text colours (color, muted, error, success, and accent-contrast on accent) keep a contrast of at least 4.5:1 on
// their theme's background (WCAG AA for body text); a test checks it.
export const palettes: Record<'light' | 'dark', Palette> = {
  light: {
    accent: '#c2410c',
    'accent-contrast': '#ffffff',
    background: '#ffffff',
    color: '#1f2937',
    'muted-color': '#4b5563',
    'border-color': '#9ca3af',
    'track-color': '#e5e7eb',
    'error-color': '#b91c1c',
    'success-color': '#15803d',
    focus: '#2563eb',
  },
  dark: {
    accent: '#fb923c',
    'accent-contrast': '#1c1917',
    background: '#18181b',
    color: '#f4f4f5',
    'muted-color': '#a1a1aa',
    'border-color': '#71717a',
    'track-color': '#3f3f46',
    'error-color': '#f87171',
    'success-color': '#4ade80',
    focus: '#60a5fa',
  },
};

// The private names the rules use (`--_accent`, `--_muted` for `muted-color`): a page's `--apivideo-uploader-*` wins in
// either theme, and the rules never repeat a colour.
const privateName = (name: string) => `--_${name.replace(/-color$/, '')}`;

function declarations(palette: Palette, scheme: 'light' | 'dark'): CSSResult {
  const lines = Object.entries(palette).map(([name, value]) =>
    name === 'focus'
      ? `${privateName(name)}: var(--apivideo-uploader-focus-ring, 3px solid ${value});`
      : `${privateName(name)}: var(--apivideo-uploader-${name}, ${value});`,
  );
  // color-scheme: the browser's own bits (scrollbars, the file dialog's button) follow the theme.
  return unsafeCSS(`${lines.join('\n')}\ncolor-scheme: ${scheme};`);
}

export const lightPalette = declarations(palettes.light, 'light');
export const darkPalette = declarations(palettes.dark, 'dark');
