// `npm test`: the typecheck, Vitest (Node) and web-test-runner in Chromium, Firefox and WebKit, then one closing
// line `N passed, N failed` summed over every runner. Exits non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ENGINE_NAMES, ensureBrowsers } from './support/browsers.mjs';

const RESULTS = '.test-results';

function run(label, command, args, env = {}) {
  console.log(`\n=== ${label}: ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function readCounts(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Counts from Vitest's JSON report. `numFailedTests` leaves out a file that failed to load (a syntax error, a throw at
 * import): it has no failed test, only a failed status, so each such file counts as one failure here.
 */
export function vitestCounts(report) {
  if (!report) return undefined;
  const brokenFiles = (report.testResults ?? []).filter(
    (f) => f.status === 'failed' && !(f.assertionResults || []).some((a) => a.status === 'failed'),
  ).length;
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  return { passed: report.numPassedTests ?? 0, failed: (report.numFailedTests ?? 0) + brokenFiles, skipped };
}

/**
 * What one runner contributes to the closing line. A runner that wrote no report, or that failed without reporting
 * any failure (a crash, a config error), counts as one failure: a run that proves nothing must not read as green.
 */
export function runnerTotals(counts, exitCode) {
  const known = counts ?? { passed: 0, failed: 1 };
  const failed = known.failed + (exitCode !== 0 && known.failed === 0 ? 1 : 0);
  return { passed: known.passed, failed, skipped: known.skipped ?? 0 };
}

function main() {
  rmSync(RESULTS, { recursive: true, force: true });
  const totals = { passed: 0, failed: 0, skipped: 0 };
  // Skipped tests are said, not hidden: each skip states its reason in its test (an engine that cannot do a thing).
  const line = ({ passed, failed, skipped }) => `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
  const add = (label, counts, exitCode) => {
    const result = runnerTotals(counts, exitCode);
    totals.passed += result.passed;
    totals.failed += result.failed;
    totals.skipped += result.skipped;
    console.log(`--- ${label}: ${line(result)}`);
  };

  // The browsers and Redis first: the browser tests need all three browsers, the Node tests that drive pages need
  // Chromium and Firefox, and the shared rate limit's test a Redis server. A machine without them gets them installed
  // here, once, in one apt-get call, or an error that says how.
  let browsers = {};
  try {
    browsers = ensureBrowsers([...ENGINE_NAMES, 'redis']);
    if (browsers.chromium) process.env.CHROME_PATH = browsers.chromium;
    if (browsers.firefox) process.env.FIREFOX_PATH = browsers.firefox;
    if (browsers.redis) process.env.REDIS_SERVER_PATH = browsers.redis;
  } catch (error) {
    console.error(`\n${error.message}`);
  }

  const tsc = run('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
  add('typecheck', tsc === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 }, tsc);

  const vitest = run('node tests', 'npx', [
    'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${RESULTS}/node.json`,
  ]);
  add('node tests', vitestCounts(readCounts(`${RESULTS}/node.json`)), vitest);

  for (const engine of ENGINE_NAMES) {
    const label = `browser tests (${engine})`;
    if (!browsers[engine]) {
      add(label, { passed: 0, failed: 1 }, 1);
      continue;
    }
    const wtr = run(label, process.execPath, ['test/browser-run.mjs', '--browsers', engine]);
    add(label, readCounts(`${RESULTS}/browser-${engine}.json`), wtr);
  }

  console.log(`\n${line(totals)}`);
  process.exit(totals.failed > 0 ? 1 : 0);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
