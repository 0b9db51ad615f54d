export interface RunnerCounts {
  passed: number;
  failed: number;
}
export function vitestCounts(report: unknown): RunnerCounts | undefined;
export function runnerTotals(counts: RunnerCounts | undefined, exitCode: number): RunnerCounts;
