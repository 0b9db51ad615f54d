// 9: recording. The element records Chromium's fake camera (a browser of its own, launched with the fake-device
// flags) on the bench page and uploads while it records, in parts forced small (the emulator's minPartBytes lowered
// to match) so that several go during the recording. Two figures:
// - the time from stopRecording() to upload-success, over `runs` recordings of FIXED_SECONDS each, beside the upload
//   time (send → answer) of the parts sent while recording in the same run: the goal is under one part plus 1 s;
// - the page's JS heap over one recording of `minutes`, read after a forced GC (CDP HeapProfiler.collectGarbage, then
//   Runtime.getHeapUsage) every `sampleSeconds`: the goal is a heap that does not grow with the recording's length.
// Every recording is checked whole on the emulator (its size is the bytes recording-stop told) before it counts.
import type { Browser, CDPSession, Page } from 'playwright-core';
import type { RecordingOutcome } from './page/recording-page.js';
import { checkStored, type BenchContext } from './lib/context.js';
import { launchBrowser, openBenchPage } from './lib/browser.js';
import { MiB, spread, type Spread } from './lib/stats.js';

const RECORDING_PART_KIB = 256;
export const FIXED_SECONDS = 20;
/** The goal for stop → upload-success: one part's upload time plus this. */
const STOP_MARGIN_MS = 1000;
/**
 * "Bounded": over the second half of the long recording, the heap grows by less than this per minute, half a MiB in
 * ten minutes. Keeping each sent part's request (one XHR, its form data and answer, about 4 KiB) grows it by 0.07 MiB
 * a minute at these part sizes; what Chromium itself buffers (layout-shift and resource-timing entries, its media
 * inspector's players) grows it by about 0.015 until its buffers are full.
 */
const BOUNDED_MIB_PER_MINUTE = 0.05;
const MAX_SAMPLE_SECONDS = 30;
const SETTLE_TIMEOUT_MS = 60_000;

export interface HeapSample {
  atSeconds: number;
  heapMiB: number;
  recordedMiB: number;
  parts: number;
}

export interface RecordingResult {
  partKiB: number;
  mimeType: string;
  fixed: {
    seconds: number;
    runs: number;
    /** The goal: stop → success under one part's upload time plus this. */
    marginMs: number;
    stopToSuccessMs: Spread;
    /** Median upload time of the parts sent while recording, one figure per run. */
    partUploadMs: Spread;
    /** The last part's upload time (sent after stop). */
    lastPartMs: Spread;
    /** stop → success minus (one part + the margin), per run: the goal is met below 0. */
    overGoalMs: Spread;
    recordedMiB: Spread;
    partsBeforeStop: Spread;
    parts: Spread;
  };
  long: {
    minutes: number;
    sampleSeconds: number;
    /** The goal: growth over the second half under this, per minute. */
    boundedMiBPerMinute: number;
    samples: HeapSample[];
    firstMiB: number;
    lastMiB: number;
    maxMiB: number;
    /** Least-squares slope of the heap over the second half of the samples. */
    secondHalfMiBPerMinute: number;
    recordedMiB: number;
    parts: number;
    partsBeforeStop: number;
    stopToSuccessMs: number;
    partUploadMs: number;
  };
}

const median = (values: number[]) => spread(values).median;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Slope of y over x, least squares; NaN with fewer than two points. */
function slope(points: { x: number; y: number }[]): number {
  if (points.length < 2) return NaN;
  const mx = points.reduce((s, p) => s + p.x, 0) / points.length;
  const my = points.reduce((s, p) => s + p.y, 0) / points.length;
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  const sxy = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  return sxx === 0 ? NaN : sxy / sxx;
}

/** The page's JS heap in use after a forced garbage collection, MiB. */
async function heapAfterGc(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  return usedSize / MiB;
}

/**
 * One recording of `seconds`: started, `during` called while it runs (it returns once the length is reached),
 * stopped, checked whole on the emulator.
 */
async function record(ctx: BenchContext, page: Page, seconds: number, during: (startedAt: number) => Promise<void>): Promise<RecordingOutcome> {
  await ctx.emulator.forgetVideos();
  await page.evaluate(
    (o) => window.benchRecording.start(o),
    { apiHost: ctx.emulator.url, tokenUrl: '/api/upload-token?ttl=3600', partSize: RECORDING_PART_KIB * 1024 },
  );
  const startedAt = Date.now();
  await during(startedAt);
  const left = startedAt + seconds * 1000 - Date.now();
  if (left > 0) await sleep(left);
  const outcome = await page.evaluate((ms) => window.benchRecording.stop(ms), SETTLE_TIMEOUT_MS);
  if (!outcome.ok) throw new Error(`the recording failed: ${outcome.error}`);
  await checkStored(ctx, outcome.videoId, outcome.bytes);
  return outcome;
}

