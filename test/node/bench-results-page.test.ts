// bench/RESULTS.md as `npm run bench` writes it: the machine and date of the run, the command, and its table.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resultsPage } from '../../bench/results-page.js';
import type { Results } from '../../bench/report.js';

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
});
