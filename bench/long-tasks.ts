// 5: long tasks on the page's main thread during a 192 MiB upload through the element. Two witnesses:
// the page's own PerformanceObserver('longtask') (wall-clock, what the goal counts), and a Chromium trace of the
// same run, whose per-task CPU time (tdur) tells a task that worked for 50 ms from one that waited for a core on a
// busy machine. Traced runs are separate from the throughput runs so tracing costs those nothing.
// The same trace gives the main thread's total CPU time over the upload, next to the same 50 MiB parts sent by hand
// (one XHR each): the element's own cost in CPU, a figure the machine's load does not move the way it moves speeds.
import type { Page } from 'playwright-core';
import type { BenchContext } from './lib/context.js';
import { checkStored } from './lib/context.js';
import { openBenchPage } from './lib/browser.js';
import { MiB, spread, type Spread } from './lib/stats.js';
import { THROUGHPUT_MIB } from './throughput.js';
import type { RunRecord } from './page/bench-page.js';

const UPLOAD_TIMEOUT_MS = 180_000;
const LONG_MS = 50;
const PART_SIZES_MIB = [50, 5];
const HAND_PART_MIB = 50;

export interface LongTaskFigures {
  partMiB: number;
  runs: number;
  /** Entries the page's PerformanceObserver reported. */
  observed: Spread;
  /** Main-thread tasks in the trace longer than 50 ms of wall time. */
  tracedWall: Spread;
  /** Main-thread tasks in the trace that used more than 50 ms of CPU. */
  tracedCpu: Spread;
  longestWallMs: number;
  longestCpuMs: number;
  /** CPU time of all the page's main-thread tasks during the upload, ms. */
  mainThreadCpuMs: Spread;
}

export interface LongTaskResult {
  element: LongTaskFigures[];
  /** Main-thread CPU while the same 50 MiB parts go out by hand, ms. */
  byHandMainThreadCpuMs: Spread;
  /** Main-thread CPU of the element in 50 MiB parts with its progress bar's transition off, ms. */
  stillMainThreadCpuMs: Spread;
}

