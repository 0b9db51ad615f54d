// The React page (the package's React wrapper) and the Vue page (the custom element in a Vue template), each doing a
// real upload against the emulator and playing the result, in Chromium and in Firefox.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { EmulatorVideoReport } from '../../../src/server/emulator/control.js';
import { ENGINES, MiB, chooseFile, emulatorJson, expectPlayable, openPage, useBrowser, useDevServer } from './support.js';

const e2e = useDevServer('/demo/react.html', 12 * MiB + 4321);

describe.each(ENGINES)('in %s', (engine) => {
  const launched = useBrowser(engine);

  describe.each([
    { page: 'demo/react.html', progress: '#react-progress', framework: 'React' },
    { page: 'demo/vue.html', progress: '#vue-progress', framework: 'Vue' },
  ])('the $framework page', ({ page: path, progress }) => {
    it('uploads a chosen file in 5 MiB parts, shows progress and the events, then plays the video', async () => {
      const { page, errors } = await openPage(launched.browser, `${e2e.server.url}/${path}`);
      await page.waitForSelector('#uploader');
      expect(await page.$eval('#target', (el) => el.textContent)).toContain('emulator');
      // The framework handed the element its properties.
      const props = await page.$eval('#uploader', (el) => {
        const uploader = el as HTMLElementTagNameMap['apivideo-uploader'];
        return { tokenUrl: uploader.tokenUrl, apiHost: uploader.apiHost, chunkSize: uploader.chunkSize };
      });
      expect(props).toEqual({ tokenUrl: '/api/upload-token', apiHost: e2e.server.emulatorUrl, chunkSize: 5 * MiB });

      await chooseFile(page, '#uploader >>> input[type=file]', e2e.videoPath);
      await page.waitForSelector('#uploader[state="success"]', { timeout: 30_000 });

      // The framework's own state followed the events.
      await page.waitForFunction((sel: string) => document.querySelector(sel)?.textContent?.includes('100 % — part 3 of 3'), {}, progress);
      const logged = await page.$$eval('#log li', (items) => items.map((item) => item.getAttribute('data-event')));
      expect(logged).toEqual(expect.arrayContaining(['file-select', 'upload-start', 'upload-progress', 'upload-part', 'token-refresh', 'upload-success']));
      expect(logged.filter((name) => name === 'upload-part')).toHaveLength(3);

      const videoId = await page.$eval('#uploader', (el) => (el as HTMLElementTagNameMap['apivideo-uploader']).videoId);
      const stored = await emulatorJson<EmulatorVideoReport>(e2e.server.emulatorUrl, `videos/${videoId}`);
      expect(stored).toMatchObject({ complete: true, size: e2e.video.length, receivedParts: [1, 2, 3] });
      expect(stored.sha256).toBe(createHash('sha256').update(e2e.video).digest('hex'));

      await page.waitForSelector('#playback-video');
      expect((await expectPlayable(page, '#playback-video')).width).toBe(160);
      expect(errors).toEqual([]);
      await page.close();
    });
  });
});
