// What every benchmark section gets: the servers, the browser, and the clock it must stop by.
import type { Browser } from 'playwright-core';
import type { EmulatorProcess } from './emulator-process.js';
import type { Site } from './site.js';

export interface BenchContext {
  root: string;
  emulator: EmulatorProcess;
  site: Site;
  browser: Browser;
  /** Epoch ms after which a section runs no further rounds. */
  deadline: number;
  log(line: string): void;
}

/** Confirms the emulator stored the whole file, so a figure never comes from a failed or partial upload. */
export async function checkStored(ctx: BenchContext, videoId: string | undefined, bytes: number): Promise<void> {
  if (!videoId) throw new Error('the upload gave no videoId');
  const stored = await ctx.emulator.control<{ size: number | null; complete: boolean }>('GET', `/__emulator/videos/${videoId}`);
  if (!stored.complete || stored.size !== bytes) {
    throw new Error(`the emulator holds ${stored.size ?? 'no'} bytes for ${videoId}, not ${bytes}`);
  }
}
