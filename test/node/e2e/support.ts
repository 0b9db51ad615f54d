// Shared by the end-to-end tests: the real dev server (Vite's createServer with the project's vite.config.ts, on a
// free loopback port), headless Chromium and Firefox through puppeteer-core (one API for both engines: Chromium over
// CDP, Firefox over WebDriver BiDi), and a real, playable video to upload.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll } from 'vitest';
import type { DevServerOptions } from '../../../demo/dev-server/plugin.js';
import { devPageConfig } from '../../../vite.config.js';
// @ts-expect-error: a plain .mjs helper without declarations
import { CHROMIUM_ARGS, CHROMIUM_FAKE_MEDIA_ARGS, FIREFOX_FAKE_MEDIA_PREFS, ensureBrowsers } from '../../support/browsers.mjs';

export const MiB = 1024 * 1024;
const root = fileURLToPath(new URL('../../../', import.meta.url));

export interface DevServer {
  url: string;
  /** The emulator mounted by the dev server. */
  emulatorUrl: string;
  close(): Promise<void>;
}

/** The dev server of `npm start`; with `options`, its backend set up as they say instead of from the environment. */
export async function startDevServer(options?: DevServerOptions): Promise<DevServer> {
  const cacheDir = mkdtempSync(join(tmpdir(), 'apivideo-vite-cache-'));
  const server: ViteDevServer = await createServer({
    ...(options ? { ...devPageConfig(options), configFile: false } : { configFile: `${root}vite.config.ts` }),
    root,
    logLevel: 'error',
    clearScreen: false,
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false, watch: null },
    // Test files run side by side, each with its own dev server: a shared dependency cache lets one server's
    // re-optimisation invalidate the modules another server's page is still loading, and that page stalls.
    cacheDir,
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('The dev server did not listen on a TCP port.');
  const url = `http://127.0.0.1:${address.port}`;
  const close = async () => {
    await server.close();
    rmSync(cacheDir, { recursive: true, force: true });
  };
  return { url, emulatorUrl: `${url}/api.video`, close };
}

/** The engines the dev page's tests run in. */
export const ENGINES = ['chromium', 'firefox'] as const;
export type Engine = (typeof ENGINES)[number];

export interface LaunchOptions {
  /**
   * A fake camera and microphone, granted without a prompt (Chromium also picks a screen to share by itself): the
   * browser flags and prefs the browser tests record with.
   */
  fakeMedia?: boolean;
}

export async function launchBrowser(engine: Engine, options: LaunchOptions = {}): Promise<Browser> {
  const executablePath = (ensureBrowsers([engine]) as Record<Engine, string>)[engine];
  // Room for the whole page, as on a laptop's screen, so no control is out of view.
  const defaultViewport = { width: 1280, height: 720 };
  if (engine === 'firefox') {
    const extraPrefsFirefox = options.fakeMedia ? (FIREFOX_FAKE_MEDIA_PREFS as Record<string, unknown>) : {};
    return puppeteer.launch({ browser: 'firefox', executablePath, headless: true, defaultViewport, extraPrefsFirefox });
  }
  const args = [...(CHROMIUM_ARGS as string[]), ...(options.fakeMedia ? (CHROMIUM_FAKE_MEDIA_ARGS as string[]) : [])];
  return puppeteer.launch({ browser: 'chrome', executablePath, headless: true, args, defaultViewport });
}

/** Opens a page and fails the test on any uncaught error in it. */
export async function openPage(browser: Browser, url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error instanceof Error ? error.message : String(error)));
  await page.goto(url);
  return { page, errors };
}

/** `engine`, launched before the enclosing describe's tests and closed after them: one engine runs at a time. */
export function useBrowser(engine: Engine, options?: LaunchOptions): { browser: Browser } {
  const fixture = {} as { browser: Browser };
  beforeAll(async () => {
    fixture.browser = await launchBrowser(engine, options);
  });
  afterAll(async () => {
    await fixture.browser?.close();
  });
  return fixture;
}

/**
 * Chooses the file at `path` in the file input `selector` finds (`>>>` reaches into shadow roots), as a person does
 * in the file picker. The browser reads the file from disk while it uploads, so it must stay there until then.
 */
export async function chooseFile(page: Page, selector: string, path: string): Promise<void> {
  const input = (await page.waitForSelector(selector)) as ElementHandle<HTMLInputElement>;
  await input.uploadFile(path);
  await input.dispose();
}

