// `npm test` closes with one `N passed, N failed` line: a run that broke must never read as all passed.
import { describe, expect, it } from 'vitest';
import { runnerTotals, vitestCounts } from '../run.mjs';

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