interface TraceEvent {
  ph: string;
  name: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/** The renderer main thread's tasks in a Chromium trace: wall time and CPU time of each. */
export function mainThreadTasks(trace: Buffer): { wallMs: number; cpuMs: number }[] {
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const mains = new Set(
    events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  return events
    .filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && mains.has(`${e.pid}:${e.tid}`))
    .map((e) => ({ wallMs: (e.dur ?? 0) / 1000, cpuMs: (e.tdur ?? 0) / 1000 }));
}

/** One upload under a Chromium trace, its bytes checked on the emulator and the video then forgotten. */
export async function tracedUpload(
  ctx: BenchContext,
  page: Page,
  bytes: number,
  what: string,
  upload: () => Promise<RunRecord>,
): Promise<{ record: RunRecord; tasks: { wallMs: number; cpuMs: number }[] }> {
  await ctx.browser.startTracing(page, { categories: ['toplevel', 'disabled-by-default-devtools.timeline'] });
  let trace: Buffer;
  const record = await upload().finally(async () => (trace = await ctx.browser.stopTracing()));
  if (!record.ok) throw new Error(`${what} failed: ${record.error}`);
  await checkStored(ctx, record.videoId, bytes);
  await ctx.emulator.forgetVideos();
  return { record, tasks: mainThreadTasks(trace!) };
}

export async function measureLongTasks(ctx: BenchContext, runs: number): Promise<LongTaskResult> {
  const page = await openBenchPage(ctx.browser, ctx.site.url);
  const results: LongTaskFigures[] = [];
  const byHandCpu: number[] = [];
  const stillCpu: number[] = [];
  try {
    await page.evaluate(() => window.bench.loadElement());
    const bytes = await page.evaluate((mib) => window.bench.makeFile(mib), THROUGHPUT_MIB);
    const figures = new Map(
      PART_SIZES_MIB.map((mib) => [mib, { observed: [] as number[], wall: [] as number[], cpu: [] as number[], total: [] as number[], longestWall: 0, longestCpu: 0 }]),
    );
    for (let run = 0; run < runs && Date.now() < ctx.deadline; run++) {
      const { token } = await ctx.emulator.control<{ token: string }>('POST', '/__emulator/tokens', { ttl: 0 });
      const hand = await tracedUpload(ctx, page, bytes, 'upload by hand', () =>
        page.evaluate((a) => window.bench.rawPartsUpload(a.apiHost, a.token, a.chunkSize, a.timeoutMs), {
          apiHost: ctx.emulator.url,
          token,
          chunkSize: HAND_PART_MIB * MiB,
          timeoutMs: UPLOAD_TIMEOUT_MS,
        }),
      );
      byHandCpu.push(hand.tasks.reduce((sum, t) => sum + t.cpuMs, 0));
      const still = await tracedUpload(ctx, page, bytes, 'upload', () =>
        page.evaluate((options) => window.bench.elementUpload(options), {
          apiHost: ctx.emulator.url,
          tokenUrl: '/api/upload-token?ttl=3600',
          chunkSize: HAND_PART_MIB * MiB,
          noProgressTransition: true,
          timeoutMs: UPLOAD_TIMEOUT_MS,
        }),
      );
      stillCpu.push(still.tasks.reduce((sum, t) => sum + t.cpuMs, 0));
      for (const partMiB of PART_SIZES_MIB) {
        const { record, tasks } = await tracedUpload(ctx, page, bytes, 'upload', () =>
          page.evaluate((options) => window.bench.elementUpload(options), {
            apiHost: ctx.emulator.url,
            tokenUrl: '/api/upload-token?ttl=3600',
            chunkSize: partMiB * MiB,
            timeoutMs: UPLOAD_TIMEOUT_MS,
          }),
        );
        if (tasks.length === 0) throw new Error('the trace holds no main-thread task: the renderer thread was not found');
        const f = figures.get(partMiB)!;
        f.observed.push(record.longTasks.length);
        f.wall.push(tasks.filter((t) => t.wallMs > LONG_MS).length);
        f.cpu.push(tasks.filter((t) => t.cpuMs > LONG_MS).length);
        f.total.push(tasks.reduce((sum, t) => sum + t.cpuMs, 0));
        f.longestWall = Math.max(f.longestWall, ...tasks.map((t) => t.wallMs));
        f.longestCpu = Math.max(f.longestCpu, ...tasks.map((t) => t.cpuMs));
      }
    }
    for (const [partMiB, f] of figures) {
      results.push({
        partMiB,
        runs: f.observed.length,
        observed: spread(f.observed),
        tracedWall: spread(f.wall),
        tracedCpu: spread(f.cpu),
        longestWallMs: f.longestWall,
        longestCpuMs: f.longestCpu,
        mainThreadCpuMs: spread(f.total),
      });
      ctx.log(
        `  ${partMiB} MiB parts: observed long tasks ${f.observed.join(', ')}; traced > 50 ms wall ${f.wall.join(', ')}, ` +
          `> 50 ms CPU ${f.cpu.join(', ')}; longest ${f.longestWall.toFixed(0)} ms wall, ${f.longestCpu.toFixed(0)} ms CPU; ` +
          `main thread CPU ${f.total.map((ms) => ms.toFixed(0)).join(', ')} ms`,
      );
    }
    ctx.log(`  ${HAND_PART_MIB} MiB parts by hand: main thread CPU ${byHandCpu.map((ms) => ms.toFixed(0)).join(', ')} ms`);
    ctx.log(`  element, ${HAND_PART_MIB} MiB parts, no progress transition: main thread CPU ${stillCpu.map((ms) => ms.toFixed(0)).join(', ')} ms`);
  } finally {
    await page.close();
  }
  return { element: results, byHandMainThreadCpuMs: spread(byHandCpu), stillMainThreadCpuMs: spread(stillCpu) };
}