export interface DevServerFixture {
  server: DevServer;
  /** A playable WebM, recorded in the browser, for the file's tests to upload. */
  video: Buffer;
  /** The same bytes as a file on disk, named `clip.webm`, for the file inputs. */
  videoPath: string;
}

/**
 * Starts the dev server before the file's tests (closes it after them), shared by every engine, and records, once,
 * on `pagePath` in Chromium, a WebM padded to `videoSize` bytes. The fields are set once the tests run.
 */
export function useDevServer(pagePath: string, videoSize: number): DevServerFixture {
  const fixture = {} as DevServerFixture;
  let dir: string | undefined;
  beforeAll(async () => {
    const [server, recorder] = await Promise.all([startDevServer(), launchBrowser('chromium')]);
    fixture.server = server;
    try {
      const { page } = await openPage(recorder, `${server.url}${pagePath}`);
      fixture.video = padWebm(await recordWebm(page), videoSize);
    } finally {
      await recorder.close();
    }
    dir = mkdtempSync(join(tmpdir(), 'apivideo-e2e-'));
    fixture.videoPath = join(dir, 'clip.webm');
    writeFileSync(fixture.videoPath, fixture.video);
  }, 60_000);
  afterAll(async () => {
    await fixture.server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return fixture;
}

/**
 * A real WebM (a second of an animated canvas, recorded by the browser's MediaRecorder), so a <video> can load the
 * uploaded bytes. No encoder is needed on the machine.
 */
export async function recordWebm(page: Page): Promise<Buffer> {
  const base64 = await page.evaluate(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 160;
    canvas.height = 120;
    const context = canvas.getContext('2d')!;
    let frame = 0;
    const draw = () => {
      context.fillStyle = `hsl(${(frame * 12) % 360} 80% 50%)`;
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.fillStyle = '#fff';
      context.fillRect((frame * 4) % canvas.width, 40, 20, 40);
      frame++;
    };
    draw();
    const timer = setInterval(draw, 40);
    const recorder = new MediaRecorder(canvas.captureStream(25), { mimeType: 'video/webm' });
    const chunks: Blob[] = [];
    recorder.ondataavailable = (event) => chunks.push(event.data);
    const stopped = new Promise((resolve) => (recorder.onstop = resolve));
    recorder.start();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    recorder.stop();
    await stopped;
    clearInterval(timer);
    const bytes = new Uint8Array(await new Blob(chunks).arrayBuffer());
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    return btoa(binary);
  });
  return Buffer.from(base64, 'base64');
}

/**
 * The recorded WebM grown to `size` bytes with an EBML Void element, which every WebM reader skips: big enough to go
 * in several parts, still a video a browser plays. Deterministic filler, so the stored bytes can be compared.
 */
export function padWebm(webm: Buffer, size: number): Buffer {
  const header = 9; // Void's ID (0xEC) and an 8-byte size
  const payload = size - webm.length - header;
  if (payload < 0) throw new Error(`The recorded video is already larger than ${size} bytes.`);
  const voidHeader = Buffer.alloc(header);
  voidHeader[0] = 0xec;
  voidHeader[1] = 0x01;
  voidHeader.writeUIntBE(Math.floor(payload / 2 ** 24), 2, 3);
  voidHeader.writeUIntBE(payload % 2 ** 24, 5, 4);
  const filler = Buffer.alloc(payload);
  for (let i = 0; i < payload; i += 4096) filler[i] = (i / 4096) & 0xff;
  return Buffer.concat([webm, voidHeader, filler]);
}

export async function emulatorJson<T>(emulatorUrl: string, path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(`${emulatorUrl}/__emulator/${path}`, init);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Waits for the <video> to know its duration and size: it parsed the uploaded bytes as a video. */
export async function expectPlayable(page: Page, selector: string): Promise<{ duration: number; width: number }> {
  await page.waitForFunction(
    (sel: string) => {
      const video = document.querySelector<HTMLVideoElement>(sel);
      return Boolean(video && video.readyState >= HTMLMediaElement.HAVE_METADATA && video.videoWidth > 0);
    },
    { timeout: 20_000 },
    selector,
  );
  return page.evaluate((sel) => {
    const video = document.querySelector<HTMLVideoElement>(sel)!;
    if (video.error) throw new Error(`The video failed: ${video.error.message}`);
    return { duration: video.duration, width: video.videoWidth };
  }, selector);
}
