// `npm test` runs every tier, each with its own counts line, and closes with one `N passed, N failed` line: a run that
// broke must never read as all passed.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import config from '../../vitest.config.js';
import { closing, lanes, plan, runnerTotals, tierLine, totalLine, vitestCounts } from '../run.mjs';
import { ALL_ENGINES, SCREENSHOT_ENGINES, browserTestFiles } from '../browser/engines.mjs';

describe('the test command’s closing counts', () => {
  it('counts a Vitest file that failed to load as a failure', () => {
    const report = {
      numPassedTests: 3,
      numFailedTests: 1,
      testResults: [
        { status: 'passed', assertionResults: [{ status: 'passed' }, { status: 'passed' }] },
        { status: 'failed', assertionResults: [{ status: 'passed' }, { status: 'failed' }] },
        { status: 'failed', assertionResults: [] },
        { status: 'failed' },
      ],
    };
    expect(vitestCounts(report)).toEqual({ passed: 3, failed: 3, skipped: 0 });
  });

  it('counts a runner that wrote no report as failed, whatever its exit code', () => {
    expect(runnerTotals(undefined, 0)).toEqual({ passed: 0, failed: 1, skipped: 0 });
    expect(runnerTotals(undefined, 1)).toEqual({ passed: 0, failed: 1, skipped: 0 });
    expect(runnerTotals(vitestCounts(undefined), 0)).toEqual({ passed: 0, failed: 1, skipped: 0 });
  });

  it('counts a runner that exited non-zero with no failure reported as one failure', () => {
    expect(runnerTotals({ passed: 5, failed: 0 }, 1)).toEqual({ passed: 5, failed: 1, skipped: 0 });
    expect(runnerTotals({ passed: 5, failed: 2 }, 1)).toEqual({ passed: 5, failed: 2, skipped: 0 });
    expect(runnerTotals({ passed: 5, failed: 0 }, 0)).toEqual({ passed: 5, failed: 0, skipped: 0 });
  });

  it('carries skipped tests through to the closing line instead of hiding them', () => {
    expect(vitestCounts({ numPassedTests: 2, numFailedTests: 0, numPendingTests: 1, numTodoTests: 1, testResults: [] })).toEqual({
      passed: 2,
      failed: 0,
      skipped: 2,
    });
    expect(runnerTotals({ passed: 193, failed: 0, skipped: 15 }, 0)).toEqual({ passed: 193, failed: 0, skipped: 15 });
  });
});

describe('the test command’s tiers', () => {
  it('runs every Vitest project of vitest.config.ts, and every engine, once: the typecheck first, e2e last', () => {
    const projects = (config.test?.projects ?? []).map((p) => (typeof p === 'object' && 'test' in p ? p.test?.name : undefined));
    const steps = plan(['chromium', 'firefox', 'webkit']);
    expect(steps.filter((s) => s.kind === 'vitest').map((s) => s.project).sort()).toEqual([...projects].sort());
    expect(steps.map((s) => s.label)).toEqual([
      'typecheck', 'unit', 'integration', 'browser (chromium)', 'browser (firefox)', 'browser (webkit)', 'e2e',
    ]);
  });

  it('runs the tiers one after the other; with --lanes, the quick tiers then Chromium, Firefox then WebKit, e2e at once', () => {
    const labels = (steps: ReturnType<typeof plan>) => lanes(steps).map((lane) => lane.map((s) => s.label));
    expect(labels(plan(['chromium', 'firefox', 'webkit'], { lanes: true }))).toEqual([
      ['typecheck', 'unit', 'integration', 'browser (chromium)'],
      ['browser (firefox)', 'browser (webkit)'],
      ['e2e'],
    ]);
    expect(labels(plan(['chromium', 'firefox', 'webkit']))).toEqual([
      ['typecheck', 'unit', 'integration', 'browser (chromium)', 'browser (firefox)', 'browser (webkit)', 'e2e'],
    ]);
  });

  it('prints a line per tier with its skips, however many, and its time', () => {
    expect(tierLine('unit', { passed: 120, failed: 0, skipped: 0 }, 4_321)).toBe('unit: 120 passed, 0 failed, 0 skipped (4.3 s)');
    expect(tierLine('browser (webkit)', { passed: 150, failed: 2, skipped: 9 }, 95_000)).toBe(
      'browser (webkit): 150 passed, 2 failed, 9 skipped (95.0 s)',
    );
  });

  it('closes with every tier’s line again, then their sum; skips said when there are some', () => {
    const unit = { label: 'unit', counts: runnerTotals({ passed: 120, failed: 0 }, 0), ms: 4_000 };
    const e2e = { label: 'e2e', counts: runnerTotals(undefined, 1), ms: 1_000 };
    const webkit = { label: 'browser (webkit)', counts: runnerTotals({ passed: 150, failed: 0, skipped: 9 }, 0), ms: 95_000 };
    expect(closing([unit, e2e]).lines).toEqual([
      'unit: 120 passed, 0 failed, 0 skipped (4.0 s)',
      'e2e: 0 passed, 1 failed, 0 skipped (1.0 s)',
      '120 passed, 1 failed',
    ]);
    expect(closing([unit, webkit]).totals).toEqual({ passed: 270, failed: 0, skipped: 9 });
    expect(closing([unit, webkit]).lines.at(-1)).toBe('270 passed, 0 failed, 9 skipped');
    expect(totalLine({ passed: 3, failed: 0 })).toBe('3 passed, 0 failed');
  });
});

describe('the browser files each engine runs', () => {
  const browserDir = new URL('../browser/', import.meta.url);
  const testFiles = readdirSync(browserDir).filter((name) => name.endsWith('.test.ts'));
  const listed = Object.keys(ALL_ENGINES);

  it('runs every file in Chromium', () => {
    expect(browserTestFiles('chromium')).toEqual(['test/browser/**/*.test.ts']);
  });

  it('runs in Firefox and WebKit exactly the files listed in test/browser/engines.mjs, and the screenshots in Firefox', () => {
    const expected = listed.map((file) => `test/browser/${file}`);
    expect(SCREENSHOT_ENGINES).toEqual(['chromium', 'firefox']);
    expect(browserTestFiles('firefox')).toEqual([...expected, 'test/browser/*.screenshots.test.ts']);
    expect(browserTestFiles('webkit')).toEqual(expected);
  });

  it('lists only files that exist, each with its reason, and no screenshots', () => {
    // A renamed file would otherwise drop out of Firefox and WebKit without a word.
    expect(listed.filter((file) => !testFiles.includes(file))).toEqual([]);
    for (const [file, reason] of Object.entries(ALL_ENGINES)) expect(reason, file).toMatch(/\w{3,}.*\w{3,}/);
    expect(listed.filter((file) => file.endsWith('.screenshots.test.ts'))).toEqual([]);
  });
});
