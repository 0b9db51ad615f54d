// Shared by the framework tests: a site's backend built with a web framework serves tokens from the handler, in
// front of the emulator; a page on another origin (a static server here) holds the element, built as the
// self-contained bundle; headless Chromium uploads a real file through it, and the emulator's stored bytes are checked.
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import './builds.js';
import { createEmulator, type Emulator } from '../../../src/server/emulator/index.js';
import { serverPeers } from '../../../src/server/peers.js';
import type { EmulatorVideoReport } from '../../../src/server/emulator/control.js';
import { MiB, chooseFile, launchBrowser } from '../e2e/support.js';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const API_KEY = 'emulator-api-key';

/** The address a listening node:http server answers on. */
export function urlOf(server: Server): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export function listen(server: Server): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(urlOf(server)));
  });
}

export function closeServer(server: Server | undefined): Promise<void> {
  if (!server?.listening) return Promise.resolve();
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/**
 * The package's server entry as a site installs it into `modules`: the run's one build of it (global-setup.ts), with
 * the server's dependencies beside it as the README's Install says (links to this folder's copies), and `extra` packages.
 */
export async function installServerPackage(modules: string, extra: string[]): Promise<void> {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; dependencies: Record<string, string> };
  const dir = join(modules, pkg.name);
  cpSync(inject('serverDist'), join(dir, 'dist'), { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: pkg.name, type: 'module', exports: { './server': './dist/server.js' }, dependencies: pkg.dependencies }),
  );
  for (const name of [...Object.keys(pkg.dependencies), ...serverPeers, ...extra]) {
    mkdirSync(join(modules, name, '..'), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', name), join(modules, name), 'dir');
  }
}

export interface Rig {
  emulator: Emulator;
  emulatorUrl: string;
  browser: Browser;
  /** The page's own origin: a static server, another origin than the site's backend. */
  pageOrigin: string;
  /** A folder removed after the file's tests. */
  dir: string;
}

