// 3: the self-contained element bundle against Mux Uploader's, compressed the same way in the same run.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { bytesByOwner, gzipByOwner } from './lib/source-map-weights.js';
import { dynamicImports, staticClosure } from './lib/module-imports.js';
import { uploadPreloads } from './lib/site.js';

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
  /**
   * What a page with default attributes fetches before the element runs, each file compressed on its own as a server
   * sends it: the bundle and every chunk it imports statically. Only when that is more than the bundle.
   */
  defaultPage?: Sizes;
  /** The chunks beside the bundle that only some pages fetch (a language, the queue, recording), each on its own. */
  onDemand?: Sizes[];
  /** Minified bytes of our bundle by package, and by source file, from its source map (when there is one). */
  composition?: { owner: string; bytes: number }[];
  files?: { owner: string; bytes: number }[];
  /**
   * What each file of a single file's upload holds (the first file, then the list's and the engine's): minified bytes
   * and gzip -9 marginal, by package and by source file.
   */
  weights?: FileWeights[];
}

export interface FileWeights {
  file: string;
  gzip: number;
  byPackage: OwnerWeight[];
  bySource: OwnerWeight[];
}

export interface OwnerWeight {
  owner: string;
  bytes: number;
  gzip: number;
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

const sum = (file: string, all: Sizes[]): Sizes => ({
  file,
  raw: all.reduce((total, one) => total + one.raw, 0),
  gzip: all.reduce((total, one) => total + one.gzip, 0),
  brotli: all.reduce((total, one) => total + one.brotli, 0),
});

async function withoutLit(root: string): Promise<Sizes> {
  // The chunks fetched on demand (a language, the queue, recording) stay out, as in our bundle: what a default page
  // loads is the entry and the chunks it imports statically.
  const outdir = mkdtempSync(join(tmpdir(), 'bench-without-lit-'));
  try {
    await build({
      entryPoints: { index: join(root, 'src/index.ts') },
      bundle: true,
      minify: true,
      format: 'esm',
      target: 'es2022',
      splitting: true,
      outdir,
      tsconfig: join(root, 'tsconfig.json'),
      external: ['lit', 'lit/*', 'lit-html', 'lit-html/*', 'lit-element', 'lit-element/*', '@lit/*'],
      logLevel: 'silent',
    });
    const first = staticClosure(join(outdir, 'index.js')).map((file) => sizes(outdir, file.slice(outdir.length + 1)));
    return { ...sum('', first), file: 'src/index.ts (esbuild, lit external)' };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** The bundle with its static chunks, and the chunks it fetches on demand (and theirs), each file once. */
function chunks(root: string): { defaultPage?: Sizes; onDemand: Sizes[] } {
  const first = staticClosure(join(root, BUNDLE));
  const later: string[] = [];
  for (const file of first.flatMap(dynamicImports).flatMap(staticClosure)) {
    if (!first.includes(file) && !later.includes(file)) later.push(file);
  }
  const relative = (file: string) => file.slice(root.length).replace(/^[\\/]/, '');
  return {
    defaultPage: first.length > 1 ? sum(first.map(relative).join(' + '), first.map((file) => sizes(root, relative(file)))) : undefined,
    onDemand: later.map((file) => sizes(root, relative(file))),
  };
}

/** The source path as the map names it, from the checkout's root (`src/element/uploader.ts`, `lit-html/lit-html.js`). */
const sourcePath = (source: string) => source.replace(/^(\.\.\/)+/, '').replace(/^(?:[^/]+\/)*node_modules\//, '');

function weights(root: string): FileWeights[] | undefined {
  const first = join(root, BUNDLE);
  if (!existsSync(`${first}.map`)) return undefined;
  const files = [first, ...uploadPreloads(first).map((name) => join(root, 'dist', name))].filter((file) => existsSync(`${file}.map`));
  return files.map((file) => ({
    file: file.slice(root.length + 1),
    gzip: gzipSync(readFileSync(file), { level: 9 }).length,
    byPackage: gzipByOwner(file),
    bySource: gzipByOwner(file, sourcePath),
  }));
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
    ...chunks(root),
    composition: existsSync(map) ? bytesByOwner(join(root, BUNDLE)) : undefined,
    files: existsSync(map) ? bytesByOwner(join(root, BUNDLE), (source) => source.replace(/^(\.\.\/)+/, '')) : undefined,
    weights: weights(root),
  };
}
