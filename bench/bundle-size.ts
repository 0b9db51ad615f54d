// 3: the self-contained element bundle against Mux Uploader's, compressed the same way in the same run.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { bytesByOwner } from './lib/source-map-weights.js';

export interface Sizes {
  file: string;
  raw: number;
  gzip: number;
  brotli: number;
}

export interface BundleResult {
  ours: Sizes;
  mux: Sizes;
  /** ours / Mux's: under 1 meets the goal. */
  gzipRatio: number;
  brotliRatio: number;
  /** Minified bytes of our bundle by package, from its source map (when there is one). */
  composition?: { owner: string; bytes: number }[];
}

export const BUNDLE = 'dist/apivideo-uploader.js';
export const MUX_BUNDLE = 'node_modules/@mux/mux-uploader/dist/mux-uploader.mjs';

function sizes(root: string, file: string): Sizes {
  const bytes = readFileSync(join(root, file));
  return {
    file,
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_LGWIN]: constants.BROTLI_MAX_WINDOW_BITS,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }).length,
  };
}

export function measureBundles(root: string): BundleResult {
  const ours = sizes(root, BUNDLE);
  const mux = sizes(root, MUX_BUNDLE);
  const map = join(root, `${BUNDLE}.map`);
  return {
    ours,
    mux,
    gzipRatio: ours.gzip / mux.gzip,
    brotliRatio: ours.brotli / mux.brotli,
    composition: existsSync(map) ? bytesByOwner(join(root, BUNDLE)) : undefined,
  };
}
