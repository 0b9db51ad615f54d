// bench/RESULTS.md: the table of one run with the machine and the date it was measured on, written beside
// bench/results.json so the figures can be read (and linked to) without running anything.
import { machineLine, table, type Results } from './report.js';

/** The Markdown page of one run; `command` is how it was started, so a reader can run the same. */
export function resultsPage(results: Results, command: string): string {
  const earlier = Object.entries(results.measuredAt ?? {}).filter(([, date]) => date !== results.machine.date);
  return [
    '# Benchmark results',
    '',
    `Measured ${machineLine(results.machine)}. The run took ${results.durationSeconds} s: \`${command}\`.`,
    ...(earlier.length
      ? [`Kept from earlier runs, which this one did not measure: ${earlier.map(([section, date]) => `${section} (${date})`).join(', ')}.`]
      : []),
    'Each figure is the median of the runs named in its line, with the minimum and maximum in brackets;',
    '[docs/benchmarks.md](../docs/benchmarks.md) says how each is measured. Written by `npm run bench`, which replaces',
    'this page on every run; `bench/results.json` holds every run\'s figures.',
    '',
    table(results),
    '',
  ].join('\n');
}
