export interface RunnerCounts {
  passed: number;
  failed: number;
  /** Tests a runner skipped (each with its reason in the test). */
  skipped?: number;
}
export interface Step {
  label: string;
  kind: 'typecheck' | 'vitest' | 'browser';
  /** The Vitest project of a `vitest` step. */
  project?: string;
  /** The engine of a `browser` step. */
  engine?: string;
  /** Steps of one lane run in order; the lanes run at once. */
  lane: number;
}
export function plan(engines?: readonly string[], options?: { lanes?: boolean }): Step[];
export function lanes(steps: readonly Step[]): Step[][];
export function vitestCounts(report: unknown): RunnerCounts | undefined;
export function runnerTotals(counts: RunnerCounts | undefined, exitCode: number): RunnerCounts;
export function tierLine(label: string, counts: RunnerCounts, ms: number): string;
export function totalLine(counts: RunnerCounts): string;
export function closing(tiers: { label: string; counts: RunnerCounts; ms: number }[]): { totals: Required<RunnerCounts>; lines: string[] };
