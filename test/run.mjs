// `npm test`: every tier, fastest first, so a failure shows early: the typecheck, the Node unit tests, the Node
// integration tests (servers in-process), the browser tests in Chromium, Firefox and WebKit, then the Node end-to-end
// tests (builds, child processes, pages in browsers). Each tier prints its own counts; the run closes with every tier's
// line again and one line `N passed, N failed` summed over them all. Exits non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ENGINE_NAMES, ensureBrowsers } from './support/browsers.mjs';

const RESULTS = '.test-results';

const VITEST = fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url));
const TSC = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));

/**
 * The tiers `npm test` runs, in order: the quick ones first, so a failure shows early, and the Node end-to-end tests
 * last (minutes of builds and pages). A `vitest` step is a project of vitest.config.ts.
 */
export function plan(engines = ENGINE_NAMES) {
  return [
    { label: 'typecheck', kind: 'typecheck' },
    { label: 'unit', kind: 'vitest', project: 'unit' },
    { label: 'integration', kind: 'vitest', project: 'integration' },
    ...engines.map((engine) => ({ label: `browser (${engine})`, kind: 'browser', engine })),
    { label: 'e2e', kind: 'vitest', project: 'e2e' },
  ];
}

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

/** One tier's counts, skips included whatever their number, and how long it took. */
export function tierLine(label, { passed, failed, skipped = 0 }, ms) {
  return `${label}: ${passed} passed, ${failed} failed, ${skipped} skipped (${(ms / 1000).toFixed(1)} s)`;
}

/** The closing line CI reads, summed over every tier. Skips are said, not hidden: each states its reason in its test. */
export function totalLine({ passed, failed, skipped = 0 }) {
  return `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
}

/** Sums what each tier contributes (see runnerTotals), and the lines that close the run: each tier's, then the total. */
export function closing(tiers) {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  for (const { counts } of tiers) {
    totals.passed += counts.passed;
    totals.failed += counts.failed;
    totals.skipped += counts.skipped ?? 0;
  }
  return { totals, lines: [...tiers.map((t) => tierLine(t.label, t.counts, t.ms)), totalLine(totals)] };
}

function main() {
  rmSync(RESULTS, { recursive: true, force: true });
  const tiers = [];
  const tier = (label, work) => {
    const started = Date.now();
    const { counts, exitCode } = work();
    const result = { label, counts: runnerTotals(counts, exitCode), ms: Date.now() - started };
    tiers.push(result);
    console.log(`--- ${tierLine(result.label, result.counts, result.ms)}`);
  };
  const vitestTier = (project) =>
    tier(project, () => {
      const report = `${RESULTS}/node-${project}.json`;
      const exitCode = run(`node tests, ${project}`, process.execPath, [
        VITEST, 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`,
      ]);
      return { counts: vitestCounts(readCounts(report)), exitCode };
    });

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

  for (const step of plan()) {
    if (step.kind === 'typecheck') {
      tier(step.label, () => {
        const exitCode = run('typecheck', process.execPath, [TSC, '--noEmit', '-p', 'tsconfig.json']);
        return { counts: exitCode === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 }, exitCode };
      });
    } else if (step.kind === 'vitest') {
      vitestTier(step.project);
    } else {
      const { engine } = step;
      tier(step.label, () => {
        if (!browsers[engine]) return { counts: { passed: 0, failed: 1 }, exitCode: 1 };
        const exitCode = run(`browser tests (${engine})`, process.execPath, ['test/browser-run.mjs', '--browsers', engine]);
        return { counts: readCounts(`${RESULTS}/browser-${engine}.json`), exitCode };
      });
    }
  }

  const { totals, lines } = closing(tiers);
  console.log(`\n${lines.join('\n')}`);
  process.exit(totals.failed > 0 ? 1 : 0);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
