// 10: what the element costs a page that loads it, against Mux Uploader on the same kind of page
// (bench/page/load-pages.ts: the element alone, its script in the head, every script gzipped as a site sends it).
// - Bytes: every script the page fetched until the element was painted and the load event had fired (the first load),
//   what the element fetched after (its idle prefetch), and everything a single file's upload fetched by its
//   `upload-success`; each file counted as gzip -9 of its bytes. A fresh browser context, no throttling.
// - Painted: the page's first contentful paint (the element is all it shows) on a slow phone's profile: Chromium's
//   network held to 150 ms RTT, 1.6 Mbit/s down and 750 kbit/s up, its CPU slowed four times (Lighthouse's "slow 4G"),
//   a fresh context for every page; ours and Mux's in pairs, the order alternating pair by pair.
// - File chosen → the first part's first byte (its XHR `send()`), on loopback and on the same slow profile: the file
//   given at the load event with the upload not yet fetched, given once the idle prefetch has fetched it, and given at
//   the load event on a page that preloads it (`<link rel="modulepreload">`, docs/element.md). Modes in turn, a fresh
//   context each.
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import type { BenchContext } from './lib/context.js';
import { LOAD_CHUNK_SIZE, MUX_FILE, uploadPreloads } from './lib/site.js';
import { BUNDLE } from './bundle-size.js';
import { spread, type Spread } from './lib/stats.js';

/** Lighthouse's slow 4G with a mid-range phone's CPU. */
export const SLOW_PHONE = { latencyMs: 150, downloadKbps: 1600, uploadKbps: 750, cpuSlowdown: 4 };
const TIMEOUT_MS = 60_000;

export interface FileBytes {
  file: string;
  gzip: number;
}

export interface FilesFetched {
  files: FileBytes[];
  /** gzip -9 bytes of them all, each file compressed on its own. */
  gzip: number;
}

type Mode = 'notLoaded' | 'prefetched' | 'eager';
const MODES: Mode[] = ['notLoaded', 'prefetched', 'eager'];

export interface FirstByteFigures {
  profile: 'loopback' | 'slow phone';
  runs: number;
  /** File given → the first part's `send()`, ms. */
  ms: Record<Mode, Spread>;
  /** Each mode's run minus the eager run of the same round, ms. */
  laterThanEager: Record<Exclude<Mode, 'eager'>, Spread>;
}

export interface LoadResult {
  profile: typeof SLOW_PHONE;
  /** Until painted and the load event fired. */
  firstLoad: { ours: FilesFetched; mux: FilesFetched };
  /** Fetched by our element after that, without any sign of intent: its idle prefetch. */
  idlePrefetch: FilesFetched;
  /** Every script a page fetched by the `upload-success` of one file (Mux: its one file holds its upload). */
  singleUpload: { ours: FilesFetched; mux: FilesFetched };
  /** First contentful paint on the slow profile, ms after navigation, pair by pair. */
  paint: { pairs: number; oursMs: Spread; muxMs: Spread; ratio: Spread };
  firstByte: FirstByteFigures[];
}

/** The pages' scripts as served, gzip -9 each, by the path the page fetched them at. */
function bytesOf(ctx: BenchContext, paths: string[]): FilesFetched {
  const files = [...new Set(paths)]
    .filter((path) => path.startsWith('/gz/'))
    .map((path) => {
      const name = basename(path);
      const onDisk = name === 'mux-uploader.mjs' ? join(ctx.root, MUX_FILE) : join(ctx.root, 'dist', name);
      return { file: name, gzip: gzipSync(readFileSync(onDisk), { level: 9 }).length };
    });
  return { files, gzip: files.reduce((sum, f) => sum + f.gzip, 0) };
}

async function freshPage(ctx: BenchContext, slow: boolean): Promise<{ context: BrowserContext; page: Page }> {
  const context = await ctx.browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  page.on('pageerror', (error) => console.error(`  page error: ${error.message}`));
  if (slow) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: SLOW_PHONE.latencyMs,
      downloadThroughput: (SLOW_PHONE.downloadKbps * 1000) / 8,
      uploadThroughput: (SLOW_PHONE.uploadKbps * 1000) / 8,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOW_PHONE.cpuSlowdown });
  }
  return { context, page };
}

