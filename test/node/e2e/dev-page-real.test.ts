// The dev page set up for the real api.video (an API key, APIVIDEO_ENV=production): it says so, offers no emulator
// controls, points the element at api.video's upload host, and its token manager works through the dev server. An
// emulator stands in for api.video's API behind the dev server, so the test stays offline and sends no key anywhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, DEFAULT_API_KEY, type Emulator } from '../../../src/server/emulator/index.js';
import { ENGINES, openPage, startDevServer, useBrowser, type DevServer } from './support.js';

let emulator: Emulator;
let server: DevServer;

beforeAll(async () => {
  emulator = createEmulator();
  const baseUri = await emulator.listen(0, '127.0.0.1');
  server = await startDevServer({ apiKey: DEFAULT_API_KEY, environment: 'production', baseUri });
}, 60_000);

afterAll(async () => {
  await server?.close();
  await emulator?.close();
});

describe.each(ENGINES)('the dev page on the real api.video, in %s', (engine) => {
  const launched = useBrowser(engine);

  it('says it talks to api.video production, hides the fault controls and manages tokens without the key', async () => {
    const { page, errors } = await openPage(launched.browser, `${server.url}/`);
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.waitForSelector('body[data-ready="true"]');
    const text = (selector: string) => page.$eval(selector, (el) => el.textContent);
    expect(await text('#target')).toBe('Talking to api.video production (ws.api.video), with your API key.');
    expect(await (await page.$('#fault-panel'))!.isHidden()).toBe(true);
    expect(await page.$eval('#uploader', (el) => (el as HTMLElementTagNameMap['apivideo-uploader']).apiHost)).toBe('ws.api.video');

    await page.locator('#tm-create input[name=ttl]').fill('300');
    await page.locator('#tm-create button[type=submit]').click();
    await page.waitForFunction(() => /^Created to\w+/.test(document.querySelector('#tm-status')?.textContent ?? ''));
    const token = JSON.parse((await text('#tm-details'))!).token as string;
    await page.waitForSelector(`#tm-rows tr[data-token="${token}"]`);

    // The page reached only its own server; api.video's API was reached by the dev server, with the key.
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.every((url) => url.startsWith(server.url))).toBe(true);
    expect(requests.some((url) => url.includes('/api.video/'))).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });
});
