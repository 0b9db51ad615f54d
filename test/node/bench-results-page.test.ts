// bench/RESULTS.md as `npm run bench` writes it: the machine and date of the run, the command, and its table.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resultsPage } from '../../bench/results-page.js';
import { SECTIONS, SECTION_RESULTS, keepEarlier, type Results } from '../../bench/report.js';

const stored = JSON.parse(readFileSync(new URL('../../bench/results.json', import.meta.url), 'utf8')) as Results;

describe('bench/RESULTS.md', () => {
  it('names the machine, the date and the command, then gives the table of the run', () => {
    const page = resultsPage(stored, 'npm run bench -- --only bundle');
    expect(page.startsWith('# Benchmark results\n')).toBe(true);
    expect(page).toContain(stored.machine.date);
    expect(page).toContain(stored.machine.cpuModel);
    expect(page).toContain(`${stored.durationSeconds} s`);
    expect(page).toContain('`npm run bench -- --only bundle`');
    expect(page).toContain('| measure | result');
    // Every measured section of the stored run has its rows.
    if (stored.bundle) expect(page).toMatch(/\| Bundle `dist\/apivideo-uploader\.js`/);
    if (stored.throughput) expect(page).toMatch(/\| Throughput ratio element \/ raw, 50 MiB parts \|/);
  });

  it('keeps the figures of the sections a run did not measure from the last run, and names them with their date', () => {
    const present = SECTIONS.filter((section) => stored[SECTION_RESULTS[section]] !== undefined);
    expect(present.length).toBeGreaterThanOrEqual(2);
    const [measured, ...others] = present;
    const date = '2030-01-02T03:04:05Z';
    const run: Results = {
      machine: { ...stored.machine, date },
      durationSeconds: 7,
      [SECTION_RESULTS[measured]]: stored[SECTION_RESULTS[measured]],
    };
    // A section asked for that could not be measured keeps its earlier figures too.
    const merged = keepEarlier(run, stored, new Set([measured, others[0]]));
    expect(merged.measuredAt?.[measured]).toBe(date);
    for (const section of others) {
      expect(merged[SECTION_RESULTS[section]]).toEqual(stored[SECTION_RESULTS[section]]);
      expect(merged.measuredAt?.[section]).toBe(stored.measuredAt?.[section] ?? stored.machine.date);
    }
    const page = resultsPage(merged, 'npm run bench -- --only ' + measured);
    expect(page).toContain('Kept from earlier runs, which this one did not measure: ');
    for (const section of others) expect(page).toContain(`${section} (`);
    expect(page).not.toContain(`${measured} (${date})`);
    // Without an earlier run, nothing is kept.
    expect(keepEarlier(run, undefined, new Set([measured])).measuredAt).toEqual({ [measured]: date });
  });
});