/** After the load event: the first contentful paint, the load event's end, and every resource with its start. */
async function pageTimes(page: Page): Promise<{ fcp: number; loadEnd: number; resources: { path: string; start: number }[] }> {
  await page.waitForFunction(
    () =>
      performance.getEntriesByName('first-contentful-paint').length > 0 &&
      (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)?.loadEventEnd! > 0,
  );
  return page.evaluate(() => ({
    fcp: performance.getEntriesByName('first-contentful-paint')[0]!.startTime,
    loadEnd: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd,
    resources: performance.getEntriesByType('resource').map((entry) => ({ path: new URL(entry.name).pathname, start: entry.startTime })),
  }));
}

/** The resources until the page is quiet: no new one for `quietMs` (at most `maxMs`). */
async function untilQuiet(page: Page, quietMs = 1500, maxMs = 10_000): Promise<string[]> {
  const started = Date.now();
  let count = -1;
  let since = Date.now();
  for (;;) {
    const paths = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname));
    if (paths.length !== count) {
      count = paths.length;
      since = Date.now();
    }
    if (Date.now() - since >= quietMs || Date.now() - started >= maxMs) return paths;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function measureBytes(ctx: BenchContext): Promise<Pick<LoadResult, 'firstLoad' | 'idlePrefetch' | 'singleUpload'>> {
  const ours = await freshPage(ctx, false);
  try {
    await ours.page.goto(`${ctx.site.url}/load/ours`);
    const { fcp, loadEnd, resources } = await pageTimes(ours.page);
    const cut = Math.max(fcp, loadEnd);
    const first = resources.filter((r) => r.start <= cut).map((r) => r.path);
    const quiet = await untilQuiet(ours.page);
    const prefetch = quiet.filter((path) => !first.includes(path));
    const outcome = await ours.page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const el = document.querySelector('apivideo-uploader')!;
          el.addEventListener('upload-success', () => resolve('success'));
          el.addEventListener('upload-error', (event) => resolve(`upload-error ${event.detail.code}`));
          window.loadBench.give();
        }),
    );
    if (outcome !== 'success') throw new Error(`the single-file upload failed: ${outcome}`);
    const all = await ours.page.evaluate(() => performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname));
    await ctx.emulator.forgetVideos();

    const mux = await freshPage(ctx, false);
    try {
      await mux.page.goto(`${ctx.site.url}/load/mux`);
      const times = await pageTimes(mux.page);
      const muxFirst = times.resources.filter((r) => r.start <= Math.max(times.fcp, times.loadEnd)).map((r) => r.path);
      const muxAll = await untilQuiet(mux.page);
      return {
        firstLoad: { ours: bytesOf(ctx, first), mux: bytesOf(ctx, muxFirst) },
        idlePrefetch: bytesOf(ctx, prefetch),
        singleUpload: { ours: bytesOf(ctx, all), mux: bytesOf(ctx, muxAll) },
      };
    } finally {
      await mux.context.close();
    }
  } finally {
    await ours.context.close();
  }
}

async function paintOnce(ctx: BenchContext, which: 'ours' | 'mux'): Promise<number> {
  const { context, page } = await freshPage(ctx, true);
  try {
    await page.goto(`${ctx.site.url}/load/${which}`);
    return (await pageTimes(page)).fcp;
  } finally {
    await context.close();
  }
}

/** One file given in `mode`, on a fresh page: ms from `upload()` to the first part's `send()`. */
async function firstByteOnce(ctx: BenchContext, mode: Mode, slow: boolean, preloads: string[]): Promise<number> {
  const { context, page } = await freshPage(ctx, slow);
  try {
    const path = mode === 'eager' ? '/load/eager?give=load' : mode === 'notLoaded' ? '/load/ours?give=load' : '/load/ours';
    await page.goto(`${ctx.site.url}${path}`);
    if (mode === 'prefetched') {
      // The idle prefetch has fetched every file of the upload, and the page has had a moment to run them.
      await page.waitForFunction(
        (files) => files.every((file) => performance.getEntriesByType('resource').some((entry) => entry.name.endsWith(`/gz/${file}`) && (entry as PerformanceResourceTiming).responseEnd > 0)),
        preloads,
      );
      await page.waitForTimeout(500);
      await page.evaluate(() => window.loadBench.give());
    }
    await page.waitForFunction(() => window.loadBench.uploadSentAt !== null);
    const { givenAt, sentAt, fetchedBefore } = await page.evaluate((files) => {
      const given = window.loadBench.givenAt!;
      // Files of the upload that had started arriving before the file was given.
      const before = performance
        .getEntriesByType('resource')
        .filter((entry) => files.some((file) => entry.name.endsWith(`/gz/${file}`)) && entry.startTime < given).length;
      return { givenAt: given, sentAt: window.loadBench.uploadSentAt!, fetchedBefore: before };
    }, preloads);
    if (mode === 'notLoaded' && fetchedBefore > 0) throw new Error('the upload was fetched before the file was given: not a "not loaded" run');
    await page.evaluate(() => (document.querySelector('apivideo-uploader') as unknown as { reset(): void }).reset());
    return sentAt - givenAt;
  } finally {
    await context.close();
  }
}

