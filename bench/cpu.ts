// 11: the page's main-thread CPU per MiB uploaded on loopback, the element against a bare loop of XHRs sending the same
// parts (one XHR per part, `Content-Range`, no library, no element), 192 MiB each, in 50 MiB parts (the default) and
// in 5 MiB parts (the smallest). The element runs as a page has it by default (resume on: each part's SHA-256 is taken
// for the resume record while it is on its way) and with `resumable="false"`, which says what those digests cost.
// CPU is the sum of the renderer main thread's task CPU time in a Chromium trace of the upload (as in the long-task
// section), so time spent waiting for a core on a busy machine is not counted. Each round runs the uploads in an
// order that turns round by round; the ratios are taken inside the round.
import type { BenchContext } from './lib/context.js';
import { openBenchPage } from './lib/browser.js';
import { tracedUpload } from './long-tasks.js';
import { MiB, spread, type Spread } from './lib/stats.js';
import { THROUGHPUT_MIB } from './throughput.js';

const UPLOAD_TIMEOUT_MS = 180_000;
export const CPU_PART_SIZES_MIB = [50, 5] as const;
/** The goal: main-thread ms per MiB the element may spend. */
export const CPU_GOAL_MS_PER_MIB = 0.15;

type Way = 'element' | 'noResume' | 'xhr';
const WAYS: Way[] = ['element', 'noResume', 'xhr'];

export interface CpuFigures {
  partMiB: number;
  runs: number;
  /** Main-thread CPU per MiB, ms: the element as a page has it, with `resumable="false"`, the bare XHR loop. */
  msPerMiB: Record<Way, Spread>;
  /** Over the XHR loop, same round. */
  ratio: Record<Exclude<Way, 'xhr'>, Spread>;
}

export interface CpuResult {
  fileMiB: number;
  parts: CpuFigures[];
}

export async function measureCpu(ctx: BenchContext, rounds: number): Promise<CpuResult> {
  const page = await openBenchPage(ctx.browser, ctx.site.url);
  try {
    await page.evaluate(() => window.bench.loadElement());
    const bytes = await page.evaluate((mib) => window.bench.makeFile(mib), THROUGHPUT_MIB);
    const mib = bytes / MiB;
    const kinds = CPU_PART_SIZES_MIB.flatMap((partMiB) => WAYS.map((way) => ({ way, partMiB })));
    const key = (kind: { way: Way; partMiB: number }) => `${kind.way}${kind.partMiB}`;
    const once = async ({ way, partMiB }: { way: Way; partMiB: number }): Promise<number> => {
      const { tasks } =
        way === 'xhr'
          ? await tracedUpload(ctx, page, bytes, 'the XHR loop', async () => {
              const { token } = await ctx.emulator.control<{ token: string }>('POST', '/__emulator/tokens', { ttl: 0 });
              return page.evaluate((a) => window.bench.rawPartsUpload(a.apiHost, a.token, a.chunkSize, a.timeoutMs), {
                apiHost: ctx.emulator.url,
                token,
                chunkSize: partMiB * MiB,
                timeoutMs: UPLOAD_TIMEOUT_MS,
              });
            })
          : await tracedUpload(ctx, page, bytes, 'the element upload', () =>
              page.evaluate((options) => window.bench.elementUpload(options), {
                apiHost: ctx.emulator.url,
                tokenUrl: '/api/upload-token?ttl=3600',
                chunkSize: partMiB * MiB,
                noResume: way === 'noResume',
                timeoutMs: UPLOAD_TIMEOUT_MS,
              }),
            );
      if (tasks.length === 0) throw new Error('the trace holds no main-thread task: the renderer thread was not found');
      return tasks.reduce((sum, task) => sum + task.cpuMs, 0) / mib;
    };
    // One of each first, not counted: the page's first upload compiles what the others reuse.
    for (const kind of kinds) await once(kind);
    const cpu = new Map(kinds.map((kind) => [key(kind), [] as number[]]));
    const ratios = new Map(kinds.map((kind) => [key(kind), [] as number[]]));
    for (let round = 0; round < rounds && Date.now() < ctx.deadline; round++) {
      const run = new Map<string, number>();
      for (let i = 0; i < kinds.length; i++) {
        const kind = kinds[(i + round) % kinds.length]!;
        run.set(key(kind), await once(kind));
      }
      for (const kind of kinds) {
        cpu.get(key(kind))!.push(run.get(key(kind))!);
        ratios.get(key(kind))!.push(run.get(key(kind))! / run.get(`xhr${kind.partMiB}`)!);
      }
    }
    const parts = CPU_PART_SIZES_MIB.map((partMiB) => ({
      partMiB,
      runs: cpu.get(`xhr${partMiB}`)!.length,
      msPerMiB: Object.fromEntries(WAYS.map((way) => [way, spread(cpu.get(`${way}${partMiB}`)!)])) as Record<Way, Spread>,
      ratio: { element: spread(ratios.get(`element${partMiB}`)!), noResume: spread(ratios.get(`noResume${partMiB}`)!) },
    }));
    for (const p of parts) {
      const values = (way: Way) => p.msPerMiB[way].values.map((x) => x.toFixed(3)).join(', ');
      ctx.log(`  ${p.partMiB} MiB parts, ms/MiB: element ${values('element')}; resumable="false" ${values('noResume')}; XHR loop ${values('xhr')}`);
    }
    return { fileMiB: mib, parts };
  } finally {
    await page.close();
  }
}
