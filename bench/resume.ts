// 7: resume after a reload. The page uploads a 100 MiB file in 5 MiB parts through the element; part k is held by the
// emulator so it is in flight when the page is reloaded for real; the reloaded page makes the same file again
// (same bytes, name and date, as the same file chosen from disk) and uploads it. What was sent again for parts the
// server had acknowledged before the reload is the figure: the goal is none, beyond the part that was in flight.
// And the fingerprint resume computes when a file is chosen, timed for a 4 GiB file on disk (sparse: its two ends
// written with random bytes, the rest a hole), chosen in a file input, with the long tasks it causes. Then, on the
// same file, the check that follows when a record is found: `ResumeTracker.decide()` reading every part the record
// says the server holds (all but the last) and comparing each one's SHA-256, timed beside one plain read of the
// same bytes in the same rounds; and one part's digest, as an upload takes it while the part goes, against sending
// that part to the emulator.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, openSync, closeSync, rmSync, writeSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { RunRecord } from './page/bench-page.js';
import type { CheckCost } from './page/resume-page.js';
import { DEFAULT_CHUNK_SIZE, MIN_CHUNK_SIZE } from '../src/upload/constants.js';
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
/**
 * The check in the element's default part size, and in the smallest api.video takes (the most parts, so the most
 * per-part work). A round reads the 4 GiB twice (about 1.5 min on this machine): the smallest part size gets one
 * round, and only while the bench's clock allows.
 */
const CHECK = [
  { partMiB: DEFAULT_CHUNK_SIZE / MiB, rounds: 3 },
  { partMiB: MIN_CHUNK_SIZE / MiB, rounds: 1 },
];
const DIGEST_ROUNDS = 10;
/** How often the page's memory is read during the check. */
const MEMORY_SAMPLE_MS = 25;

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
  check: ResumeCheckFigures[];
  digest: PartDigestFigures;
}

/** `decide()` for a file whose record says every part but the last is held. */
export interface ResumeCheckFigures {
  gib: number;
  partMiB: number;
  parts: number;
  held: number;
  /** `decide()` of a fresh tracker and store, the record found: the held parts read again and digested. */
  decideMs: Spread;
  /** The same bytes read once in the same round, part by part, without a digest. */
  readMs: Spread;
  /** decide / read, per round. */
  ratio: Spread;
  /** The record's first writing (`stored()`: every held part's digest, then the sealed save), once. */
  recordMs: number;
  longTasks: number;
  longestMs: number;
  /**
   * The page's memory above its level before, at its highest while `decide()` ran: JS heap and ArrayBuffer backing
   * stores (CDP Runtime.getHeapUsage, every MEMORY_SAMPLE_MS). Null where Chromium does not tell the backing stores.
   */
  peakMiB: number | null;
  /** The control: the same figures while the plain reads ran. */
  read: { longTasks: number; longestMs: number; peakMiB: number | null };
}

/** One part's digest during an upload, against sending that part on loopback. */
export interface PartDigestFigures {
  partMiB: number;
  digestMs: Spread;
  sendMs: Spread;
  /** digest / send, per round. */
  share: Spread;
  /** The send with the digest taken meanwhile, as an upload does, and its ratio to the send alone, per round. */
  sendWithDigestMs: Spread;
  slowdown: Spread;
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
    const { cost, check, digest } = await withBigFile(async (path) => {
      await page.reload();
      await page.waitForFunction(() => 'bench' in window && 'benchResume' in window);
      await page.setInputFiles('#pick', path);
      const cost = await page.evaluate((rounds) => window.bench.fingerprintCost(rounds), FINGERPRINT_ROUNDS);
      const check: ResumeCheckFigures[] = [];
      for (const { partMiB, rounds } of CHECK) {
        if (check.length > 0 && Date.now() > ctx.deadline) {
          ctx.log(`  check in ${partMiB} MiB parts: not measured, the bench's time is up`);
          continue;
        }
        check.push(await checkCost(ctx, page, partMiB, rounds));
      }
      return { cost, check, digest: await digestVsSend(ctx, page) };
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
      check,
      digest,
    };
  } finally {
    await ctx.emulator.control('DELETE', '/__emulator/faults').catch(() => {});
    await ctx.emulator.forgetVideos().catch(() => {});
    await page.close();
  }
}

