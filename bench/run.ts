// `npm run bench`: every benchmark in one run on this machine, against the emulator (its own process) and a page
// in headless Chromium. Prints a Markdown table and writes bench/results.json and bench/RESULTS.md. Fails nothing:
// a missed goal is a figure in the table, and the exit code is non-zero only when a benchmark could not run.
//
//   npm run bench -- [--rounds 15] [--runs 3] [--only throughput,longtasks,expiry,bundle,memory,element,network,resume,recording,load,cpu]
//                    [--recording-minutes 10] [--no-build]
//   npm run bench -- --table     prints the table of the last bench/results.json again, measuring nothing
// A run of some sections keeps the other sections' figures of the last bench/results.json, each with its date.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BUNDLE, measureBundles } from './bundle-size.js';
import { measureElementCost } from './element-cost.js';
import { measureMemory } from './memory.js';
import { SECTIONS, keepEarlier, machineLine, table, type Results, type Section } from './report.js';
import { resultsPage } from './results-page.js';
import { measureThroughput } from './throughput.js';
import { measureTokenExpiry } from './token-expiry.js';
import { measureLongTasks } from './long-tasks.js';
import { measureNetwork } from './network.js';
import { measureResume } from './resume.js';
import { FIXED_SECONDS, measureRecording } from './recording.js';
import { measureLoad } from './load.js';
import { measureCpu } from './cpu.js';
import { launchBrowser } from './lib/browser.js';
import type { BenchContext } from './lib/context.js';
import { startEmulator } from './lib/emulator-process.js';
import { startSite } from './lib/site.js';

/** Sections start no new round after this; the whole run is killed after HARD_LIMIT_MS whatever happens. */
const SOFT_LIMIT_MS = 12 * 60_000;
const HARD_LIMIT_MS = 20 * 60_000;
/** The recording section's long recording runs whatever the clock says: the hard limit grows by its length and this. */
const RECORDING_ALLOWANCE_MS = 5 * 60_000;
/** The `load` section's pairs of pages (ours and Mux's) and rounds of the first-byte modes. */
const LOAD_PAIRS = 12;

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '15' },
    runs: { type: 'string', default: '3' },
    only: { type: 'string' },
    'recording-minutes': { type: 'string', default: '10' },
    'no-build': { type: 'boolean', default: false },
    table: { type: 'boolean', default: false },
  },
});
if (values.table) {
  const last = JSON.parse(readFileSync(join(root, 'bench/results.json'), 'utf8')) as Results;
  console.log(`${machineLine(last.machine)}; ${last.durationSeconds} s in all\n\n${table(last)}`);
  process.exit(0);
}
const rounds = Math.max(1, Number(values.rounds) || 15);
const runs = Math.max(1, Number(values.runs) || 3);
const recordingMinutes = Number(values['recording-minutes']);
if (!(recordingMinutes > 0)) {
  console.error(`--recording-minutes takes a number of minutes above 0, not "${values['recording-minutes']}".`);
  process.exit(2);
}
const only = new Set((values.only ?? SECTIONS.join(',')).split(',').map((s) => s.trim()));
for (const name of only) {
  if (!SECTIONS.includes(name as Section)) {
    console.error(`Unknown section "${name}": choose from ${SECTIONS.join(', ')}.`);
    process.exit(2);
  }
}

const started = Date.now();
const hardLimitMs = HARD_LIMIT_MS + (only.has('recording') ? recordingMinutes * 60_000 + RECORDING_ALLOWANCE_MS : 0);
setTimeout(() => {
  console.error(`The benchmarks ran past ${Math.round(hardLimitMs / 60_000)} minutes and were stopped.`);
  process.exit(1);
}, hardLimitMs).unref();

const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
if (!values['no-build'] && scripts.build) {
  console.log('Building the package (npm run build)…');
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', timeout: 300_000 });
  if (build.status !== 0) {
    const output = `${build.stdout ?? ''}${build.stderr ?? ''}`.trim().split('\n').slice(-30).join('\n');
    console.error(`${output}\nnpm run build failed (above); the benchmarks measure dist/apivideo-uploader.js as built from this checkout.`);
    process.exit(1);
  }
}
const bundlePath = join(root, BUNDLE);
if (!existsSync(bundlePath)) {
  console.error(`${BUNDLE} is missing: run npm run build first.`);
  process.exit(1);
}

