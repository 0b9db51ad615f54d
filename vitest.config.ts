// The Node tests, in three tiers (Vitest projects), each run on its own: `vitest run --project unit` and so on.
// - unit: pure logic on scripted answers and fake time, milliseconds a file: no server, no child process, no build.
//   The default: a new file under test/node/ lands here unless a pattern below names it.
// - integration: Node servers in-process on 127.0.0.1 (the emulator, the token handler, the CLI's calls), seconds.
// - e2e: whatever builds (`npm run build`, `next build`, esbuild), starts child processes (the CLI, npm start, Redis)
//   or drives browsers (the dev page, the frameworks' pages, the package's tarball), minutes.
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

const ALL = 'test/node/**/*.test.ts';

export const E2E = [
  'test/node/e2e/**/*.test.ts',
  'test/node/frameworks/**/*.test.ts',
  'test/node/emulator/cli.test.ts',
  'test/node/emulator/client-gone.test.ts',
  'test/node/token-handler-redis.test.ts',
  'test/node/tokens-cli-usage.test.ts',
];

export const INTEGRATION = [
  'test/node/emulator/**/*.test.ts',
  'test/node/token-handler*.test.ts',
  'test/node/tokens-cli.test.ts',
  'test/node/dev-token-routes.test.ts',
];

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Transformed modules kept on disk between runs (in this checkout, not in node_modules, which checkouts may share):
    // a second run of the unit tier skips most of its transform time. `npx vitest --clearCache` empties it.
    experimental: { fsModuleCache: true, fsModuleCachePath: '.cache/vitest' },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [ALL],
          exclude: [...E2E, ...INTEGRATION],
          // Files share one module graph per worker: no fresh import of the sources for each file, which is most of
          // this tier's time. Its tests put back what they change (fake timers, stubbed globals) in afterEach.
          isolate: false,
          testTimeout: 5_000,
        },
      },
      {
        extends: true,
        // One module graph per worker here too: each file starts its own servers on port 0 and shares no state with
        // another through a module, and a fresh import of the servers for each file was most of the tier's CPU (44 s
        // against 13 s, at a quarter of the wall time). Files in a shuffled order pass alike.
        test: { name: 'integration', include: INTEGRATION, exclude: E2E, isolate: false },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: E2E,
          // The builds the framework tests serve, made once for the run rather than once per file.
          globalSetup: ['test/node/e2e/global-setup.ts'],
          // Two files at once at least: these files spend much of their time waiting on browsers, child processes and
          // servers, so one file at a time (Vitest's default on 2 cores) leaves the machine idle. Each file has its own
          // servers on port 0 and its own folders, so files side by side share nothing.
          maxWorkers: Math.max(2, availableParallelism() - 1),
          // A project's own maxWorkers needs its own group when all projects run in one `vitest run`.
          sequence: { groupOrder: 1 },
          // Side by side, each file has half the machine: on a busy one, a page's upload and playback took over 30 s.
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
