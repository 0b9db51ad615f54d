// 4: memory over a 1 GiB upload through the element in 50 MiB parts: the page's JS heap (CDP
// Performance.getMetrics, sampled while the upload runs, after a forced GC for the baseline) and the emulator's
// resident memory (its own process, read from /proc).
import { checkStored, type BenchContext } from './lib/context.js';
import { openBenchPage } from './lib/browser.js';
import { MiB, spread, type Spread } from './lib/stats.js';

export const MEMORY_FILE_MIB = 1024;
export const MEMORY_PART_MIB = 50;
const UPLOAD_TIMEOUT_MS = 300_000;
const SAMPLE_EVERY_MS = 100;

export interface MemoryResult {
  fileMiB: number;
  partMiB: number;
  runs: number;
  /** Peak JSHeapUsedSize during the upload minus the baseline before it, MiB. */
  heapGrowthMiB: Spread;
  /** Heap left after the upload and a forced GC, minus the baseline, MiB. */
  heapRetainedMiB: Spread;
  rssGrowthMiB: Spread;
  rssBaselineMiB: Spread;
  mibPerSecond: Spread;
  samplesPerRun: number;
}

export async function measureMemory(ctx: BenchContext, runs: number): Promise<MemoryResult> {
  const heapGrowth: number[] = [];
  const heapRetained: number[] = [];
  const rssGrowth: number[] = [];
  const rssBaseline: number[] = [];
  const speed: number[] = [];
  let samples = 0;
  for (let run = 0; run < runs && Date.now() < ctx.deadline; run++) {
    const page = await openBenchPage(ctx.browser, ctx.site.url);
    try {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      const heapMiB = async () => {
        const { metrics } = await cdp.send('Performance.getMetrics');
        return metrics.find((m) => m.name === 'JSHeapUsedSize')!.value / MiB;
      };
      await page.evaluate(() => window.bench.loadElement());
      const bytes = await page.evaluate((mib) => window.bench.makeFile(mib), MEMORY_FILE_MIB);
      await cdp.send('HeapProfiler.collectGarbage');
      const heapBase = await heapMiB();
      const rssBase = ctx.emulator.rssMiB();
      let heapPeak = heapBase;
      let rssPeak = rssBase;
      let finished = false;
      const upload = page
        .evaluate((options) => window.bench.elementUpload(options), {
          apiHost: ctx.emulator.url,
          tokenUrl: '/api/upload-token?ttl=3600',
          chunkSize: MEMORY_PART_MIB * MiB,
          timeoutMs: UPLOAD_TIMEOUT_MS,
        })
        .finally(() => (finished = true));
      let count = 0;
      while (!finished) {
        heapPeak = Math.max(heapPeak, await heapMiB());
        rssPeak = Math.max(rssPeak, ctx.emulator.rssMiB());
        count++;
        await new Promise((resolve) => setTimeout(resolve, SAMPLE_EVERY_MS));
      }
      const record = await upload;
      if (!record.ok) throw new Error(`1 GiB upload failed: ${record.error}`);
      rssPeak = Math.max(rssPeak, ctx.emulator.rssMiB());
      heapPeak = Math.max(heapPeak, await heapMiB());
      await cdp.send('HeapProfiler.collectGarbage');
      const heapAfter = await heapMiB();
      await checkStored(ctx, record.videoId, bytes);
      await ctx.emulator.forgetVideos();
      heapGrowth.push(heapPeak - heapBase);
      heapRetained.push(heapAfter - heapBase);
      rssGrowth.push(rssPeak - rssBase);
      rssBaseline.push(rssBase);
      speed.push(bytes / MiB / (record.ms / 1000));
      samples = Math.max(samples, count);
      ctx.log(
        `  1 GiB: heap ${heapBase.toFixed(1)} → peak ${heapPeak.toFixed(1)} MiB (after GC ${heapAfter.toFixed(1)}), ` +
          `emulator RSS ${rssBase.toFixed(1)} → peak ${rssPeak.toFixed(1)} MiB, ${count} samples`,
      );
    } finally {
      await page.close();
    }
  }
  return {
    fileMiB: MEMORY_FILE_MIB,
    partMiB: MEMORY_PART_MIB,
    runs: heapGrowth.length,
    heapGrowthMiB: spread(heapGrowth),
    heapRetainedMiB: spread(heapRetained),
    rssGrowthMiB: spread(rssGrowth),
    rssBaselineMiB: spread(rssBaseline),
    mibPerSecond: spread(speed),
    samplesPerRun: samples,
  };
}