const emulator = await startEmulator(root);
const site = await startSite(root, emulator.url, bundlePath);
const browser = await launchBrowser();
const ctx: BenchContext = { root, emulator, site, browser, deadline: started + SOFT_LIMIT_MS, log: (line) => console.log(line) };
let results: Results = {
  machine: {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: /PRETTY_NAME="([^"]+)"/.exec(existsSync('/etc/os-release') ? readFileSync('/etc/os-release', 'utf8') : '')?.[1] ?? process.platform,
    node: process.version,
    chromium: browser.version(),
    loadStart: loadavg()[0],
  },
  durationSeconds: 0,
};
console.log(`Machine: ${machineLine(results.machine)}`);

let failed = false;
async function section(name: Section, title: string, work: () => Promise<void>): Promise<void> {
  if (!only.has(name)) return;
  console.log(`\n${title}`);
  try {
    await work();
  } catch (error) {
    failed = true;
    console.error(`  ${name} could not be measured: ${error instanceof Error ? error.message : String(error)}`);
  }
}

try {
  await section('bundle', 'Bundle size (gzip -9, brotli 11)', async () => {
    results.bundle = await measureBundles(root);
  });
  await section('throughput', `Throughput and long tasks: ${rounds} interleaved rounds after one warm-up of each`, async () => {
    results.throughput = await measureThroughput(ctx, rounds);
  });
  await section('longtasks', `Long tasks on the main thread: ${runs} traced runs per part size`, async () => {
    results.longTasks = await measureLongTasks(ctx, runs);
  });
  await section('expiry', `Token expiry mid-upload: ${runs} runs per case`, async () => {
    results.tokenExpiry = await measureTokenExpiry(ctx, runs);
  });
  await section('memory', `Memory over a 1 GiB upload: ${runs} runs`, async () => {
    results.memory = await measureMemory(ctx, runs);
  });
  await section('element', `Element cost: ${Math.max(runs, 7)} fresh pages`, async () => {
    results.elementCost = await measureElementCost(ctx, Math.max(runs, 7));
  });
  // A round over the thin link takes about two minutes: at most `runs` of them.
  await section('network', `A long, thin link (emulator-shaped): ${Math.min(rounds, runs)} rounds`, async () => {
    results.network = await measureNetwork(ctx, Math.min(rounds, runs));
  });
  await section('resume', `Resume after a reload: ${runs} real reloads per part`, async () => {
    results.resume = await measureResume(ctx, runs);
  });
  await section('load', `First load, painted against Mux Uploader, file chosen → first byte: ${LOAD_PAIRS} pairs and rounds`, async () => {
    results.load = await measureLoad(ctx, LOAD_PAIRS);
  });
  await section('cpu', `Main-thread CPU per MiB, the element against a bare XHR loop: ${Math.max(runs, 5)} rounds`, async () => {
    results.cpu = await measureCpu(ctx, Math.max(runs, 5));
  });
  await section('recording', `Recording from the fake camera: ${runs} recordings of ${FIXED_SECONDS} s, then one of ${recordingMinutes} min`, async () => {
    results.recording = await measureRecording(ctx, runs, recordingMinutes);
  });
} finally {
  await browser.close().catch(() => {});
  await site.close().catch(() => {});
  await emulator.close().catch(() => {});
}

results.durationSeconds = Math.round((Date.now() - started) / 1000);
results.machine.loadEnd = loadavg()[0];
const out = join(root, 'bench/results.json');
const earlier = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as Results) : undefined;
results = keepEarlier(results, earlier, only as Set<Section>);
writeFileSync(`${out}.tmp`, `${JSON.stringify(results, null, 2)}\n`);
renameSync(`${out}.tmp`, out);
const page = join(root, 'bench/RESULTS.md');
writeFileSync(`${page}.tmp`, resultsPage(results, ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' ')));
renameSync(`${page}.tmp`, page);
console.log(`\n${machineLine(results.machine)}; ${results.durationSeconds} s in all\n`);
console.log(table(results));
console.log(`\nWritten: bench/results.json, bench/RESULTS.md`);
process.exitCode = failed ? 1 : 0;
