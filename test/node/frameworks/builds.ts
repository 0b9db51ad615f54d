// The builds the framework tests serve and install: the element's self-contained bundle and the package's server
// entry, each made once per run by the e2e project's global setup (test/node/e2e/global-setup.ts) into a folder of
// its own, and read by every file that needs it. No test file builds into dist/, so files side by side never pull a
// build from under one another.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The element as `npm run build` bundles it for a `<script type="module">` (unminified), into `outDir`. */
export async function buildElementBundle(outDir: string): Promise<string> {
  await build({
    configFile: join(ROOT, 'vite.lib.config.ts'),
    mode: 'bundle',
    logLevel: 'error',
    build: { outDir, emptyOutDir: true, minify: false, sourcemap: false },
  });
  return join(outDir, 'apivideo-uploader.js');
}

/** The package's server entries (`dist/server.js` and what it loads), built by the project's own build config. */
export async function buildServerEntry(outDir: string): Promise<void> {
  await build({ configFile: join(ROOT, 'vite.lib.config.ts'), mode: 'server', logLevel: 'error', build: { outDir, emptyOutDir: true } });
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The element's bundle, its first file: the chunks it fetches are beside it. */
    elementBundle: string;
    /** The folder of the built server entries, to copy into a site's node_modules as its `dist/`. */
    serverDist: string;
  }
}
