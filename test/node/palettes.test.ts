// The element's two colour themes: readable text in each (WCAG AA, 4.5:1), and docs/theming.md telling the colours
// the element really uses.
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

describe.each(Object.entries(palettes) as [string, Palette][])('the %s theme', (name, palette) => {
  it.each(['color', 'muted-color', 'error-color', 'success-color'] as const)('keeps %s readable on the background', (text) => {
    expect(contrast(palette[text], palette.background)).toBeGreaterThanOrEqual(4.5);
  });

  it('keeps text on the accent colour readable', () => {
    expect(contrast(palette['accent-contrast'], palette.accent)).toBeGreaterThanOrEqual(4.5);
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
