// The dev page's queue mode (`/?multiple`) driven in headless Chromium and Firefox: three files chosen at once in the
// picker, each uploaded into its own video, the log's queue-complete, and one player per uploaded file.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorVideoReport } from '../../../src/server/emulator/control.js';
import { ENGINES, MiB, emulatorJson, expectPlayable, openPage, padWebm, useBrowser, useDevServer } from './support.js';

const e2e = useDevServer('/?multiple', 6 * MiB + 777);

/** Three different videos: the recorded one grown to three sizes (each an extra Void element, still playable). */
const files: { path: string; bytes: Buffer }[] = [];
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'apivideo-e2e-queue-'));
  for (const [index, extra] of [0, 1 * MiB, 2 * MiB].entries()) {
    const bytes = extra ? padWebm(e2e.video, e2e.video.length + extra) : e2e.video;
    const path = join(dir, `queued-${index + 1}.webm`);
    writeFileSync(path, bytes);
    files.push({ path, bytes });
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const loggedEvents = (page: Page, name: string) =>
  page.$$eval(`#log li[data-event="${name}"] code`, (codes) => codes.map((code) => JSON.parse(code.textContent || 'null')));

describe.each(ENGINES)('the dev page with several files in %s', (engine) => {
  const launched = useBrowser(engine);

  it('uploads three files chosen at once, each into its own video, and plays each', async () => {
    const { page, errors } = await openPage(launched.browser, `${e2e.server.url}/?multiple`);
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.$eval('#multiple', (box) => (box as HTMLInputElement).checked)).toBe(true);
    expect(await page.$eval('#uploader', (el) => (el as Element & { multiple?: boolean }).multiple)).toBe(true);
    await page.select('#chunk-size', String(5 * MiB));
    await page.select('#concurrency', '2');

    const input = (await page.waitForSelector('#uploader >>> input[type=file]')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(...files.map((file) => file.path));
    await input.dispose();
    await page.waitForSelector('#log li[data-event="queue-complete"]', { timeout: 45_000 });

    const [complete] = await loggedEvents(page, 'queue-complete');
    expect(complete).toEqual({ succeeded: 3, failed: 0, cancelled: 0, rejected: 0 });
    const successes = await loggedEvents(page, 'upload-success');
    expect(successes.map((success) => success.file.name).sort()).toEqual(['queued-1.webm', 'queued-2.webm', 'queued-3.webm']);
    for (const success of successes) {
      const { bytes } = files.find((file) => file.path.endsWith(success.file.name))!;
      const stored = await emulatorJson<EmulatorVideoReport>(e2e.server.emulatorUrl, `videos/${success.video.videoId}`);
      expect(stored).toMatchObject({ complete: true, size: bytes.length });
      expect(stored.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
    expect(new Set(successes.map((success) => success.video.videoId)).size).toBe(3);

    // One player per uploaded file, each playing what was uploaded.
    expect(await page.$$eval('#playback video', (videos) => videos.length)).toBe(3);
    await expectPlayable(page, '#playback video');
    expect(await page.$$eval('#uploader >>> [part~="row-success"]', (rows) => rows.length)).toBe(3);
    expect(errors).toEqual([]);
    await page.close();
  });
});