export async function measureRecording(ctx: BenchContext, runs: number, minutes: number): Promise<RecordingResult> {
  const { minPartBytes } = await ctx.emulator.control<{ minPartBytes: number }>('GET', '/__emulator/config');
  await ctx.emulator.control('POST', '/__emulator/config', { minPartBytes: RECORDING_PART_KIB * 1024 });
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser({ fakeMedia: true });
    const page = await openBenchPage(browser, ctx.site.url);
    await page.waitForFunction(() => 'benchRecording' in window);
    const fixed: RecordingOutcome[] = [];
    // The first recording runs whatever the clock says: the section measures nothing without one.
    for (let run = 0; run < runs && (run === 0 || Date.now() < ctx.deadline); run++) {
      const outcome = await record(ctx, page, FIXED_SECONDS, async () => {});
      fixed.push(outcome);
      ctx.log(
        `  ${FIXED_SECONDS} s recording: stop → upload-success ${outcome.stopToSuccessMs.toFixed(0)} ms, one part ${median(outcome.partUploadMs).toFixed(1)} ms; ` +
          `${(outcome.bytes / MiB).toFixed(2)} MiB in ${outcome.parts} parts, ${outcome.partsBeforeStop} before stop`,
      );
    }

    const sampleSeconds = Math.min(MAX_SAMPLE_SECONDS, (minutes * 60) / 10);
    const samples: HeapSample[] = [];
    const cdp = await page.context().newCDPSession(page);
    const long = await record(ctx, page, minutes * 60, async (startedAt) => {
      const end = startedAt + minutes * 60_000;
      for (let next = startedAt; next <= end; next += sampleSeconds * 1000) {
        if (next > Date.now()) await sleep(next - Date.now());
        const heapMiB = await heapAfterGc(cdp);
        const { recordedBytes, parts, error } = await page.evaluate(() => window.benchRecording.progress());
        if (error) throw new Error(`the long recording failed: ${error}`);
        samples.push({ atSeconds: (Date.now() - startedAt) / 1000, heapMiB, recordedMiB: recordedBytes / MiB, parts });
        ctx.log(`  ${samples.at(-1)!.atSeconds.toFixed(0)} s: heap ${heapMiB.toFixed(2)} MiB after GC, ${(recordedBytes / MiB).toFixed(1)} MiB recorded, ${parts} parts sent`);
      }
    });
    await cdp.detach();
    const half = samples.filter((s) => s.atSeconds >= (minutes * 60) / 2);
    const heap = samples.map((s) => s.heapMiB);
    ctx.log(`  ${minutes} min recording: stop → upload-success ${long.stopToSuccessMs.toFixed(0)} ms; ${(long.bytes / MiB).toFixed(1)} MiB in ${long.parts} parts`);
    return {
      partKiB: RECORDING_PART_KIB,
      mimeType: fixed[0].mimeType,
      fixed: {
        seconds: FIXED_SECONDS,
        runs: fixed.length,
        marginMs: STOP_MARGIN_MS,
        stopToSuccessMs: spread(fixed.map((o) => o.stopToSuccessMs)),
        partUploadMs: spread(fixed.map((o) => median(o.partUploadMs))),
        lastPartMs: spread(fixed.map((o) => o.lastPartMs)),
        overGoalMs: spread(fixed.map((o) => o.stopToSuccessMs - median(o.partUploadMs) - STOP_MARGIN_MS)),
        recordedMiB: spread(fixed.map((o) => o.bytes / MiB)),
        partsBeforeStop: spread(fixed.map((o) => o.partsBeforeStop)),
        parts: spread(fixed.map((o) => o.parts)),
      },
      long: {
        minutes,
        sampleSeconds,
        boundedMiBPerMinute: BOUNDED_MIB_PER_MINUTE,
        samples,
        firstMiB: heap[0],
        lastMiB: heap.at(-1)!,
        maxMiB: Math.max(...heap),
        secondHalfMiBPerMinute: slope(half.map((s) => ({ x: s.atSeconds / 60, y: s.heapMiB }))),
        recordedMiB: long.bytes / MiB,
        parts: long.parts,
        partsBeforeStop: long.partsBeforeStop,
        stopToSuccessMs: long.stopToSuccessMs,
        partUploadMs: median(long.partUploadMs),
      },
    };
  } finally {
    await browser?.close().catch(() => {});
    await ctx.emulator.control('POST', '/__emulator/config', { minPartBytes }).catch(() => {});
    await ctx.emulator.forgetVideos().catch(() => {});
  }
}