/** Before the file's tests: the emulator, the element's bundle, a static server for the page, and Chromium. */
export function useRig(): Rig {
  const rig = {} as Rig;
  let pages: Server | undefined;
  beforeAll(async () => {
    rig.dir = mkdtempSync(join(tmpdir(), 'apivideo-framework-'));
    rig.emulator = createEmulator({ apiKeys: [API_KEY] });
    const bundle = inject('elementBundle');
    const [emulatorUrl, browser] = await Promise.all([rig.emulator.listen(0, '127.0.0.1'), launchBrowser('chromium')]);
    rig.emulatorUrl = emulatorUrl;
    rig.browser = browser;
    // The bundle's first file and the chunks it fetches later (the upload engine, on intent), as a site serves them.
    const scripts = new Map(
      readdirSync(dirname(bundle))
        .filter((name) => /^apivideo-uploader[\w-]*\.js$/.test(name))
        .map((name) => [`/${name}`, readFileSync(join(dirname(bundle), name))]),
    );
    // The page takes its token URL from its own query, so each test can point it at its own backend.
    pages = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://page.invalid');
      const script = scripts.get(url.pathname);
      if (script) {
        res.writeHead(200, { 'Content-Type': 'text/javascript' });
        return res.end(script);
      }
      // No icon: the browser's request for one is answered, so that no 404 shows among the page's errors.
      if (url.pathname === '/favicon.ico') return res.writeHead(204).end();
      if (url.pathname !== '/') return res.writeHead(404).end();
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Upload</title>
<script type="module" src="/apivideo-uploader.js"></script></head>
<body><apivideo-uploader token-url="${url.searchParams.get('token-url')}" api-host="${rig.emulatorUrl}" chunk-size="5242880"></apivideo-uploader></body></html>`);
    });
    rig.pageOrigin = await listen(pages);
  }, 60_000);
  afterAll(async () => {
    await rig.browser?.close();
    await closeServer(pages);
    await rig.emulator?.close();
    if (rig.dir) rmSync(rig.dir, { recursive: true, force: true });
  });
  return rig;
}

/** A file of `size` bytes that is not all zeros, so a misplaced part changes the checksum. */
export function fileBytes(size: number): Buffer {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i += 512) bytes[i] = (i / 512) % 251;
  return bytes;
}

export interface UploadResult {
  videoId: string;
  stored: EmulatorVideoReport;
  /** The page's own failures and console errors, for the test to show when something went wrong. */
  errors: string[];
}

/**
 * Opens the page with its element pointed at `tokenUrl`, uploads a file of 11 MiB and a bit (three parts of 5 MiB)
 * through the file input, and waits for the element to say it succeeded.
 */
export async function uploadThrough(rig: Rig, tokenUrl: string, fileName = 'clip.mp4'): Promise<UploadResult> {
  const bytes = fileBytes(11 * MiB + 777);
  const path = join(rig.dir, fileName);
  writeFileSync(path, bytes);
  const page = await rig.browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error instanceof Error ? error.message : String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  try {
    await page.goto(`${rig.pageOrigin}/?token-url=${encodeURIComponent(tokenUrl)}`);
    await page.waitForFunction(() => customElements.get('apivideo-uploader') !== undefined);
    await chooseFile(page, 'apivideo-uploader >>> input[type=file]', path);
    await page
      .waitForSelector('apivideo-uploader[state="success"]', { timeout: 30_000 })
      .catch(async (error: unknown) => {
        const state = await page.evaluate(() => document.querySelector('apivideo-uploader')?.getAttribute('state'));
        const text = await page.evaluate(() => document.querySelector('apivideo-uploader')?.shadowRoot?.textContent?.replace(/\s+/g, ' '));
        throw new Error(`The upload did not succeed (state ${state}: ${text}; page errors: ${errors.join(' | ')})`, { cause: error });
      });
    const videoId = await page.evaluate(() => document.querySelector('apivideo-uploader')!.videoId!);
    const stored = await emulatorControl<EmulatorVideoReport>(rig, `videos/${videoId}`);
    expect(stored).toMatchObject({ complete: true, size: bytes.length, receivedParts: [1, 2, 3] });
    expect(stored.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    return { videoId, stored, errors };
  } finally {
    await page.close();
    rmSync(path, { force: true });
  }
}

export async function emulatorControl<T>(rig: Rig, path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(`${rig.emulatorUrl}/__emulator/${path}`, init);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** The emulator forgets every token, video and fault: each test starts from an empty account. */
export async function resetEmulator(rig: Rig): Promise<void> {
  await emulatorControl(rig, 'reset', { method: 'POST' });
}

/**
 * With the video made first, an answer to part 1 lost on its way back (the part is stored, the connection cut) leaves
 * one video: the element sent part 1 into the video the token came with, so sending it again cannot make another.
 */
export async function expectOneVideoDespiteLostAnswer(rig: Rig, tokenUrl: string, title: string): Promise<void> {
  await emulatorControl(rig, 'faults', { method: 'POST', body: JSON.stringify({ part: 1, dropAnswer: true }) });
  const { videoId } = await uploadThrough(rig, tokenUrl, title);
  const requests = await emulatorControl<{ part: number; status: number }[]>(rig, 'requests');
  // The fault did fire: part 1 was cut once, then sent again.
  expect(requests.filter((r) => r.part === 1).map((r) => r.status)[0]).toBe(0);
  const videos = await emulatorControl<EmulatorVideoReport[]>(rig, 'videos');
  expect(videos.map((v) => [v.videoId, v.title, v.complete])).toEqual([[videoId, title, true]]);
}

/** The browser's CORS preflight from the page's origin, for `method`, reaches the handler and is allowed. */
export async function expectPreflightAllowed(rig: Rig, tokenUrl: string, method = 'POST'): Promise<void> {
  const preflight = await fetch(tokenUrl, {
    method: 'OPTIONS',
    headers: { Origin: rig.pageOrigin, 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': 'content-type' },
  });
  expect(preflight.status).toBe(204);
  expect(preflight.headers.get('access-control-allow-origin')).toBe(rig.pageOrigin);
  expect(preflight.headers.get('access-control-allow-methods')).toContain(method);
}

/** The secret the framework sites sign the page's edits with (`metadata`). */
export const EDIT_SECRET = 'the-framework-sites-edit-secret-0123456789';

/**
 * A page's edit through the framework, as a page of another origin sends it: the token's POST answers a capability
 * with the video, the PATCH on the same URL sets its title and thumbnail, and api.video (the emulator) holds them.
 */
export async function expectEditThrough(rig: Rig, tokenUrl: string): Promise<void> {
  await expectPreflightAllowed(rig, tokenUrl, 'PATCH');
  const headers = { Origin: rig.pageOrigin, 'Content-Type': 'application/json' };
  const token = await fetch(tokenUrl, { method: 'POST', headers, body: JSON.stringify({ fileName: 'edit.mp4', fileSize: 1 }) });
  const { videoId, capability } = (await token.json()) as { videoId: string; capability: string };
  expect(capability).toMatch(/^v1\./);
  const edit = { videoId, capability, video: { title: 'Named while it uploads', tags: ['framework'] }, thumbnailTimecode: '00:00:01.000' };
  const edited = await fetch(tokenUrl, { method: 'PATCH', headers, body: JSON.stringify(edit) });
  expect(edited.status, await edited.clone().text()).toBe(200);
  expect(edited.headers.get('access-control-allow-origin')).toBe(rig.pageOrigin);
  expect(await edited.json()).toEqual({ videoId, video: { title: 'Named while it uploads', description: '', tags: ['framework'] }, thumbnailTimecode: '00:00:01.000' });
  const stored = await emulatorControl<EmulatorVideoReport>(rig, `videos/${videoId}`);
  expect(stored).toMatchObject({ title: 'Named while it uploads', thumbnailTimecode: '00:00:01.000' });
  // A field the site did not list is refused, and the video keeps its title.
  const refused = await fetch(tokenUrl, { method: 'PATCH', headers, body: JSON.stringify({ videoId, capability, video: { public: false } }) });
  expect(refused.status).toBe(400);
  expect(await refused.json()).toMatchObject({ code: 'field-not-allowed', field: 'public' });
}
