// `npm test`: the typecheck, Vitest (Node) and web-test-runner (headless Chromium), then one closing
// line `N passed, N failed` summed over every runner. Exits non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { ensureChromium } from './support/chromium.mjs';

const RESULTS = '.test-results';
rmSync(RESULTS, { recursive: true, force: true });

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

const totals = { passed: 0, failed: 0 };
const add = (label, counts, exitCode) => {
  // A runner that failed without reporting any failure (a crash, a config error) still counts as one.
  const failed = counts.failed + (exitCode !== 0 && counts.failed === 0 ? 1 : 0);
  totals.passed += counts.passed;
  totals.failed += failed;
  console.log(`--- ${label}: ${counts.passed} passed, ${failed} failed`);
};

// Chromium first: the browser tests need it, and so do the Node tests that drive the dev page.
let chrome;
try {
  chrome = ensureChromium();
  process.env.CHROME_PATH = chrome;
} catch (error) {
  console.error(`\n${error.message}`);
}

const tsc = run('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
add('typecheck', tsc === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 }, tsc);

const vitest = run('node tests', 'npx', [
  'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${RESULTS}/node.json`,
]);
const nodeReport = readCounts(`${RESULTS}/node.json`);
add('node tests', nodeReport ? { passed: nodeReport.numPassedTests, failed: nodeReport.numFailedTests } : { passed: 0, failed: 0 }, vitest);

if (chrome) {
  const wtr = run('browser tests', 'npm', ['run', '--silent', 'test:browser'], { CHROME_PATH: chrome });
  add('browser tests', readCounts(`${RESULTS}/browser.json`) ?? { passed: 0, failed: 0 }, wtr);
} else {
  add('browser tests', { passed: 0, failed: 1 }, 1);
}

console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 ? 1 : 0);
