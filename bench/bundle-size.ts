// 3: the self-contained element bundle against Mux Uploader's, compressed the same way in the same run.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
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
  /**
   * The same entry minified by esbuild with lit left out, as a page that already loads lit for its other
   * components pays for it: says how much of the difference is lit.
   */
  withoutLit: Sizes;
  /** Minified bytes of our bundle by package, and by source file, from its source map (when there is one). */
  composition?: { owner: string; bytes: number }[];
  files?: { owner: string; bytes: number }[];
}

export const BUNDLE = 'dist/apivideo-uploader.js';
export const MUX_BUNDLE = 'node_modules/@mux/mux-uploader/dist/mux-uploader.mjs';

function sizes(root: string, file: string, bytes = readFileSync(join(root, file))): Sizes {
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

async function withoutLit(root: string): Promise<Sizes> {
  const built = await build({
    entryPoints: [join(root, 'src/index.ts')],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    tsconfig: join(root, 'tsconfig.json'),
    external: ['lit', 'lit/*', 'lit-html', 'lit-html/*', 'lit-element', 'lit-element/*', '@lit/*'],
    logLevel: 'silent',
  });
  return sizes(root, 'src/index.ts (esbuild, lit external)', Buffer.from(built.outputFiles[0].contents));
}

export async function measureBundles(root: string): Promise<BundleResult> {
  const ours = sizes(root, BUNDLE);
  const mux = sizes(root, MUX_BUNDLE);
  const map = join(root, `${BUNDLE}.map`);
  return {
    ours,
    mux,
    gzipRatio: ours.gzip / mux.gzip,
    brotliRatio: ours.brotli / mux.brotli,
    withoutLit: await withoutLit(root),
    composition: existsSync(map) ? bytesByOwner(join(root, BUNDLE)) : undefined,
    files: existsSync(map) ? bytesByOwner(join(root, BUNDLE), (source) => source.replace(/^(\.\.\/)+/, '')) : undefined,
  };
}
