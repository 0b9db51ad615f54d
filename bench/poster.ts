// Part of `element`: what a poster frame costs the page. A video is chosen in an element (auto-upload off, so nothing
// is sent), and the time until its frame is drawn beside the name is taken, with the renderer main thread's CPU over
// that time (Chromium trace, as in the long-task section) and the long tasks meanwhile; then, in the same round, the
// same element is given a file of the same size the browser cannot decode (no frame), watched for as long: the
// difference is the frame's main-thread cost. The video is 10 s of 1280 × 720 VP8 made with ffmpeg where it is
// installed, else the tests' 4 s 320 × 180 fixture (the result says which).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchContext } from './lib/context.js';
import { openBenchPage } from './lib/browser.js';
import { spread, type Spread } from './lib/stats.js';
import { mainThreadTasks } from './long-tasks.js';

export interface PosterCostResult {
  runs: number;
  video: string;
  videoBytes: number;
  /** File chosen → frame drawn. */
  drawnMs: Spread;
  /** Main-thread CPU over that time: with the video, with the undecodable file, and the difference. */
  cpuMs: Spread;
  noFrameCpuMs: Spread;
  frameCpuMs: Spread;
  /** Tasks over 50 ms on the main thread while the frame was made, per run, and the longest seen (CPU time). */
  longTasks: Spread;
  longestTaskMs: number;
}

function videoFile(root: string): { name: string; bytes: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'poster-bench-'));
  try {
    const out = join(dir, 'clip.webm');
    execFileSync('ffmpeg', ['-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=s=1280x720:d=10:r=30', '-c:v', 'libvpx', '-b:v', '2M', out]);
    return { name: '10 s of 1280 × 720 VP8 at 30 fps (ffmpeg testsrc2)', bytes: readFileSync(out) };
  } catch {
    return { name: '4 s of 320 × 180 VP8 (test/fixtures/frames.webm; no ffmpeg here)', bytes: readFileSync(join(root, 'test/fixtures/frames.webm')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function measurePosterCost(ctx: BenchContext, runs: number): Promise<PosterCostResult> {
  const video = videoFile(ctx.root);
  const page = await openBenchPage(ctx.browser, ctx.site.url);
  try {
    await page.evaluate(() => window.bench.loadElement());
    await page.evaluate((b64) => window.bench.setPosterVideo(b64), video.bytes.toString('base64'));
    const traced = async (decodable: boolean, watchMs?: number) => {
      await ctx.browser.startTracing(page, { categories: ['toplevel', 'disabled-by-default-devtools.timeline'] });
      let trace: Buffer;
      const ms = await page.evaluate((a) => window.bench.posterFrame(a.decodable, a.watchMs), { decodable, watchMs }).finally(async () => {
        trace = await ctx.browser.stopTracing();
      });
      const tasks = mainThreadTasks(trace!);
      return { ms, cpuMs: tasks.reduce((sum, t) => sum + t.cpuMs, 0), long: tasks.filter((t) => t.wallMs > 50).map((t) => t.cpuMs) };
    };
    // One first, not counted: it fetches and compiles the list's and the frames' code.
    await traced(true);
    const drawn: number[] = [];
    const cpu: number[] = [];
    const noFrame: number[] = [];
    const frame: number[] = [];
    const longCounts: number[] = [];
    let longest = 0;
    for (let run = 0; run < runs && Date.now() < ctx.deadline; run++) {
      const withFrame = await traced(true);
      const without = await traced(false, withFrame.ms);
      drawn.push(withFrame.ms);
      cpu.push(withFrame.cpuMs);
      noFrame.push(without.cpuMs);
      frame.push(withFrame.cpuMs - without.cpuMs);
      longCounts.push(withFrame.long.length);
      longest = Math.max(longest, ...withFrame.long);
    }
    ctx.log(`  poster frame, ms drawn: ${drawn.map((x) => x.toFixed(0)).join(', ')}; main-thread CPU ms: ${cpu.map((x) => x.toFixed(1)).join(', ')} (no frame: ${noFrame.map((x) => x.toFixed(1)).join(', ')})`);
    return {
      runs: drawn.length,
      video: video.name,
      videoBytes: video.bytes.length,
      drawnMs: spread(drawn),
      cpuMs: spread(cpu),
      noFrameCpuMs: spread(noFrame),
      frameCpuMs: spread(frame),
      longTasks: spread(longCounts),
      longestTaskMs: longest,
    };
  } finally {
    await page.close();
  }
}