/** Samples the page's JS heap and ArrayBuffer backing stores until stopped (once; later calls give the same): [epoch ms, bytes]. */
async function memorySampler(page: Page): Promise<() => Promise<{ base: number | null; samples: [number, number][] }>> {
  const cdp = await page.context().newCDPSession(page);
  const read = async () => {
    const usage = await cdp.send('Runtime.getHeapUsage');
    return usage.backingStorageSize === undefined ? null : usage.usedSize + usage.backingStorageSize;
  };
  await cdp.send('HeapProfiler.collectGarbage');
  const base = await read();
  const samples: [number, number][] = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped && base !== null) {
      const at = Date.now();
      const bytes = await read().catch(() => null);
      if (bytes !== null) samples.push([at, bytes]);
      await new Promise((resolve) => setTimeout(resolve, MEMORY_SAMPLE_MS));
    }
  })();
  let done: Promise<{ base: number | null; samples: [number, number][] }> | undefined;
  return () =>
    (done ??= (async () => {
      stopped = true;
      await loop;
      await cdp.detach().catch(() => {});
      return { base, samples };
    })());
}

async function checkCost(ctx: BenchContext, page: Page, partMiB: number, rounds: number): Promise<ResumeCheckFigures> {
  const stopSampling = await memorySampler(page);
  const options = { apiHost: ctx.emulator.url, chunkSize: partMiB * MiB, rounds, deadline: ctx.deadline };
  const cost: CheckCost = await page.evaluate((o) => window.benchResume.checkCost(o), options).finally(() => stopSampling());
  const memory = await stopSampling();
  if (cost.bytes !== FINGERPRINT_GIB * 1024 * MiB) throw new Error(`the checked file is ${cost.bytes} bytes`);
  const peakDuring = (windows: [number, number][]) => {
    const during = memory.samples.filter(([at]) => windows.some(([from, to]) => at >= from && at <= to));
    return memory.base === null || during.length === 0 ? null : (Math.max(...during.map(([, bytes]) => bytes)) - memory.base) / MiB;
  };
  const peakMiB = peakDuring(cost.decideAt);
  const longest = (tasks: { ms: number }[]) => Math.max(0, ...tasks.map((task) => task.ms));
  const ratio = cost.decideMs.map((ms, i) => ms / cost.readMs[i]);
  const figures: ResumeCheckFigures = {
    gib: FINGERPRINT_GIB,
    partMiB,
    parts: cost.parts,
    held: cost.held,
    decideMs: spread(cost.decideMs),
    readMs: spread(cost.readMs),
    ratio: spread(ratio),
    recordMs: cost.recordMs,
    longTasks: cost.longTasks.length,
    longestMs: longest(cost.longTasks),
    peakMiB,
    read: { longTasks: cost.readLongTasks.length, longestMs: longest(cost.readLongTasks), peakMiB: peakDuring(cost.readAt) },
  };
  const ms = (values: number[]) => values.map((v) => v.toFixed(0)).join(', ');
  const mib = (value: number | null) => (value === null ? 'n/a' : `${value.toFixed(0)} MiB`);
  ctx.log(
    `  check of ${cost.held} of ${cost.parts} parts of ${partMiB} MiB: decide() ${ms(cost.decideMs)} ms; read alone ${ms(cost.readMs)} ms; ` +
      `ratio ${ratio.map((r) => r.toFixed(2)).join(', ')}; long tasks ${cost.longTasks.length} (read alone ${cost.readLongTasks.length}); ` +
      `peak ${mib(peakMiB)} (read alone ${mib(figures.read.peakMiB)}); digests in the worker ${cost.digestsTaken.worker}, ` +
      `on the main thread ${cost.digestsTaken.mainThread}`,
  );
  return figures;
}

async function digestVsSend(ctx: BenchContext, page: Page): Promise<PartDigestFigures> {
  const partMiB = DEFAULT_CHUNK_SIZE / MiB;
  const { token } = await ctx.emulator.control<{ token: string }>('POST', '/__emulator/tokens', { ttl: 0 });
  try {
    const options = { apiHost: ctx.emulator.url, token, chunkSize: partMiB * MiB, rounds: DIGEST_ROUNDS };
    const d = await page.evaluate((o) => window.benchResume.digestVsSend(o), options);
    for (const videoId of d.videoIds) await checkStored(ctx, videoId, partMiB * MiB);
    const share = d.digestMs.map((ms, i) => ms / d.sendMs[i]);
    const slowdown = d.sendWithDigestMs.map((ms, i) => ms / d.sendMs[i]);
    const ms = (values: number[]) => values.map((v) => v.toFixed(0)).join(', ');
    ctx.log(
      `  one ${partMiB} MiB part: digest ${ms(d.digestMs)} ms; send ${ms(d.sendMs)} ms; send with the digest meanwhile ${ms(d.sendWithDigestMs)} ms`,
    );
    return {
      partMiB,
      digestMs: spread(d.digestMs),
      sendMs: spread(d.sendMs),
      share: spread(share),
      sendWithDigestMs: spread(d.sendWithDigestMs),
      slowdown: spread(slowdown),
    };
  } finally {
    await ctx.emulator.forgetVideos().catch(() => {});
  }
}
