// A site's own end-to-end tests of its upload page, written as docs/element.md's "Testing your upload page" prints them:
// click the element, take the file chooser the test tool intercepts, choose a file, wait for the upload; with
// WebDriver, send the file's path to the element's file input. The site is
// the built bundle on a plain page, with the built emulator and token handler behind it, over real HTTP; the stored
// video must hold the file's bytes. Called by package.test.ts, after its build.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remote } from 'webdriverio';
import type { EmulatorVideoReport } from '../../../src/server/emulator/control.js';
// @ts-expect-error: a plain .mjs helper without declarations
import { CHROMIUM_ARGS, ensureBrowsers } from '../../support/browsers.mjs';
// @ts-expect-error: a plain .mjs helper without declarations
import { startWebKitDriver } from '../../support/webkit-launcher.mjs';
import { MiB, emulatorJson, launchBrowser, type Engine } from './support.js';

interface Emulator {
  listen(port: number, host: string): Promise<string>;
  close(): Promise<void>;
}

/** The page under test: one element, resumable as by default, with an `accept` the handle picker would take. */
const uploadPage = (emulatorUrl: string) => `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>Upload</title><script type="module" src="/apivideo-uploader.js"></script></head>
  <body>
    <apivideo-uploader accept="video/*" token-url="/api/upload-token" api-host="${emulatorUrl}" chunk-size="5242880"></apivideo-uploader>
  </body>
</html>`;

/** `dist`: the folder of the built package. */
export function describeSiteTests(dist: string): void {
  describe('a site’s own end-to-end test chooses a file through the file chooser its tool intercepts', () => {
    let emulator: Emulator;
    let emulatorUrl: string;
    let site: Server;
    let siteUrl: string;
    let dir: string;
    let videoPath: string;
    // Two parts of 5 MiB, the second short; every byte counts in the checksum.
    const video = Buffer.alloc(5 * MiB + 4321);
    for (let i = 0; i < video.length; i += 997) video[i] = (i / 997) % 253;

    beforeAll(async () => {
      const [server, { createEmulator }] = await Promise.all([import(join(dist, 'server.js')), import(join(dist, 'emulator.js'))]);
      emulator = createEmulator();
      emulatorUrl = await emulator.listen(0, '127.0.0.1');
      const tokens = server.createUploadTokenHandler({ apiKey: 'emulator-api-key', baseUri: emulatorUrl, rateLimit: false });
      site = createServer((req, res) => {
        if (req.url === '/api/upload-token') return tokens(req, res);
        if (req.url && /^\/apivideo-uploader(-[\w-]+)?\.js$/.test(req.url)) {
          res.writeHead(200, { 'Content-Type': 'text/javascript' });
          return res.end(readFileSync(join(dist, req.url)));
        }
        if (req.url !== '/') return void res.writeHead(404).end();
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end(uploadPage(emulatorUrl));
      });
      await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
      const address = site.address();
      siteUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      dir = mkdtempSync(join(tmpdir(), 'apivideo-site-tests-'));
      videoPath = join(dir, 'holiday.webm');
      writeFileSync(videoPath, video);
    });

    afterAll(async () => {
      await new Promise((resolve) => site?.close(resolve));
      await emulator?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    /** The video the element says it stored, as the emulator holds it, and its checksum against the file's. */
    async function expectStored(videoId: string | undefined): Promise<void> {
      expect(videoId).toMatch(/^vi/);
      const stored = await emulatorJson<EmulatorVideoReport>(emulatorUrl, `videos/${videoId}`);
      expect(stored).toMatchObject({ complete: true, size: video.length, receivedParts: [1, 2] });
      expect(stored.sha256).toBe(createHash('sha256').update(video).digest('hex'));
    }

    // Playwright drives only its own builds of Firefox and WebKit, which this machine cannot download: Chromium here.
    it('Playwright in Chromium: the filechooser event, then fileChooser.setFiles', async () => {
      const executablePath = (ensureBrowsers(['chromium']) as Record<Engine, string>).chromium;
      // Playwright passes its own headless flag.
      const args = (CHROMIUM_ARGS as string[]).filter((arg) => !arg.startsWith('--headless'));
      const browser = await chromium.launch({ executablePath, args });
      try {
        const tab = await browser.newPage();
        const errors: string[] = [];
        tab.on('pageerror', (error) => errors.push(error.message));
        await tab.goto(siteUrl);
        // As the guide prints it.
        const chooser = tab.waitForEvent('filechooser');
        await tab.getByRole('button', { name: 'Choose a video' }).click();
        await (await chooser).setFiles(videoPath);
        await tab.locator('apivideo-uploader[state="success"]').waitFor({ timeout: 30_000 });

        await expectStored(await tab.locator('apivideo-uploader').evaluate((el) => (el as HTMLElementTagNameMap['apivideo-uploader']).videoId));
        expect(errors).toEqual([]);
      } finally {
        await browser.close();
      }
    }, 60_000);

    // Puppeteer drives Chromium over CDP and Firefox over WebDriver BiDi: waitForFileChooser works in both.
    it.each(['chromium', 'firefox'] as const)('Puppeteer in %s: page.waitForFileChooser(), then fileChooser.accept', async (engine) => {
      const browser = await launchBrowser(engine);
      try {
        const tab = await browser.newPage();
        const errors: string[] = [];
        tab.on('pageerror', (error) => errors.push(error instanceof Error ? error.message : String(error)));
        await tab.goto(siteUrl);
        await tab.waitForSelector('apivideo-uploader >>> [part~="drop-zone"]');
        // As the guide prints it.
        const [chooser] = await Promise.all([
          tab.waitForFileChooser({ timeout: 10_000 }),
          tab.click('apivideo-uploader >>> [part~="drop-zone"]'),
        ]);
        await chooser.accept([videoPath]);
        await tab.waitForSelector('apivideo-uploader[state="success"]', { timeout: 30_000 });

        await expectStored(await tab.$eval('apivideo-uploader', (el) => el.videoId));
        expect(errors).toEqual([]);
      } finally {
        await browser.close();
      }
    }, 60_000);

    // WebDriver drives WebKit here (WebKitGTK's MiniBrowser through WebKitWebDriver): no chromedriver or geckodriver is
    // on this machine.
    it('WebDriver in WebKit: the file input found through the shadow root, sent the file’s path as keys', async () => {
      const driver = await startWebKitDriver((ensureBrowsers(['webkit']) as Record<string, string>).webkit);
      try {
        const browser = await remote(driver.options);
        try {
          await browser.url(siteUrl);
          // As the guide prints it: addValue sends keys; setValue would clear the hidden input first, which WebDriver refuses.
          await browser.$('apivideo-uploader').shadow$('input[type=file]').addValue(videoPath);
          await browser.$('apivideo-uploader[state="success"]').waitForExist({ timeout: 30_000 });

          await expectStored(await browser.execute(() => document.querySelector('apivideo-uploader')!.videoId));
        } finally {
          await browser.deleteSession();
        }
      } finally {
        await driver.stop();
      }
    }, 90_000);
  });
}
