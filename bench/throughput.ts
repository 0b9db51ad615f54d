// 1: a 192 MiB file through the element (50 MiB and 5 MiB parts) against one plain XHR POST of the same bytes from
// the same page, interleaved round by round. Controls run in every round too: the same 50 MiB and 5 MiB parts sent
// by hand (one XHR each, no library, no element), which separate the element's own cost from the cost of uploading
// in parts at all; and a second raw POST, the noise floor: raw against raw should be 1, and how far it strays is
// how far the machine's load moves any one ratio. One more variant: the element with its progress bar's width
// transition switched off from the page (`::part(progress-indicator) { transition: none }`), because animating
// `width` lays out and paints every frame of the upload, and on two cores that CPU comes out of the transfer.
import type { RunRecord } from './page/bench-page.js';
import { checkStored, type BenchContext } from './lib/context.js';
import { openBenchPage } from './lib/browser.js';
import { MiB, spread, type Spread } from './lib/stats.js';

export const THROUGHPUT_MIB = 192;
const UPLOAD_TIMEOUT_MS = 180_000;
type Kind = 'raw' | 'element50' | 'element5' | 'parts50' | 'parts5' | 'element50Still' | 'rawAgain';
const KINDS: Kind[] = ['raw', 'element50', 'element5', 'parts50', 'parts5', 'element50Still', 'rawAgain'];

export interface ThroughputResult {
  fileMiB: number;
  rounds: number;
  /** MiB/s; `raw` holds both raw POSTs of every round. */
  mibPerSecond: Record<Exclude<Kind, 'rawAgain'>, Spread>;
  /** element / raw, each taken from one round where they ran back to back. */
  ratio50: Spread;
  ratio5: Spread;
  /** The element, 50 MiB parts, its progress bar's transition off, over the raw POST. */
  ratio50Still: Spread;
  /** The element over the same parts sent by hand, same round: the element's own cost. */
  ratioToParts50: Spread;
  ratioToParts5: Spread;
  /** The parts by hand over the raw POST, same round: the cost of parts themselves. */
  partsToRaw50: Spread;
  partsToRaw5: Spread;
  /**
   * Milliseconds of each upload during which no request body was going out: the token request, the gaps between
   * parts, and every wait for an answer (the last one includes the emulator joining and hashing the file). Unlike
   * speeds, the machine's load hardly moves it: the element's overhead in time, next to the raw POST's.
   */
  notSendingMs: Record<Exclude<Kind, 'rawAgain'>, Spread>;
  /** Element runs: from `upload(file)` to the first part's `send()`, and the token request inside it, ms. */
  elementFirstSendMs: Spread;
  elementTokenMs: Spread;
  /** The second raw POST over the first, same round: 1 on a quiet machine. */
  noiseFloor: Spread;
  /** Fastest element run over fastest raw run: noise only ever adds time, so the best runs are the least disturbed. */
  bestRatio50: number;
  bestRatio5: number;
  longTasks: {
    element50: Spread;
    element5: Spread;
    raw: Spread;
    longestMs: number;
    /** Every long task of the element runs: duration and when, ms after the upload began. */
    tasks: { ms: number; atMs: number; kind: Kind }[];
    /** A deliberate 120 ms task, observed before the runs: proof the observer sees long tasks at all. */
    probeMs: number[];
  };
}

