// `npm test`: every tier, one after the other, fastest first, so a failure shows early: the typecheck, the Node unit
// and integration tests, the browser tests in Chromium, Firefox and WebKit, then the Node end-to-end tests (builds,
// child processes, pages in browsers). `npm test -- --lanes` runs them in three lanes at once instead (the quick tiers
// then Chromium; Firefox then WebKit; e2e): on two cores the suite is CPU-bound, so lanes took as long as one after the
// other (12 to 13 min either way) while the timing-bound tests had half the machine; on more cores they are faster.
//
// Each tier writes its output to .test-results/<tier>.log and its counts beside it; its line is printed as it ends,
// with its whole output when it failed. The run closes with every tier's line again and one line `N passed, N failed`
// summed over them all, and exits non-zero when anything failed.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ENGINE_NAMES, ensureBrowsers } from './support/browsers.mjs';

const RESULTS = '.test-results';

const VITEST = fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url));
const TSC = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));

/**
 * The tiers `npm test` runs and the lane of each: tiers of one lane run in order, the lanes at once. Unless `lanes`,
 * every tier is in one lane; with it, the quick tiers lead the first lane, so a failure shows early. A `vitest` step is a
 * project of vitest.config.ts.
 */
export function plan(engines = ENGINE_NAMES, { lanes: inLanes = false } = {}) {
  const lane = (n) => (inLanes ? n : 0);
  return [
    { label: 'typecheck', kind: 'typecheck', lane: lane(0) },
    { label: 'unit', kind: 'vitest', project: 'unit', lane: lane(0) },
    { label: 'integration', kind: 'vitest', project: 'integration', lane: lane(0) },
    ...engines.map((engine) => ({ label: `browser (${engine})`, kind: 'browser', engine, lane: lane(engine === 'chromium' ? 0 : 1) })),
    { label: 'e2e', kind: 'vitest', project: 'e2e', lane: lane(2) },
  ];
}

/** The steps of each lane, in order, lanes in the order of their numbers. */
export function lanes(steps) {
  const byLane = new Map();
  for (const step of steps) byLane.set(step.lane, [...(byLane.get(step.lane) ?? []), step]);
  return [...byLane.keys()].sort((a, b) => a - b).map((n) => byLane.get(n));
}

/** Runs a command with its output in `log`; resolves with its exit code. */
function run(command, args, log, env = {}) {
  return new Promise((resolve) => {
    const out = createWriteStream(log);
    out.write(`$ ${[command, ...args].join(' ')}\n`);
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    child.stdout.pipe(out, { end: false });
    child.stderr.pipe(out, { end: false });
    child.on('error', (error) => out.write(`\n${error.message}\n`));
    child.on('close', (code) => out.end(() => resolve(code ?? 1)));
  });
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

async function main() {
  rmSync(RESULTS, { recursive: true, force: true });
  mkdirSync(RESULTS, { recursive: true });
  const inLanes = process.argv.includes('--lanes');

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

  /** Runs one step; its counts as `runnerTotals` reads them. */
  const work = async (step, log) => {
    if (step.kind === 'typecheck') {
      const exitCode = await run(process.execPath, [TSC, '--noEmit', '-p', 'tsconfig.json'], log);
      return { counts: exitCode === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 }, exitCode };
    }
    if (step.kind === 'vitest') {
      const report = `${RESULTS}/node-${step.project}.json`;
      const args = [VITEST, 'run', '--project', step.project, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`];
      const exitCode = await run(process.execPath, args, log);
      return { counts: vitestCounts(readCounts(report)), exitCode };
    }
    if (!browsers[step.engine]) return { counts: { passed: 0, failed: 1 }, exitCode: 1 };
    const exitCode = await run(process.execPath, ['test/browser-run.mjs', '--browsers', step.engine], log);
    return { counts: readCounts(`${RESULTS}/browser-${step.engine}.json`), exitCode };
  };

  const steps = plan(ENGINE_NAMES, { lanes: inLanes });
  const started = Date.now();
  const done = new Map();
  console.log(`${inLanes ? `Tiers in ${lanes(steps).length} lanes at once` : 'Tiers one after the other'}; each tier's output in ${RESULTS}/<tier>.log.`);
  await Promise.all(
    lanes(steps).map(async (laneSteps) => {
      for (const step of laneSteps) {
        const log = `${RESULTS}/${step.label.replace(/\W+/g, '-').replace(/-$/, '')}.log`;
        const from = Date.now();
        console.log(`… ${step.label} started (${log})`);
        const { counts, exitCode } = await work(step, log);
        const result = { label: step.label, counts: runnerTotals(counts, exitCode), ms: Date.now() - from };
        done.set(step, result);
        if (result.counts.failed > 0) console.log(`\n=== ${step.label} failed; its output:\n${readFileSync(log, 'utf8')}`);
        console.log(`--- ${tierLine(result.label, result.counts, result.ms)}`);
      }
    }),
  );

  const { totals, lines } = closing(steps.map((step) => done.get(step)));
  console.log(`\nEvery tier ended after ${((Date.now() - started) / 1000).toFixed(0)} s.\n${lines.join('\n')}`);
  process.exit(totals.failed > 0 ? 1 : 0);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
