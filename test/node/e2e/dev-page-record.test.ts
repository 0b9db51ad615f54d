// The dev page's recording, driven as a person would in headless Chromium and Firefox with their fake camera and
// microphone: record a few seconds from the camera with the element's buttons, stop, and see the video uploaded while
// it was recorded, whole, into one video on the dev server's emulator, then played back. The screen in Chromium only:
// its fake UI picks a screen by itself, while Firefox waits at its screen picker for a person.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorVideoReport } from '../../../src/server/emulator/control.js';
import { ENGINES, emulatorJson, expectPlayable, openPage, startDevServer, useBrowser, type DevServer } from './support.js';

/** A WebM file begins with the EBML magic number. */
const EBML_HEADER = [0x1a, 0x45, 0xdf, 0xa3];

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer();
});
afterAll(async () => {
  await server?.close();
});

/** The names of the events the page's log shows, oldest first. */
const loggedNames = (page: Page) => page.$$eval('#log li[data-event]', (items) => items.map((item) => (item as HTMLElement).dataset.event!).reverse());
const loggedEvents = (page: Page, name: string) =>
  page.$$eval(`#log li[data-event="${name}"] code`, (codes) => codes.map((code) => JSON.parse(code.textContent || 'null')));
const videos = () => emulatorJson<{ videoId: string }[]>(server.emulatorUrl, 'videos');
const inElement = (part: string) => `#uploader >>> [part~="${part}"]`;

/**
 * Waits for a part of the element, read from its shadow root every 100 ms: Puppeteer's own wait for a `>>>` selector
 * in Chromium never saw the record buttons the panel renders once its code arrives, though they were there.
 */
const untilPart = (page: Page, part: string) =>
  page.waitForFunction(
    (name) => Boolean(document.querySelector('#uploader')?.shadowRoot?.querySelector(`[part~="${name}"]`)),
    { polling: 100, timeout: 30_000 },
    part,
  );

/**
 * Records from `source` with the element's button until a part has been uploaded while recording, stops with its
 * button, and checks what reached the emulator: one new video holding exactly the bytes recorded, a WebM.
 */
async function recordAndCheck(page: Page, source: 'camera' | 'screen'): Promise<{ videoId: string; parts: number }> {
  const before = (await videos()).length;
  await page.locator(inElement(`record-${source}`)).click();
  await page.waitForSelector(inElement('recording-preview'), { timeout: 20_000 });
  await page.waitForSelector('#log li[data-event="upload-part"]', { timeout: 20_000 });
  await page.locator(inElement('stop-recording')).click();
  await page.waitForSelector('#uploader[state="success"]', { timeout: 60_000 });

  const names = await loggedNames(page);
  expect(names).toContain('recording-start');
  expect(names.indexOf('upload-part'), 'a part was uploaded before the recording stopped').toBeLessThan(names.indexOf('recording-stop'));
  expect(names.indexOf('recording-stop')).toBeLessThan(names.indexOf('upload-success'));
  const [started] = await loggedEvents(page, 'recording-start');
  expect(started).toMatchObject({ source });
  expect(started.mimeType).toMatch(/^video\/webm/);
  const [stopped] = await loggedEvents(page, 'recording-stop');
  expect(stopped.reason).toBe('user');
  const [success] = await loggedEvents(page, 'upload-success');
  const videoId = success.video.videoId as string;

  const stored = await emulatorJson<EmulatorVideoReport>(server.emulatorUrl, `videos/${videoId}`);
  expect(stored.complete).toBe(true);
  expect(stored.size).toBe(stopped.bytes);
  expect(stored.receivedParts.length).toBeGreaterThanOrEqual(2);
  expect(await videos()).toHaveLength(before + 1);
  const head = new Uint8Array(await (await fetch(success.video.assets.mp4 as string)).arrayBuffer()).slice(0, 4);
  expect([...head]).toEqual(EBML_HEADER);
  return { videoId, parts: stored.receivedParts.length };
}

describe.each(ENGINES)('recording on the dev page in %s', (engine) => {
  const launched = useBrowser(engine, { fakeMedia: true });

  async function openDevPage(): Promise<{ page: Page; errors: string[] }> {
    const opened = await openPage(launched.browser, `${server.url}/`);
    await opened.page.waitForSelector('body[data-ready="true"]');
    return opened;
  }

  it('offers the camera and the screen, records a few seconds from the camera, uploads them while recording and plays them', { timeout: 90_000 }, async () => {
    const { page, errors } = await openDevPage();
    await untilPart(page, 'record-camera');
    expect(await page.$(inElement('record-screen')), 'the screen is offered too').not.toBeNull();

    await recordAndCheck(page, 'camera');
    // The page plays what was recorded, from the emulator's asset: the browser reads it as a video.
    const playable = await expectPlayable(page, '#playback-video');
    expect(playable.width).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  // Chromium only: Firefox's getDisplayMedia waits at its screen picker for a person, fake-media prefs or not.
  it.runIf(engine === 'chromium')('records the screen, without the microphone, and uploads it while recording', { timeout: 90_000 }, async () => {
    const { page, errors } = await openDevPage();
    await untilPart(page, 'record-screen');
    await page.locator(`${inElement('microphone')} input`).click();
    await recordAndCheck(page, 'screen');
    expect(errors).toEqual([]);
    await page.close();
  });
});
