// 7: resume after a reload. The page uploads a 100 MiB file in 5 MiB parts through the element; part k is held by the
// emulator so it is in flight when the page is reloaded for real; the reloaded page makes the same file again
// (same bytes, name and date, as the same file chosen from disk) and uploads it. What was sent again for parts the
// server had acknowledged before the reload is the figure: the goal is none, beyond the part that was in flight.
// And the fingerprint resume computes when a file is chosen, timed for a 4 GiB file on disk (sparse: its two ends
// written with random bytes, the rest a hole), chosen in a file input, with the long tasks it causes.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, openSync, closeSync, rmSync, writeSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { RunRecord } from './page/bench-page.js';
import { checkStored, type BenchContext } from './lib/context.js';
import { openBenchPage } from './lib/browser.js';
import type { UploadLogEntry } from './lib/emulator-process.js';
import { MiB, spread, type Spread } from './lib/stats.js';

const FILE_MIB = 100;
const PART_MIB = 5;
const RELOAD_AT_PARTS = [2, 10, 19];
const SEED = 0x5eed;
const HOLD_MS = 15_000;
const UPLOAD_TIMEOUT_MS = 180_000;
const FINGERPRINT_GIB = 4;
const FINGERPRINT_ROUNDS = 20;

export interface ResumeAtPart {
  part: number;
  runs: number;
  /** Bytes sent after the reload for parts the server had acknowledged before it. */
  resentMiB: Spread;
  /** The first part sent after the reload. */
  firstPartSent: Spread;
  /** Whether every run went on into the video it began. */
  sameVideo: boolean;
}

export interface ResumeResult {
  partMiB: number;
  fileMiB: number;
  atPart: ResumeAtPart[];
  fingerprint: { gib: number; ms: Spread; longTasks: number; longestMs: number };
}

const requests = (ctx: BenchContext) => ctx.emulator.control<UploadLogEntry[]>('GET', '/__emulator/requests');

async function untilLogged(ctx: BenchContext, part: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await requests(ctx)).some((entry) => entry.part === part)) {
    if (Date.now() > deadline) throw new Error(`part ${part} never reached the emulator`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Frees the files of earlier runs: the browser keeps a blob's bytes until the page's last reference to it is
 * collected, a page gone by a reload included, and the blob store of a private context is bounded (a new file past
 * its limit cannot be read: its requests fail with a network error before a byte leaves).
 */
async function collectGarbage(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
  } finally {
    await cdp.detach();
  }
}

async function reloadAt(ctx: BenchContext, page: Page, part: number): Promise<{ resent: number; firstSent: number; sameVideo: boolean }> {
  const options = { apiHost: ctx.emulator.url, tokenUrl: '/api/upload-token?ttl=3600', chunkSize: PART_MIB * MiB, timeoutMs: UPLOAD_TIMEOUT_MS };
  await ctx.emulator.forgetVideos();
  await ctx.emulator.control('DELETE', '/__emulator/faults');
  await ctx.emulator.control('POST', '/__emulator/faults', { part, delayMs: HOLD_MS, times: 1 });
  await page.evaluate(([mib, seed]) => window.bench.makeSeededFile(mib, seed), [FILE_MIB, SEED] as const);
  await page.evaluate((o) => void window.bench.elementUpload(o), options);
  await untilLogged(ctx, part);
  const before = await requests(ctx);
  const acknowledged = new Set(before.filter((entry) => entry.status === 201).map((entry) => entry.part));
  const videoBefore = before.find((entry) => entry.status === 201)?.videoId;
  await page.reload();
  await page.waitForFunction(() => 'bench' in window);
  await collectGarbage(page);
  await page.evaluate(() => window.bench.loadElement());
  const bytes = await page.evaluate(([mib, seed]) => window.bench.makeSeededFile(mib, seed), [FILE_MIB, SEED] as const);
  const record: RunRecord = await page.evaluate((o) => window.bench.elementUpload(o), options);
  if (!record.ok) throw new Error(`the upload after the reload at part ${part} failed: ${record.error}`);
  await checkStored(ctx, record.videoId, bytes);
  // Seen from the page: every byte it sent after the reload for a part the server already held.
  await page.evaluate(() => window.bench.dropFile());
  const resent = record.uploads.filter((u) => u.part !== null && acknowledged.has(u.part)).reduce((sum, u) => sum + u.sentBytes, 0);
  return { resent, firstSent: record.uploads[0]?.part ?? 0, sameVideo: record.videoId === videoBefore };
}

/** A 4 GiB file on disk for `use`, removed after: its first and last MiB random, the rest a hole in the file. */
async function withBigFile<T>(use: (path: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-fingerprint-'));
  const path = join(dir, 'big.mp4');
  const fd = openSync(path, 'w');
  try {
    const size = FINGERPRINT_GIB * 1024 * MiB;
    ftruncateSync(fd, size);
    writeSync(fd, randomBytes(MiB), 0, MiB, 0);
    writeSync(fd, randomBytes(MiB), 0, MiB, size - MiB);
  } finally {
    closeSync(fd);
  }
  try {
    return await use(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function measureResume(ctx: BenchContext, runs: number): Promise<ResumeResult> {
  const page = await openBenchPage(ctx.browser, ctx.site.url);
  // A reload asks before leaving a page with an upload under way only after a visitor's gesture; accept it regardless.
  page.on('dialog', (dialog) => void dialog.accept());
  const atPart: ResumeAtPart[] = [];
  try {
    await page.evaluate(() => window.bench.loadElement());
    for (const part of RELOAD_AT_PARTS) {
      const all: { resent: number; firstSent: number; sameVideo: boolean }[] = [];
      for (let run = 0; run < runs && Date.now() < ctx.deadline; run++) {
        // Each run begins on a page a reload left: the element's module is loaded again.
        await page.evaluate(() => window.bench.loadElement());
        const figures = await reloadAt(ctx, page, part);
        all.push(figures);
        ctx.log(`  reload at part ${part}: first part sent after it ${figures.firstSent}, ${(figures.resent / MiB).toFixed(1)} MiB sent again`);
      }
      atPart.push({
        part,
        runs: all.length,
        resentMiB: spread(all.map((f) => f.resent / MiB)),
        firstPartSent: spread(all.map((f) => f.firstSent)),
        sameVideo: all.every((f) => f.sameVideo),
      });
    }
    const cost = await withBigFile(async (path) => {
      await page.reload();
      await page.waitForFunction(() => 'bench' in window);
      await page.setInputFiles('#pick', path);
      return page.evaluate((rounds) => window.bench.fingerprintCost(rounds), FINGERPRINT_ROUNDS);
    });
    if (cost.bytes !== FINGERPRINT_GIB * 1024 * MiB) throw new Error(`the fingerprinted file is ${cost.bytes} bytes`);
    ctx.log(`  fingerprint of ${FINGERPRINT_GIB} GiB: ${cost.ms.map((ms) => ms.toFixed(1)).join(', ')} ms; ${cost.longTasks.length} long task(s)`);
    return {
      partMiB: PART_MIB,
      fileMiB: FILE_MIB,
      atPart,
      fingerprint: {
        gib: FINGERPRINT_GIB,
        ms: spread(cost.ms),
        longTasks: cost.longTasks.length,
        longestMs: Math.max(0, ...cost.longTasks.map((task) => task.ms)),
      },
    };
  } finally {
    await ctx.emulator.control('DELETE', '/__emulator/faults').catch(() => {});
    await ctx.emulator.forgetVideos().catch(() => {});
    await page.close();
  }
}