export async function measureLoad(ctx: BenchContext, pairs: number): Promise<LoadResult> {
  const bytes = await measureBytes(ctx);
  ctx.log(
    `  first load: ours ${bytes.firstLoad.ours.gzip} B gzip (${bytes.firstLoad.ours.files.map((f) => f.file).join(', ')}), ` +
      `Mux ${bytes.firstLoad.mux.gzip} B; idle prefetch ${bytes.idlePrefetch.gzip} B; single upload ${bytes.singleUpload.ours.gzip} B`,
  );

  const ours: number[] = [];
  const mux: number[] = [];
  const ratio: number[] = [];
  // A first page of each, not counted: the browser's own start-up (its network service, its disk cache's files).
  await paintOnce(ctx, 'ours');
  await paintOnce(ctx, 'mux');
  for (let pair = 0; pair < pairs && Date.now() < ctx.deadline; pair++) {
    const order: ('ours' | 'mux')[] = pair % 2 === 0 ? ['ours', 'mux'] : ['mux', 'ours'];
    const ms: Record<string, number> = {};
    for (const which of order) ms[which] = await paintOnce(ctx, which);
    ours.push(ms.ours);
    mux.push(ms.mux);
    ratio.push(ms.ours / ms.mux);
    ctx.log(`  pair ${pair + 1}: painted, ours ${ms.ours.toFixed(0)} ms, Mux ${ms.mux.toFixed(0)} ms`);
  }

  const preloads = uploadPreloads(join(ctx.root, BUNDLE));
  const firstByte: FirstByteFigures[] = [];
  for (const slow of [false, true]) {
    const ms = Object.fromEntries(MODES.map((mode) => [mode, [] as number[]])) as Record<Mode, number[]>;
    const later = { notLoaded: [] as number[], prefetched: [] as number[] };
    for (let round = 0; round < pairs && Date.now() < ctx.deadline; round++) {
      const order = MODES.map((_, i) => MODES[(i + round) % MODES.length]!);
      const run: Partial<Record<Mode, number>> = {};
      for (const mode of order) run[mode] = await firstByteOnce(ctx, mode, slow, preloads);
      for (const mode of MODES) ms[mode].push(run[mode]!);
      later.notLoaded.push(run.notLoaded! - run.eager!);
      later.prefetched.push(run.prefetched! - run.eager!);
      await ctx.emulator.forgetVideos();
    }
    const figures: FirstByteFigures = {
      profile: slow ? 'slow phone' : 'loopback',
      runs: ms.eager.length,
      ms: { notLoaded: spread(ms.notLoaded), prefetched: spread(ms.prefetched), eager: spread(ms.eager) },
      laterThanEager: { notLoaded: spread(later.notLoaded), prefetched: spread(later.prefetched) },
    };
    firstByte.push(figures);
    ctx.log(
      `  ${figures.profile}: file given → first byte, not loaded ${ms.notLoaded.map((x) => x.toFixed(0)).join(', ')} ms; ` +
        `prefetched ${ms.prefetched.map((x) => x.toFixed(0)).join(', ')} ms; eager ${ms.eager.map((x) => x.toFixed(0)).join(', ')} ms`,
    );
  }

  return {
    profile: SLOW_PHONE,
    ...bytes,
    paint: { pairs: ours.length, oursMs: spread(ours), muxMs: spread(mux), ratio: spread(ratio) },
    firstByte,
  };
}

declare global {
  interface Window {
    loadBench: { uploadSentAt: number | null; givenAt: number | null; give(): void };
  }
}
