export interface RunnerCounts {
  passed: number;
  failed: number;
  /** Tests a runner skipped (each with its reason in the test). */
  skipped?: number;
}
export function vitestCounts(report: unknown): RunnerCounts | undefined;
export function runnerTotals(counts: RunnerCounts | undefined, exitCode: number): RunnerCounts;
