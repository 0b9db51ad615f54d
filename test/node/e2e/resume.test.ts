// Resume on the dev page, for real, in headless Chromium and Firefox: the page reloaded at part 5 of 8, and the
// browser killed at part 5 of 8 then started again on the same profile. Each time the same file chosen again goes on
// into the same video, parts 1–4 are never sent again, and the stored bytes are the file's. In Chromium, the file's
// kept handle brings it back after the reload on a click of the offer, without a file picker.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorVideoReport } from '../../../src/server/emulator/control.js';
import type { UploadLogEntry } from '../../../src/server/emulator/state.js';
// @ts-expect-error: a plain .mjs helper without declarations
import { CHROMIUM_ARGS, ensureBrowsers } from '../../support/browsers.mjs';
import { ENGINES, MiB, chooseFile, emulatorJson, type Engine, useDevServer } from './support.js';

/** 8 parts of 5 MiB (the dev page's default part size), the last one smaller; parts 1–4 are 57 % of it. */
const e2e = useDevServer('/', 7 * 5 * MiB + 12345);

/** A browser on `profile`: what it stores (IndexedDB) is there again when it is started again on the same one. */
function launchOnProfile(engine: Engine, profile: string): Promise<Browser> {
  const executablePath = (ensureBrowsers([engine]) as Record<Engine, string>)[engine];
  const common = { executablePath, headless: true, userDataDir: profile, defaultViewport: { width: 1280, height: 720 } };
  if (engine === 'firefox') return puppeteer.launch({ ...common, browser: 'firefox' });
  return puppeteer.launch({ ...common, browser: 'chrome', args: CHROMIUM_ARGS as string[] });
}

/** Ends the browser the way a crash does: no unload, no chance to write anything. */
async function kill(browser: Browser): Promise<void> {
  const process = browser.process();
  if (!process) throw new Error('The browser has no process to kill.');
  const exited = new Promise((resolve) => process.once('exit', resolve));
  process.kill('SIGKILL');
  await exited;
  await browser.disconnect().catch(() => undefined);
}

const emulator = () => e2e.server.emulatorUrl;
const requests = () => emulatorJson<UploadLogEntry[]>(emulator(), 'requests');
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** How many requests carried each part. */
function sendsByPart(log: UploadLogEntry[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const entry of log) if (entry.part !== null) counts[entry.part] = (counts[entry.part] ?? 0) + 1;
  return counts;
}

async function untilLogged(part: number): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await requests()).some((entry) => entry.part === part)) {
    if (Date.now() > deadline) throw new Error(`no request for part ${part} reached the emulator`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function openDevPage(browser: Browser): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error instanceof Error ? error.message : String(error)));
  await page.goto(`${e2e.server.url}/`);
  await page.waitForSelector('body[data-ready="true"]');
  return { page, errors };
}

const chooseVideo = (page: Page) => chooseFile(page, '#uploader >>> input[type=file]', e2e.videoPath);
const offers = (page: Page) =>
  page.$eval('#uploader', (el) => [...el.shadowRoot!.querySelectorAll('[part~="resume-offer-button"]')].map((b) => b.textContent!.trim()));
const loggedEvents = (page: Page, name: string) =>
  page.$$eval(`#log li[data-event="${name}"] code`, (codes) => codes.map((code) => JSON.parse(code.textContent || 'null')));

/** A fresh emulator, part 5 held on the wire until the page has gone (`releasePart5`), and the file chosen. */
async function uploadUntilPart5(page: Page): Promise<string> {
  await emulatorJson(emulator(), 'faults', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ part: 5, hold: 'part-5', times: 1 }),
  });
  await chooseVideo(page);
  await untilLogged(5);
  const videoId = await page.$eval('#uploader', (el) => (el as HTMLElement & { videoId?: string }).videoId);
  expect(videoId).toMatch(/^vi/);
  return videoId!;
}

/** The held part 5 of the page that went: let go of it on the server (its connection is gone with the page). */
const releasePart5 = () => emulatorJson(emulator(), 'holds/part-5/release', { method: 'POST' });

/** On the page as it is after the reload or the restart: the offer, then the file chosen again, to the end. */
async function resumeAndCheck(page: Page, videoId: string): Promise<void> {
  await releasePart5();
  await page.waitForFunction(
    () => document.querySelector('#uploader')!.shadowRoot!.querySelector('[part~="resume-offer-button"]'),
    { timeout: 10_000 },
  );
  expect(await offers(page)).toEqual(['Resume upload of clip.webm (57 %)']);
  const before = (await requests()).length;
  await chooseVideo(page);
  await page.waitForSelector('#uploader[state="success"]', { timeout: 60_000 });

  const [start] = await loggedEvents(page, 'upload-start');
  expect(start).toMatchObject({ resumed: true, firstPart: 5, parts: 8 });
  const [success] = await loggedEvents(page, 'upload-success');
  expect(success.video.videoId).toBe(videoId);
  const after = (await requests()).slice(before);
  expect(sendsByPart(after)).toEqual({ 5: 1, 6: 1, 7: 1, 8: 1 });
  const videos = await emulatorJson<EmulatorVideoReport[]>(emulator(), 'videos');
  expect(videos.map((video) => video.videoId)).toEqual([videoId]);
  expect(videos[0]!.sha256).toBe(sha256(e2e.video));
}

