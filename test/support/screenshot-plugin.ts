// web-test-runner plugin: `compare-screenshot`, for the engines puppeteer drives (Chromium over the DevTools protocol,
// Firefox over WebDriver BiDi). It takes a screenshot of one element of the test's page and compares it, pixel by
// pixel, with the engine's own reference in test/browser/screenshots/<engine>/ (fonts and rasterisation differ).
// `UPDATE_SCREENSHOTS=1` writes the references instead (review them before committing). A mismatch leaves the
// screenshot taken beside the run's results, in .test-results/screenshots/.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from '@web/dev-server-core';
import type { Page } from 'puppeteer-core';
import { decodePng, differingPixels } from './png.js';

export interface ScreenshotPayload {
  /** The reference's file name, without `.png`. */
  name: string;
  /** A selector in the page's document (not in a shadow root). */
  selector: string;
  /** A pixel to report the colour of, in CSS pixels from the element's top-left corner. */
  probe?: { x: number; y: number };
}

export interface ScreenshotResult {
  written?: boolean;
  missing?: boolean;
  width: number;
  height: number;
  differing: number;
  probe?: [number, number, number];
}

export function screenshotPlugin(root: string): Plugin {
  const engine = process.env.TEST_ENGINE ?? 'chromium';
  const references = join(root, 'test/browser/screenshots', engine);
  const failures = join(root, '.test-results/screenshots', engine);
  return {
    name: 'compare-screenshot',
    // @ts-expect-error: web-test-runner calls executeCommand on plugins; dev-server's Plugin type does not list it.
    async executeCommand({ command, payload, session }: { command: string; payload: ScreenshotPayload; session: { id: string; browser: { type: string; getPage?: (id: string) => Page } } }) {
      if (command !== 'compare-screenshot') return undefined;
      if (!session.browser.getPage) throw new Error('compare-screenshot runs in the engines puppeteer drives: Chromium and Firefox.');
      const page = session.browser.getPage(session.id);
      const element = await page.$(payload.selector);
      if (!element) throw new Error(`No element matches ${payload.selector}.`);
      const png = await element.screenshot({ type: 'png' });
      const actual = decodePng(png);
      const result: ScreenshotResult = { width: actual.width, height: actual.height, differing: 0 };
      if (payload.probe) {
        const scale = actual.width / ((await element.boundingBox())?.width ?? actual.width);
        const i = (Math.round(payload.probe.y * scale) * actual.width + Math.round(payload.probe.x * scale)) * 4;
        result.probe = [actual.pixels[i]!, actual.pixels[i + 1]!, actual.pixels[i + 2]!];
      }
      const reference = join(references, `${payload.name}.png`);
      if (process.env.UPDATE_SCREENSHOTS === '1') {
        mkdirSync(references, { recursive: true });
        writeFileSync(reference, png);
        return { ...result, written: true };
      }
      if (!existsSync(reference)) return { ...result, missing: true };
      result.differing = differingPixels(actual, decodePng(readFileSync(reference)));
      if (result.differing) {
        mkdirSync(failures, { recursive: true });
        writeFileSync(join(failures, `${payload.name}.png`), png);
      }
      return result;
    },
  };
}
