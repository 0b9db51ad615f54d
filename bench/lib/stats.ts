// Summaries of repeated measurements: the machine is shared, so one figure alone says little.

export interface Spread {
  median: number;
  min: number;
  max: number;
  /** How many measurements the figure is made of. */
  runs: number;
  values: number[];
}

export function spread(values: number[]): Spread {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return { median: NaN, min: NaN, max: NaN, runs: 0, values: [] };
  const sorted = [...finite].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], runs: sorted.length, values: finite };
}

/** `median (min–max)` with the given number of decimals. */
export function formatSpread(s: Spread, decimals = 1, unit = ''): string {
  if (s.runs === 0) return 'n/a';
  const f = (v: number) => v.toFixed(decimals);
  if (s.runs === 1 || s.min === s.max) return `${f(s.median)}${unit}`;
  return `${f(s.median)}${unit} (${f(s.min)}–${f(s.max)})`;
}

export const MiB = 1024 * 1024;
