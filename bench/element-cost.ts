// 6: what the element costs a page: loading the bundle until the element is defined, its first frame, 100 of them at
// once, and a poster frame of a chosen file (bench/poster.ts). Each run is a fresh page; the bundle is served with no-store, so every run fetches, parses and runs it.
import type { BenchContext } from './lib/context.js';
import { openBenchPage } from './lib/browser.js';
import { spread, type Spread } from './lib/stats.js';
import { measurePosterCost, type PosterCostResult } from './poster.js';

export const MANY = 100;

export interface ElementCostResult {
  runs: number;
  defineMs: Spread;
  firstFrameMs: Spread;
  manyMs: Spread;
  many: number;
  poster?: PosterCostResult;
}

export async function measureElementCost(ctx: BenchContext, runs: number): Promise<ElementCostResult> {
  const define: number[] = [];
  const first: number[] = [];
  const many: number[] = [];
  for (let run = 0; run < runs && Date.now() < ctx.deadline; run++) {
    const page = await openBenchPage(ctx.browser, ctx.site.url);
    try {
      const r = await page.evaluate((count) => window.bench.elementCost(count), MANY);
      define.push(r.defineMs);
      first.push(r.firstFrameMs);
      many.push(r.manyMs);
    } finally {
      await page.close();
    }
  }
  const poster = await measurePosterCost(ctx, runs);
  return { runs: define.length, defineMs: spread(define), firstFrameMs: spread(first), manyMs: spread(many), many: MANY, poster };
}