export async function measureThroughput(ctx: BenchContext, rounds: number): Promise<ThroughputResult> {
  const page = await openBenchPage(ctx.browser, ctx.site.url);
  try {
    await page.evaluate(() => window.bench.loadElement());
    const probeMs = (await page.evaluate(() => window.bench.longTaskProbe())).map((t) => Math.round(t.ms));
    if (!probeMs.some((d) => d >= 100)) throw new Error(`the long-task observer missed a 120 ms task (saw ${probeMs.join(', ') || 'none'})`);
    const bytes = await page.evaluate((mib) => window.bench.makeFile(mib), THROUGHPUT_MIB);

    const runOnce = async (kind: Kind): Promise<RunRecord> => {
      let record: RunRecord;
      if (kind === 'raw' || kind === 'rawAgain' || kind === 'parts50' || kind === 'parts5') {
        const { token } = await ctx.emulator.control<{ token: string }>('POST', '/__emulator/tokens', { ttl: 0 });
        const args = { apiHost: ctx.emulator.url, token, chunkSize: (kind === 'parts5' ? 5 : 50) * MiB, timeoutMs: UPLOAD_TIMEOUT_MS };
        record =
          kind === 'parts50' || kind === 'parts5'
            ? await page.evaluate((a) => window.bench.rawPartsUpload(a.apiHost, a.token, a.chunkSize, a.timeoutMs), args)
            : await page.evaluate((a) => window.bench.rawUpload(a.apiHost, a.token, a.timeoutMs), args);
      } else {
        record = await page.evaluate((options) => window.bench.elementUpload(options), {
          apiHost: ctx.emulator.url,
          tokenUrl: '/api/upload-token?ttl=3600',
          chunkSize: (kind === 'element5' ? 5 : 50) * MiB,
          noProgressTransition: kind === 'element50Still',
          timeoutMs: UPLOAD_TIMEOUT_MS,
        });
      }
      if (!record.ok) throw new Error(`${kind} upload failed: ${record.error}`);
      await checkStored(ctx, record.videoId, bytes);
      await ctx.emulator.forgetVideos();
      return record;
    };

    // One of each first, not counted: the first upload pays for connections, caches and JIT.
    for (const kind of KINDS) await runOnce(kind);

    const empty = (): Record<Kind, number[]> => ({ raw: [], element50: [], element5: [], parts50: [], parts5: [], element50Still: [], rawAgain: [] });
    const speed = empty();
    const tasks = empty();
    const ratio50Still: number[] = [];
    const toParts: number[] = [];
    const partsToRaw: number[] = [];
    const toParts5: number[] = [];
    const firstSend: number[] = [];
    const tokenMs: number[] = [];
    const idle = empty();
    const partsToRaw5: number[] = [];
    const ratio50: number[] = [];
    const ratio5: number[] = [];
    const noise: number[] = [];
    const longTasks: { ms: number; atMs: number; kind: Kind }[] = [];
    let done = 0;
    for (let round = 0; round < rounds && Date.now() < ctx.deadline; round++) {
      const order = KINDS.map((_, i) => KINDS[(i + round) % KINDS.length]);
      const inRound = {} as Record<Kind, number>;
      for (const kind of order) {
        const record = await runOnce(kind);
        inRound[kind] = bytes / MiB / (record.ms / 1000);
        speed[kind].push(inRound[kind]);
        tasks[kind].push(record.longTasks.length);
        const sending = record.uploads.reduce((sum, u) => sum + (u.bodySentAt === null ? 0 : u.bodySentAt - u.sentAt), 0);
        idle[kind].push(record.ms - sending);
        if (kind.startsWith('element') && record.startAt !== undefined && record.uploads[0] && record.tokens[0]) {
          firstSend.push(record.uploads[0].sentAt - record.startAt);
          tokenMs.push(record.tokens[0].endAt - record.tokens[0].startAt);
        }
        for (const task of record.longTasks) longTasks.push({ ms: Math.round(task.ms), atMs: Math.round(task.atMs), kind });
      }
      ratio50.push(inRound.element50 / inRound.raw);
      ratio5.push(inRound.element5 / inRound.raw);
      noise.push(inRound.rawAgain / inRound.raw);
      ratio50Still.push(inRound.element50Still / inRound.raw);
      toParts.push(inRound.element50 / inRound.parts50);
      partsToRaw.push(inRound.parts50 / inRound.raw);
      toParts5.push(inRound.element5 / inRound.parts5);
      partsToRaw5.push(inRound.parts5 / inRound.raw);
      done++;
      ctx.log(
        `  round ${round + 1}: raw ${inRound.raw.toFixed(0)} MiB/s, 50 MiB parts ${inRound.element50.toFixed(0)} MiB/s, ` +
          `5 MiB parts ${inRound.element5.toFixed(0)} MiB/s, by hand ${inRound.parts50.toFixed(0)} / ${inRound.parts5.toFixed(0)} MiB/s, ` +
          `50 MiB parts without the bar's transition ${inRound.element50Still.toFixed(0)} MiB/s, raw again ${inRound.rawAgain.toFixed(0)} MiB/s`,
      );
    }
    return {
      fileMiB: THROUGHPUT_MIB,
      rounds: done,
      mibPerSecond: { raw: spread([...speed.raw, ...speed.rawAgain]), element50: spread(speed.element50), element5: spread(speed.element5), parts50: spread(speed.parts50), parts5: spread(speed.parts5), element50Still: spread(speed.element50Still) },
      ratio50: spread(ratio50),
      ratio5: spread(ratio5),
      ratio50Still: spread(ratio50Still),
      noiseFloor: spread(noise),
      elementFirstSendMs: spread(firstSend),
      elementTokenMs: spread(tokenMs),
      notSendingMs: {
        raw: spread([...idle.raw, ...idle.rawAgain]),
        element50: spread(idle.element50),
        element5: spread(idle.element5),
        parts50: spread(idle.parts50),
        parts5: spread(idle.parts5),
        element50Still: spread(idle.element50Still),
      },
      ratioToParts50: spread(toParts),
      ratioToParts5: spread(toParts5),
      partsToRaw50: spread(partsToRaw),
      partsToRaw5: spread(partsToRaw5),
      bestRatio50: Math.max(...speed.element50) / Math.max(...speed.raw, ...speed.rawAgain),
      bestRatio5: Math.max(...speed.element5) / Math.max(...speed.raw, ...speed.rawAgain),
      longTasks: {
        element50: spread(tasks.element50),
        element5: spread(tasks.element5),
        raw: spread([...tasks.raw, ...tasks.rawAgain]),
        longestMs: Math.max(0, ...longTasks.filter((t) => t.kind !== 'raw').map((t) => t.ms)),
        tasks: longTasks,
        probeMs,
      },
    };
  } finally {
    await page.close();
  }
}
