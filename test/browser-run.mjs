// `npm run test:browser`: the browser suite in Chromium, Firefox and WebKit, one engine after the other (they share
// two cores, and each has its own concurrency). Chromium runs every file, the others those test/browser/engines.mjs
// names. `--browsers firefox` (or `--browsers chromium,webkit`, or the flag
// repeated) picks engines; every other argument goes to web-test-runner as it is (`--files test/browser/x.test.ts`).
// Each engine's counts land in .test-results/browser-<engine>.json; exits non-zero when any engine failed.
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ENGINE_NAMES, ensureBrowsers } from './support/browsers.mjs';

/** Splits the command line into the engines asked for and the arguments web-test-runner gets. */
export function parseBrowserArgs(argv) {
  const engines = [];
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--browsers' || arg === '--browser') engines.push(...(argv[++i] ?? '').split(','));
    else if (arg.startsWith('--browsers=') || arg.startsWith('--browser=')) engines.push(...arg.split('=')[1].split(','));
    else rest.push(arg);
  }
  const picked = engines.map((e) => e.trim().toLowerCase()).filter(Boolean);
  const unknown = picked.filter((e) => !ENGINE_NAMES.includes(e));
  if (unknown.length) throw new Error(`Unknown browser ${unknown.join(', ')}: pick from ${ENGINE_NAMES.join(', ')}.`);
  return { engines: picked.length ? [...new Set(picked)] : ENGINE_NAMES, rest };
}

function main() {
  let parsed;
  try {
    parsed = parseBrowserArgs(process.argv.slice(2));
  } catch (error) {
    console.error(error.message);
    process.exit(2);
  }
  const { engines, rest } = parsed;
  ensureBrowsers(engines);
  const wtr = fileURLToPath(new URL('../node_modules/@web/test-runner/dist/bin.js', import.meta.url));
  let failed = false;
  for (const engine of engines) {
    console.log(`\n=== browser tests in ${engine}`);
    const result = spawnSync(process.execPath, ['--import', 'tsx', wtr, ...rest], {
      stdio: 'inherit',
      env: { ...process.env, TEST_ENGINE: engine },
    });
    if (result.status !== 0) failed = true;
  }
  process.exit(failed ? 1 : 0);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
