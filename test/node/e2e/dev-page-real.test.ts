// The dev page set up for the real api.video (an API key, APIVIDEO_ENV=production): it says so, offers no emulator
// controls, points the element at api.video's upload host, and its token manager works through the dev server. An
// emulator stands in for api.video's API behind the dev server, so the test stays offline and sends no key anywhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createEmulator, DEFAULT_API_KEY, type Emulator } from '../../../src/server/emulator/index.js';
import { launchChromium, openPage, startDevServer, type DevServer } from './support.js';

describe('the dev page on the real api.video', () => {
  let emulator: Emulator;
  let server: DevServer;
  let browser: Browser;

  beforeAll(async () => {
    emulator = createEmulator();
    const baseUri = await emulator.listen(0, '127.0.0.1');
    [server, browser] = await Promise.all([
      startDevServer({ apiKey: DEFAULT_API_KEY, environment: 'production', baseUri }),
      launchChromium(),
    ]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await emulator?.close();
  });

  it('says it talks to api.video production, hides the fault controls and manages tokens without the key', async () => {
    const { page, errors } = await openPage(browser, `${server.url}/`);
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.textContent('#target')).toBe('Talking to api.video production (ws.api.video), with your API key.');
    expect(await page.isHidden('#fault-panel')).toBe(true);
    expect(await page.$eval('#uploader', (el) => (el as HTMLElementTagNameMap['apivideo-uploader']).apiHost)).toBe('ws.api.video');

    await page.fill('#tm-create input[name=ttl]', '300');
    await page.click('#tm-create button[type=submit]');
    await page.waitForFunction(() => /^Created to\w+/.test(document.querySelector('#tm-status')?.textContent ?? ''));
    const token = JSON.parse((await page.textContent('#tm-details'))!).token as string;
    await page.waitForSelector(`#tm-rows tr[data-token="${token}"]`);

    // The page reached only its own server; api.video's API was reached by the dev server, with the key.
    expect(requests.every((url) => url.startsWith(server.url))).toBe(true);
    expect(requests.some((url) => url.includes('/api.video/'))).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });
});
