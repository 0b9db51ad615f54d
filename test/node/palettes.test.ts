// The element's two colour themes: readable text in each (WCAG AA, 4.5:1) on every background it is drawn on, shapes
// that show a control or its state visible (3:1), and docs/theming.md telling the colours the element really uses.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { palettes, type Palette } from '../../src/element/palettes.js';

/** WCAG 2 relative luminance of `#rrggbb`. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

/** CSS `color-mix(in srgb, a share%, b)` of two `#rrggbb` colours, as the element's styles mix them. */
function mix(a: string, share: number, b: string): string {
  const channel = (hex: string, i: number) => parseInt(hex.slice(i, i + 2), 16);
  return `#${[1, 3, 5]
    .map((i) => Math.round(channel(a, i) * share + channel(b, i) * (1 - share)).toString(16).padStart(2, '0'))
    .join('')}`;
}

const texts = ['color', 'muted-color', 'error-color', 'success-color'] as const;

/**
 * Every text colour on every background it is drawn on (src/element/styles.ts, src/record/panel-looks.ts): each on the
 * box; the words of a hovered drop zone or button (the text colour, and the muted hint) on 8 % accent over the box; the
 * primary buttons' words on the accent, hovered or not (85 % accent towards the text colour).
 */
function textPairs(palette: Palette): [string, string, string][] {
  const hovered = mix(palette.accent, 0.08, palette.background);
  const primaryHovered = mix(palette.accent, 0.85, palette.color);
  return [
    ...texts.map((text): [string, string, string] => [`${text} on the background`, palette[text], palette.background]),
    ...(['color', 'muted-color'] as const).map((text): [string, string, string] => [`${text} on a hovered zone or button`, palette[text], hovered]),
    ['accent-contrast on a primary button', palette['accent-contrast'], palette.accent],
    ['accent-contrast on a hovered primary button', palette['accent-contrast'], primaryHovered],
  ];
}

/**
 * What shows a control or its state without words (WCAG 1.4.11, 3:1): the focus ring, the microphone switch's track
 * on and off and its thumb on either, the progress bar's fill on its track.
 */
function shapePairs(palette: Palette): [string, string, string][] {
  return [
    ['the focus ring on the background', palette.focus, palette.background],
    ['the switch on (accent) on the background', palette.accent, palette.background],
    ['the switch off (muted) on the background', palette['muted-color'], palette.background],
    ['the thumb on the switch on', palette.background, palette.accent],
    ['the thumb on the switch off', palette.background, palette['muted-color']],
    ['the progress on its track', palette.accent, palette['track-color']],
  ];
}

describe.each(Object.entries(palettes) as [string, Palette][])('the %s theme', (name, palette) => {
  it.each(textPairs(palette))('keeps %s readable (4.5:1)', (_, text, background) => {
    expect(contrast(text, background)).toBeGreaterThanOrEqual(4.5);
  });

  it.each(shapePairs(palette))('keeps %s visible (3:1)', (_, shape, background) => {
    expect(contrast(shape, background)).toBeGreaterThanOrEqual(3);
  });

  it('is the one docs/theming.md lists', () => {
    const doc = readFileSync(new URL('../../docs/theming.md', import.meta.url), 'utf8');
    const column = name === 'light' ? 1 : 2;
    for (const key of Object.keys(palette) as (keyof Palette)[]) {
      const property = key === 'focus' ? 'focus-ring' : key;
      const row = doc.split('\n').find((line) => line.startsWith(`| \`--apivideo-uploader-${property}\` |`));
      expect(row, property).toBeDefined();
      expect(row!.split('|')[column + 1]!.trim()).toContain(palette[key]);
    }
  });
});
