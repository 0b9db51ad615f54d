// 7: a long, thin link, played by the emulator (latency on every request, each connection's upload held to its rate,
// all of them to the link's): one raw POST of the file, the element in 8 MiB parts with parallel-parts 1, 2, 4 and 8
// (and 8 with the video made first, so part 1 goes side by side too), and three files through one element's queue at
// concurrency 1 and 3. Every kind runs once per round, in an order that turns round by round; figures are ratios to
// the raw POST of the same round. Page CPU per MiB comes from Chromium's own task time (CDP Performance.getMetrics).
import type { Page } from 'playwright-core';
import type { RunRecord } from './page/bench-page.js';
import { checkStored, type BenchContext } from './lib/context.js';
import { openBenchPage } from './lib/browser.js';
import { MiB, spread, type Spread } from './lib/stats.js';

/** Browsers open at most 6 HTTP/1.1 connections to one host: the link, not that limit, is the bound here. */
export const LINK = { latencyMs: 40, connectionBytesPerSecond: 8 * MiB, totalBytesPerSecond: 40 * MiB };
export const NETWORK_FILE_MIB = 192;
const PART_MIB = 8;
const QUEUE_FILES = 3;
const QUEUE_FILE_MIB = 64;
const TIMEOUT_MS = 240_000;

type Kind = 'raw' | 'p1' | 'p2' | 'p4' | 'p8' | 'p8Given' | 'queue1' | 'queue3';
const KINDS: Kind[] = ['raw', 'p1', 'p2', 'p4', 'p8', 'p8Given', 'queue1', 'queue3'];

export interface NetworkResult {
  link: typeof LINK;
  fileMiB: number;
  partMiB: number;
  rounds: number;
  /** MiB/s of each kind. */
  mibPerSecond: Record<Kind, Spread>;
  /** Each kind over the raw POST of the same round. */
  toRaw: Record<Exclude<Kind, 'raw'>, Spread>;
  /** parallel-parts 8 with the video given, over the link's capacity. */
  ofCapacity: Spread;
  /** Page main-thread CPU per MiB uploaded, ms. */
  cpuMsPerMiB: Record<Kind, Spread>;
}

export async function measureNetwork(ctx: BenchContext, rounds: number): Promise<NetworkResult> {
  await ctx.emulator.control('POST', '/__emulator/config', LINK);
  const page = await openBenchPage(ctx.browser, ctx.site.url);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const taskSeconds = async () =>
    ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN) as number;
  try {
    await page.evaluate(() => window.bench.loadElement());
    const bytes = await page.evaluate((mib) => window.bench.makeFile(mib), NETWORK_FILE_MIB);

    const runOnce = async (kind: Kind): Promise<{ mibps: number; cpuMsPerMiB: number }> => {
      const cpuBefore = await taskSeconds();
      const { ms, uploaded } = await upload(ctx, page, kind, bytes);
      const cpuMs = ((await taskSeconds()) - cpuBefore) * 1000;
      await ctx.emulator.forgetVideos();
      return { mibps: uploaded / MiB / (ms / 1000), cpuMsPerMiB: cpuMs / (uploaded / MiB) };
    };

    const speed = Object.fromEntries(KINDS.map((k) => [k, [] as number[]])) as Record<Kind, number[]>;
    const cpu = Object.fromEntries(KINDS.map((k) => [k, [] as number[]])) as Record<Kind, number[]>;
    const toRaw = Object.fromEntries(KINDS.map((k) => [k, [] as number[]])) as Record<Kind, number[]>;
    let done = 0;
    for (let round = 0; round < rounds && Date.now() < ctx.deadline; round++) {
      const order = KINDS.map((_, i) => KINDS[(i + round) % KINDS.length]);
      const inRound = {} as Record<Kind, number>;
      for (const kind of order) {
        const { mibps, cpuMsPerMiB } = await runOnce(kind);
        inRound[kind] = mibps;
        speed[kind].push(mibps);
        cpu[kind].push(cpuMsPerMiB);
      }
      for (const kind of KINDS) toRaw[kind].push(inRound[kind] / inRound.raw);
      done++;
      ctx.log(`  round ${round + 1}: ${KINDS.map((k) => `${k} ${inRound[k].toFixed(1)} MiB/s`).join(', ')}`);
    }
    const perKind = (values: Record<Kind, number[]>) => Object.fromEntries(KINDS.map((k) => [k, spread(values[k])])) as Record<Kind, Spread>;
    const { raw: _raw, ...ratios } = perKind(toRaw);
    return {
      link: LINK,
      fileMiB: NETWORK_FILE_MIB,
      partMiB: PART_MIB,
      rounds: done,
      mibPerSecond: perKind(speed),
      toRaw: ratios,
      ofCapacity: spread(speed.p8Given.map((mibps) => (mibps * MiB) / LINK.totalBytesPerSecond)),
      cpuMsPerMiB: perKind(cpu),
    };
  } finally {
    await page.close();
    await ctx.emulator.control('POST', '/__emulator/config', { latencyMs: 0, connectionBytesPerSecond: 0, totalBytesPerSecond: 0 });
  }
}

/** One upload of `kind`; checks the emulator holds every byte before its time counts. */
async function upload(ctx: BenchContext, page: Page, kind: Kind, bytes: number): Promise<{ ms: number; uploaded: number }> {
  const tokenUrl = '/api/upload-token?ttl=3600';
  if (kind === 'queue1' || kind === 'queue3') {
    const record = await page.evaluate((o) => window.bench.queueUpload(o), {
      apiHost: ctx.emulator.url,
      tokenUrl,
      chunkSize: PART_MIB * MiB,
      concurrency: kind === 'queue1' ? 1 : 3,
      files: QUEUE_FILES,
      fileMiB: QUEUE_FILE_MIB,
      timeoutMs: TIMEOUT_MS,
    });
    if (!record.ok) throw new Error(`${kind} failed: ${record.error}`);
    for (const [i, videoId] of record.videoIds.entries()) await checkStored(ctx, videoId, record.sizes[i]);
    // The queue made its own files: the next runs need the big one back.
    await page.evaluate((mib) => window.bench.makeFile(mib), NETWORK_FILE_MIB);
    return { ms: record.ms, uploaded: record.bytes };
  }
  let record: RunRecord;
  if (kind === 'raw') {
    const { token } = await ctx.emulator.control<{ token: string }>('POST', '/__emulator/tokens', { ttl: 0 });
    record = await page.evaluate((a) => window.bench.rawUpload(a.apiHost, a.token, a.timeoutMs), { apiHost: ctx.emulator.url, token, timeoutMs: TIMEOUT_MS });
  } else {
    const parallelParts = Number(kind.replace(/^p(\d+).*$/, '$1'));
    const videoId = kind === 'p8Given' ? await ctx.emulator.createVideo('Made first') : undefined;
    record = await page.evaluate((o) => window.bench.elementUpload(o), {
      apiHost: ctx.emulator.url,
      tokenUrl,
      chunkSize: PART_MIB * MiB,
      parallelParts,
      videoId,
      timeoutMs: TIMEOUT_MS,
    });
  }
  if (!record.ok) throw new Error(`${kind} failed: ${record.error}`);
  await checkStored(ctx, record.videoId, bytes);
  return { ms: record.ms, uploaded: bytes };
}