describe.each(ENGINES)('resume on the dev page in %s', (engine) => {
  const profile = mkdtempSync(join(tmpdir(), `apivideo-resume-${engine}-`));
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchOnProfile(engine, profile);
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  it('reloaded at part 5 of 8 (after asking to stay), goes on with the same file chosen again', { timeout: 120_000 }, async () => {
    await emulatorJson(emulator(), 'reset', { method: 'POST' });
    const { page, errors } = await openDevPage(browser);
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.type());
      void dialog.accept();
    });
    const videoId = await uploadUntilPart5(page);
    // A person's click: browsers ask before leaving only a page the visitor has interacted with.
    await page.click('h1');
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    expect(dialogs).toEqual(['beforeunload']);

    await resumeAndCheck(page, videoId);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('killed at part 5 of 8 and started again on the same profile, goes on with the same file chosen again', { timeout: 120_000 }, async () => {
    await emulatorJson(emulator(), 'reset', { method: 'POST' });
    const first = await openDevPage(browser);
    const videoId = await uploadUntilPart5(first.page);
    await kill(browser);
    browser = await launchOnProfile(engine, profile);

    const { page, errors } = await openDevPage(browser);
    await resumeAndCheck(page, videoId);
    expect(first.errors).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('resume on the dev page in chromium, from the kept file handle', () => {
  let browser: Browser;
  const profile = mkdtempSync(join(tmpdir(), 'apivideo-resume-handle-'));
  beforeAll(async () => {
    browser = await launchOnProfile('chromium', profile);
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  /**
   * The picker a person would use, answered with a file of the origin's private file system holding the video (a
   * real FileSystemFileHandle, which the page may keep), and counters of every picker opened: set before the page's
   * own scripts, on every load. The browser reads as a visitor's (`navigator.webdriver` false): driven by puppeteer,
   * the element would open the file input, the chooser test tools intercept.
   */
  async function pickerFromPrivateFiles(page: Page): Promise<void> {
    await page.evaluateOnNewDocument(() => {
      Object.defineProperty(navigator, 'webdriver', { configurable: true, get: () => false });
      const counts = { handlePicker: 0, fileInput: 0 };
      Object.assign(window, { __pickers: counts });
      Object.assign(window, {
        showOpenFilePicker: async () => {
          counts.handlePicker++;
          const directory = await navigator.storage.getDirectory();
          return [await directory.getFileHandle('clip.webm')];
        },
      });
      const click = HTMLInputElement.prototype.click;
      HTMLInputElement.prototype.click = function (this: HTMLInputElement) {
        if (this.type === 'file') counts.fileInput++;
        return click.call(this);
      };
    });
  }

  /** Writes the video into the origin's private file system, 4 MiB at a time. */
  async function storeVideo(page: Page): Promise<void> {
    const step = 4 * MiB;
    for (let at = 0; at < e2e.video.length; at += step) {
      const chunk = e2e.video.subarray(at, at + step).toString('base64');
      await page.evaluate(
        async (base64: string, position: number) => {
          const directory = await navigator.storage.getDirectory();
          const handle = await directory.getFileHandle('clip.webm', { create: true });
          const writable = await handle.createWritable({ keepExistingData: true });
          const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
          await writable.write({ type: 'write', position, data: bytes });
          await writable.close();
        },
        chunk,
        at,
      );
    }
  }

  const pickers = (page: Page) => page.evaluate(() => (window as unknown as { __pickers: { handlePicker: number; fileInput: number } }).__pickers);

  it('reloaded at part 5 of 8, a click on the offer goes on without any file picker', { timeout: 120_000 }, async () => {
    await emulatorJson(emulator(), 'reset', { method: 'POST' });
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error instanceof Error ? error.message : String(error)));
    page.on('dialog', (dialog) => void dialog.accept());
    await pickerFromPrivateFiles(page);
    await page.goto(`${e2e.server.url}/`);
    await page.waitForSelector('body[data-ready="true"]');
    await storeVideo(page);

    await emulatorJson(emulator(), 'faults', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ part: 5, hold: 'part-5', times: 1 }),
    });
    await page.click('#uploader >>> [part~="drop-zone"]');
    await untilLogged(5);
    expect(await pickers(page)).toEqual({ handlePicker: 1, fileInput: 0 });
    const videoId = await page.$eval('#uploader', (el) => (el as HTMLElement & { videoId?: string }).videoId);
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await releasePart5();

    await page.waitForFunction(() => document.querySelector('#uploader')!.shadowRoot!.querySelector('[part~="resume-offer-button"]'));
    expect(await offers(page)).toEqual(['Resume upload of clip.webm (57 %)']);
    const before = (await requests()).length;
    await page.click('#uploader >>> [part~="resume-offer-button"]');
    await page.waitForSelector('#uploader[state="success"]', { timeout: 60_000 });

    expect(await pickers(page)).toEqual({ handlePicker: 0, fileInput: 0 });
    const [start] = await loggedEvents(page, 'upload-start');
    expect(start).toMatchObject({ resumed: true, firstPart: 5 });
    expect(sendsByPart((await requests()).slice(before))).toEqual({ 5: 1, 6: 1, 7: 1, 8: 1 });
    const videos = await emulatorJson<EmulatorVideoReport[]>(emulator(), 'videos');
    expect(videos.map((video) => video.videoId)).toEqual([videoId]);
    expect(videos[0]!.sha256).toBe(sha256(e2e.video));
    expect(errors).toEqual([]);
    await page.close();
  });
});
