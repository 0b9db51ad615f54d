// The results as one Markdown table: measure, result (median, min–max over the runs), goal, and whether it is met.
import type { BundleResult } from './bundle-size.js';
import type { ElementCostResult } from './element-cost.js';
import type { MemoryResult } from './memory.js';
import type { ThroughputResult } from './throughput.js';
import type { ExpiryScenario } from './token-expiry.js';
import type { LongTaskResult } from './long-tasks.js';
import type { NetworkResult } from './network.js';
import type { ResumeResult } from './resume.js';
import type { RecordingResult } from './recording.js';
import type { LoadResult } from './load.js';
import { CPU_GOAL_MS_PER_MIB, type CpuResult } from './cpu.js';
import { formatSpread as f } from './lib/stats.js';

export interface Machine {
  date: string;
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  os: string;
  node: string;
  chromium: string;
  /** 1-minute load average when the run began and ended: how busy the shared machine was. */
  loadStart: number;
  loadEnd?: number;
}

export interface Results {
  machine: Machine;
  durationSeconds: number;
  throughput?: ThroughputResult;
  tokenExpiry?: ExpiryScenario[];
  longTasks?: LongTaskResult;
  bundle?: BundleResult;
  memory?: MemoryResult;
  elementCost?: ElementCostResult;
  network?: NetworkResult;
  resume?: ResumeResult;
  recording?: RecordingResult;
  load?: LoadResult;
  cpu?: CpuResult;
  /** When each section's figures were measured: a run of some sections keeps the others' figures from earlier runs. */
  measuredAt?: Partial<Record<Section, string>>;
}

/** The sections of `npm run bench -- --only`, and where each keeps its figures in the results. */
export const SECTION_RESULTS = {
  throughput: 'throughput',
  longtasks: 'longTasks',
  expiry: 'tokenExpiry',
  bundle: 'bundle',
  memory: 'memory',
  element: 'elementCost',
  network: 'network',
  resume: 'resume',
  recording: 'recording',
  load: 'load',
  cpu: 'cpu',
} as const satisfies Record<string, keyof Results>;
export type Section = keyof typeof SECTION_RESULTS;
export const SECTIONS = Object.keys(SECTION_RESULTS) as Section[];

/**
 * `results` of a run of some sections only, completed with the other sections' figures from `earlier` (the last
 * bench/results.json), each with the date it was measured.
 */
export function keepEarlier(results: Results, earlier: Results | undefined, measured: ReadonlySet<Section>): Results {
  const measuredAt: Partial<Record<Section, string>> = {};
  const kept: Results = { ...results };
  for (const section of SECTIONS) {
    const key = SECTION_RESULTS[section];
    if (measured.has(section) && results[key] !== undefined) {
      measuredAt[section] = results.machine.date;
    } else if (earlier?.[key] !== undefined) {
      (kept as unknown as Record<string, unknown>)[key] = earlier[key];
      measuredAt[section] = earlier.measuredAt?.[section] ?? earlier.machine.date;
    }
  }
  return { ...kept, measuredAt };
}

type Row = [measure: string, result: string, goal: string, verdict: string];
const verdict = (met: boolean | undefined) => (met === undefined ? '' : met ? 'met' : '**missed**');
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

export function machineLine(m: Machine): string {
  const load = `load average ${m.loadStart.toFixed(1)}${m.loadEnd === undefined ? '' : ` → ${m.loadEnd.toFixed(1)}`}`;
  return `${m.date}, ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB RAM, ${m.os}, Node ${m.node}, Chromium ${m.chromium}, ${load}`;
}

export function table(r: Results): string {
  const rows: Row[] = [];
  const t = r.throughput;
  if (t) {
    const n = `${t.rounds} rounds`;
    rows.push([`Raw XHR POST, ${t.fileMiB} MiB in one request (${n}, two per round)`, f(t.mibPerSecond.raw, 0, ' MiB/s'), '', '']);
    rows.push([`Element, 50 MiB parts (${n})`, f(t.mibPerSecond.element50, 0, ' MiB/s'), '', '']);
    rows.push([`Element, 5 MiB parts (${n})`, f(t.mibPerSecond.element5, 0, ' MiB/s'), '', '']);
    rows.push(['Throughput ratio element / raw, 50 MiB parts', f(t.ratio50, 2), '≥ 0.95', verdict(t.ratio50.median >= 0.95)]);
    rows.push(['Throughput ratio element / raw, 5 MiB parts', f(t.ratio5, 2), 'reported', '']);
    rows.push([
      'Throughput ratio element / raw, 50 MiB parts, the progress bar\'s transition off from the page',
      f(t.ratio50Still, 2),
      '≥ 0.95',
      verdict(t.ratio50Still.median >= 0.95),
    ]);
    rows.push([`The same parts sent by hand, one XHR each, 50 MiB / 5 MiB (${n})`, `${f(t.mibPerSecond.parts50, 0, ' MiB/s')} / ${f(t.mibPerSecond.parts5, 0, ' MiB/s')}`, '', '']);
    rows.push(['Element / the same parts by hand, 50 MiB / 5 MiB: the element\'s own cost', `${f(t.ratioToParts50, 2)} / ${f(t.ratioToParts5, 2)}`, '', '']);
    rows.push(['Parts by hand / raw, 50 MiB / 5 MiB: the cost of uploading in parts', `${f(t.partsToRaw50, 2)} / ${f(t.partsToRaw5, 2)}`, '', '']);
    const idle = t.notSendingMs;
    rows.push([
      'Time not sending bytes (token request, gaps, waits for answers incl. the final join): raw / element 50 / by hand 50 / element 5 / by hand 5 MiB',
      [idle.raw, idle.element50, idle.parts50, idle.element5, idle.parts5].map((x) => f(x, 0, ' ms')).join(' / '),
      'reported',
      '',
    ]);
    rows.push([
      'Element: `upload(file)` → first part sent, of which the token request',
      `${f(t.elementFirstSendMs, 1, ' ms')}, of which ${f(t.elementTokenMs, 1, ' ms')}`,
      'reported',
      '',
    ]);
    rows.push(['Noise floor: a second raw POST / the first, same round', f(t.noiseFloor, 2), '1.00 on a quiet machine', '']);
    rows.push([
      'Fastest element run / fastest raw run: 50 MiB / 5 MiB parts',
      `${t.bestRatio50.toFixed(2)} / ${t.bestRatio5.toFixed(2)}`,
      'reported',
      '',
    ]);
  }
  for (const l of r.longTasks?.element ?? []) {
    rows.push([
      `Long tasks > 50 ms, ${t?.fileMiB ?? 192} MiB through the element in ${l.partMiB} MiB parts (${l.runs} traced runs): observed / in the trace by wall time / by CPU time`,
      `${f(l.observed, 0)} / ${f(l.tracedWall, 0)} / ${f(l.tracedCpu, 0)}; longest task ${l.longestWallMs.toFixed(0)} ms wall, ${l.longestCpuMs.toFixed(0)} ms CPU`,
      'none',
      l.observed.max === 0 && l.tracedWall.max === 0 ? 'met' : l.tracedCpu.max === 0 ? 'met by CPU time (the wall-clock ones waited for a core)' : '**missed**',
    ]);
  }
  if (r.longTasks) {
    const [fifty, five] = r.longTasks.element;
    rows.push([
      `Main-thread CPU for ${t?.fileMiB ?? 192} MiB: element 50 MiB / element 5 MiB / element 50 MiB, the bar's transition off / the 50 MiB parts by hand`,
      `${f(fifty.mainThreadCpuMs, 0, ' ms')} / ${f(five.mainThreadCpuMs, 0, ' ms')} / ${f(r.longTasks.stillMainThreadCpuMs, 0, ' ms')} / ${f(r.longTasks.byHandMainThreadCpuMs, 0, ' ms')}`,
      'reported',
      '',
    ]);
  }
  for (const s of r.tokenExpiry ?? []) {
    const label = `Token ${s.name}, ${s.partMiB} MiB parts (${s.runs} runs)`;
    const known = s.gapMs === undefined;
    rows.push([
      `${label}: bytes sent again`,
      `${f(s.resentMiB, 1, ' MiB')} (one part is ${s.partBodyMiB.toFixed(1)} MiB)`,
      known ? 'none' : '≤ the part in flight',
      verdict(known ? s.resentMiB.max === 0 : s.resentMiB.max <= s.partBodyMiB + 0.01),
    ]);
    if (known) {
      rows.push([
        `${label}: 401 answers / token requests after the first`,
        `${f(s.refusals, 0)} / ${f(s.extraTokenRequests, 0)}, all renewals ahead of expiry, over a ${f(s.uploadSeconds, 1, ' s')} upload`,
        '0 caused by a 401',
        verdict(s.refusals.max === 0 && s.serverRefusals.max === 0),
      ]);
    } else {
      rows.push([`${label}: token requests after the 401`, f(s.extraTokenRequests, 0), 'exactly 1', verdict(s.extraTokenRequests.min === 1 && s.extraTokenRequests.max === 1)]);
      rows.push([
        `${label}: 401 → first byte of the resent part`,
        `${f(s.gapMs!, 1, ' ms')}, of which token endpoint ${f(s.tokenEndpointMs!, 1, ' ms')}`,
        'token endpoint + < 50 ms',
        verdict(s.overheadMs!.max < 50),
      ]);
    }
  }
  const b = r.bundle;
  if (b) {
    rows.push([`Bundle \`${b.ours.file}\` (${kib(b.ours.raw)} minified): gzip -9 / brotli 11`, `${kib(b.ours.gzip)} / ${kib(b.ours.brotli)}`, 'smaller than Mux', verdict(b.gzipRatio < 1 && b.brotliRatio < 1)]);
    if (b.defaultPage) {
      rows.push([`A default page loads \`${b.defaultPage.file}\` (${kib(b.defaultPage.raw)}): gzip -9 / brotli 11`, `${kib(b.defaultPage.gzip)} / ${kib(b.defaultPage.brotli)}`, 'reported', '']);
    }
    if (b.onDemand?.length) {
      const name = (file: string) => file.replace(/^.*[\\/]/, '').replace(/^apivideo-uploader-|\.js$/g, '');
      rows.push(['Chunks fetched only by pages that need them: gzip -9', b.onDemand.map((c) => `${name(c.file)} ${kib(c.gzip)}`).join(', '), 'reported', '']);
    }
    rows.push([`Mux Uploader \`mux-uploader.mjs\` (${kib(b.mux.raw)}): gzip -9 / brotli 11`, `${kib(b.mux.gzip)} / ${kib(b.mux.brotli)}`, '', '']);
    rows.push(['Bundle ratio ours / Mux: gzip / brotli', `${b.gzipRatio.toFixed(2)} / ${b.brotliRatio.toFixed(2)}`, '< 1', verdict(b.gzipRatio < 1 && b.brotliRatio < 1)]);
    const w = b.withoutLit;
    rows.push(['The same without lit (esbuild, lit external: a page that already loads lit): gzip / brotli', `${kib(w.gzip)} / ${kib(w.brotli)} (${kib(w.raw)} minified)`, 'reported', '']);
    for (const weight of b.weights ?? []) {
      const name = weight.file.replace(/^.*[\\/]/, '');
      const packages = weight.byPackage.filter((p) => p.gzip >= 100).map((p) => `${p.owner} ${kib(p.gzip)}`).join(', ');
      const sources = weight.bySource
        .filter((p) => p.owner.startsWith('src/'))
        .slice(0, 6)
        .map((p) => `${p.owner.replace(/^src\//, '')} ${kib(p.gzip)}`)
        .join(', ');
      rows.push([
        `What \`${name}\` (${kib(weight.gzip)} gzip -9) holds: each package's and each source file's gzip marginal (the file less that code), largest first`,
        `${packages}; of this project's files: ${sources}`,
        'reported',
        '',
      ]);
    }
  }
  const m = r.memory;
  if (m) {
    rows.push([`Page JS heap growth, ${m.fileMiB} MiB through the element in ${m.partMiB} MiB parts (${m.runs} runs)`, `${f(m.heapGrowthMiB, 1, ' MiB')}; after GC ${f(m.heapRetainedMiB, 1, ' MiB')}`, `< ${2 * m.partMiB} MiB`, verdict(m.heapGrowthMiB.max < 2 * m.partMiB)]);
    rows.push([`Emulator RSS growth over the same upload (${m.runs} runs)`, `${f(m.rssGrowthMiB, 1, ' MiB')} over ${f(m.rssBaselineMiB, 0, ' MiB')}`, '< 64 MiB', verdict(m.rssGrowthMiB.max < 64)]);
  }
  const e = r.elementCost;
  if (e) {
    rows.push([`Load bundle until the element is defined (${e.runs} fresh pages)`, f(e.defineMs, 1, ' ms'), 'reported', '']);
    rows.push(['One element: append → first frame painted', f(e.firstFrameMs, 1, ' ms'), 'reported', '']);
    rows.push([`${e.many} elements on one page: append → rendered and painted`, f(e.manyMs, 1, ' ms'), 'reported', '']);
    const p = e.poster;
    if (p) {
      rows.push([
        `Poster frame of a chosen file, ${p.video}, ${(p.videoBytes / 2 ** 20).toFixed(1)} MiB (${p.runs} runs): chosen → drawn; main-thread CPU meanwhile / the same time with a file it cannot decode / the difference, the frame's own`,
        `${f(p.drawnMs, 0, ' ms')}; ${f(p.cpuMs, 1, ' ms')} / ${f(p.noFrameCpuMs, 1, ' ms')} / ${f(p.frameCpuMs, 1, ' ms')}`,
        'reported',
        '',
      ]);
      rows.push(['The same: long tasks (> 50 ms) while the frame is made, per run; the longest', `${f(p.longTasks, 0)}; ${p.longestTaskMs.toFixed(0)} ms CPU`, 'none', verdict(p.longTasks.max === 0)]);
    }
  }
  const n = r.network;
  if (n) {
    const link = `${n.link.latencyMs} ms, ${n.link.connectionBytesPerSecond / 2 ** 20} MiB/s a connection, ${n.link.totalBytesPerSecond / 2 ** 20} MiB/s in all`;
    const s = n.mibPerSecond;
    rows.push([
      `Thin link (${link}), ${n.fileMiB} MiB: raw POST / element in ${n.partMiB} MiB parts, parallel-parts 1 / 2 / 4 / 8 / 8 with the video made first (${n.rounds} rounds)`,
      [s.raw, s.p1, s.p2, s.p4, s.p8, s.p8Given].map((x) => f(x, 1, ' MiB/s')).join(' / '),
      'reported',
      '',
    ]);
    rows.push(['Thin link: parallel-parts 4 / raw POST, same round', f(n.toRaw.p4, 2), '≥ 3', verdict(n.toRaw.p4.median >= 3)]);
    rows.push(['Thin link: parallel-parts 1 / 2 / 8 over the raw POST', [n.toRaw.p1, n.toRaw.p2, n.toRaw.p8].map((x) => f(x, 2)).join(' / '), 'reported', '']);
    rows.push(['Thin link: parallel-parts 8, video made first, of the link\'s capacity', f(n.ofCapacity, 2), '≥ 0.85', verdict(n.ofCapacity.median >= 0.85)]);
    rows.push([
      `Thin link: 3 files of 64 MiB through the queue, concurrency 1 / 3`,
      `${f(s.queue1, 1, ' MiB/s')} / ${f(s.queue3, 1, ' MiB/s')} (${f(n.toRaw.queue3, 2)} × the raw POST)`,
      'reported',
      '',
    ]);
    const c = n.cpuMsPerMiB;
    rows.push([
      'Thin link: page CPU per MiB, parallel-parts 1 / 4 / 8 (and the raw POST)',
      `${[c.p1, c.p4, c.p8].map((x) => f(x, 2, ' ms')).join(' / ')} (${f(c.raw, 2, ' ms')})`,
      'parallel no worse than 1',
      verdict(c.p4.median <= c.p1.median * 1.1 && c.p8.median <= c.p1.median * 1.1),
    ]);
  }
  const re = r.resume;
  for (const at of re?.atPart ?? []) {
    rows.push([
      `Reload at part ${at.part} of ${Math.ceil(re!.fileMiB / re!.partMiB)} (${re!.partMiB} MiB parts, ${at.runs} runs), the file chosen again: bytes sent again for parts acknowledged before the reload; first part sent after it`,
      `${f(at.resentMiB, 1, ' MiB')}; part ${f(at.firstPartSent, 0)}${at.sameVideo ? ', into the same video' : ', **not always the same video**'}`,
      'none beyond the part in flight',
      verdict(at.resentMiB.max === 0 && at.sameVideo),
    ]);
  }
  if (re) {
    const fp = re.fingerprint;
    rows.push([
      `Resume fingerprint of a ${fp.gib} GiB file (${fp.ms.runs} rounds): time; long tasks meanwhile`,
      `${f(fp.ms, 1, ' ms')}; ${fp.longTasks} long task(s)${fp.longTasks ? `, longest ${fp.longestMs.toFixed(0)} ms` : ''}`,
      '< 50 ms, no long task',
      verdict(fp.ms.median < 50 && fp.longTasks === 0),
    ]);
    const tasks = (count: number, longestMs: number) => `${count} long task(s)${count ? `, longest ${longestMs.toFixed(0)} ms` : ''}`;
    const mib = (value: number | null) => (value === null ? 'n/a' : `${value.toFixed(0)} MiB`);
    for (const c of re.check ?? []) {
      rows.push([
        `Resume check of a ${c.gib} GiB file, the record holding ${c.held} of ${c.parts} parts of ${c.partMiB} MiB (${c.decideMs.runs} round${c.decideMs.runs === 1 ? '' : 's'}): \`decide()\` / the same bytes read once without a digest; ratio per round`,
        `${f(c.decideMs, 0, ' ms')} / ${f(c.readMs, 0, ' ms')}; ×${f(c.ratio, 2)}`,
        'reported',
        '',
      ]);
      rows.push([
        `The same check: long tasks meanwhile; page memory at its highest above before (JS heap + ArrayBuffers); the same two while the plain reads ran; the record's first writing`,
        `${tasks(c.longTasks, c.longestMs)}; ${mib(c.peakMiB)}; reads: ${tasks(c.read.longTasks, c.read.longestMs)}, ${mib(c.read.peakMiB)}; ${c.recordMs.toFixed(0)} ms`,
        'no long task',
        verdict(c.longTasks === 0),
      ]);
    }
    const d = re.digest;
    if (d) {
      rows.push([
        `One ${d.partMiB} MiB part during an upload (${d.digestMs.runs} rounds): its digest / sending it on loopback; share per round; the send with the digest meanwhile, against the send alone`,
        `${f(d.digestMs, 0, ' ms')} / ${f(d.sendMs, 0, ' ms')}; ${f(d.share, 2)}; ${f(d.sendWithDigestMs, 0, ' ms')}, ×${f(d.slowdown, 2)}`,
        'reported',
        '',
      ]);
    }
  }
  const rec = r.recording;
  if (rec) {
    const x = rec.fixed;
    rows.push([
      `Recording of ${x.seconds} s from the fake camera in ${rec.partKiB} KiB parts (${x.runs} runs): \`stopRecording()\` → \`upload-success\` / one part's upload (send → answer) while recording`,
      `${f(x.stopToSuccessMs, 0, ' ms')} / ${f(x.partUploadMs, 1, ' ms')}`,
      `< one part + ${x.marginMs / 1000} s`,
      verdict(x.overGoalMs.max < 0),
    ]);
    rows.push([
      `Recording of ${x.seconds} s: recorded (${rec.mimeType}); parts sent, of which before stop; the last part's upload`,
      `${f(x.recordedMiB, 2, ' MiB')}; ${f(x.parts, 0)} parts, ${f(x.partsBeforeStop, 0)} before stop; ${f(x.lastPartMs, 1, ' ms')}`,
      'reported',
      '',
    ]);
    const l = rec.long;
    rows.push([
      `Page JS heap after a forced GC during a ${l.minutes} min recording, every ${l.sampleSeconds} s (${l.samples.length} samples): first / last / max`,
      `${l.firstMiB.toFixed(2)} / ${l.lastMiB.toFixed(2)} / ${l.maxMiB.toFixed(2)} MiB`,
      'bounded',
      verdict(l.secondHalfMiBPerMinute < l.boundedMiBPerMinute),
    ]);
    rows.push([
      `The same: heap growth over the recording's second half`,
      `${l.secondHalfMiBPerMinute.toFixed(3)} MiB/min`,
      `< ${l.boundedMiBPerMinute} MiB/min`,
      verdict(l.secondHalfMiBPerMinute < l.boundedMiBPerMinute),
    ]);
    rows.push([
      `The ${l.minutes} min recording: recorded; parts sent, of which before stop; \`stopRecording()\` → \`upload-success\` / one part`,
      `${l.recordedMiB.toFixed(1)} MiB; ${l.parts} parts, ${l.partsBeforeStop} before stop; ${l.stopToSuccessMs.toFixed(0)} ms / ${l.partUploadMs.toFixed(1)} ms`,
      'reported',
      '',
    ]);
  }
  const ld = r.load;
  if (ld) {
    const files = (f: { files: { file: string; gzip: number }[] }) => f.files.map((x) => `\`${x.file}\` ${kib(x.gzip)}`).join(' + ');
    const ours = ld.firstLoad.ours;
    rows.push([
      'First load: the scripts a page fetches until the element is painted and the load event fired, gzip -9 each',
      `${kib(ours.gzip)} (${files(ours)}); Mux Uploader ${kib(ld.firstLoad.mux.gzip)}`,
      '≤ 12 KiB',
      verdict(ours.gzip <= 12 * 1024),
    ]);
    rows.push(['Fetched after it, once the page is idle (the upload, prefetched)', ld.idlePrefetch.files.length ? `${kib(ld.idlePrefetch.gzip)} (${files(ld.idlePrefetch)})` : 'nothing', 'reported', '']);
    rows.push([
      'Everything a single file\'s upload fetches, by its `upload-success`',
      `${kib(ld.singleUpload.ours.gzip)}; Mux Uploader ${kib(ld.singleUpload.mux.gzip)}`,
      '≤ 27 KiB',
      verdict(ld.singleUpload.ours.gzip <= 27 * 1024),
    ]);
    const p = ld.profile;
    const profile = `${p.latencyMs} ms RTT, ${p.downloadKbps / 1000} Mbit/s down, CPU ×${p.cpuSlowdown}`;
    rows.push([
      `Painted (first contentful paint) on a slow phone (${profile}), a fresh context per page, ${ld.paint.pairs} alternating pairs: ours / Mux Uploader; ratio per pair`,
      `${f(ld.paint.oursMs, 0, ' ms')} / ${f(ld.paint.muxMs, 0, ' ms')}; ×${f(ld.paint.ratio, 2)}`,
      'no later than Mux',
      verdict(ld.paint.ratio.median <= 1),
    ]);
    for (const b of ld.firstByte) {
      rows.push([
        `File chosen → the first part's first byte, ${b.profile} (${b.runs} rounds): the upload not yet loaded / prefetched / preloaded (eager)`,
        `${f(b.ms.notLoaded, 0, ' ms')} / ${f(b.ms.prefetched, 0, ' ms')} / ${f(b.ms.eager, 0, ' ms')}`,
        'reported',
        '',
      ]);
      rows.push([
        `The same, ${b.profile}: later than eager, same round: not loaded / prefetched`,
        `${f(b.laterThanEager.notLoaded, 0, ' ms')} / ${f(b.laterThanEager.prefetched, 0, ' ms')}`,
        '≤ 150 ms / ≤ 0 ms',
        verdict(b.laterThanEager.notLoaded.median <= 150 && b.laterThanEager.prefetched.median <= 0),
      ]);
    }
  }
  for (const c of r.cpu?.parts ?? []) {
    const ms = c.msPerMiB;
    rows.push([
      `Main-thread CPU per MiB, ${r.cpu!.fileMiB} MiB on loopback in ${c.partMiB} MiB parts (${c.runs} rounds): the element / the element with \`resumable="false"\` (no part digests) / a bare XHR loop`,
      `${f(ms.element, 3, ' ms')} / ${f(ms.noResume, 3, ' ms')} / ${f(ms.xhr, 3, ' ms')}`,
      `≤ ${CPU_GOAL_MS_PER_MIB} ms`,
      verdict(ms.element.median <= CPU_GOAL_MS_PER_MIB),
    ]);
    rows.push([`The same, ${c.partMiB} MiB parts, over the XHR loop in the same round: the element / \`resumable="false"\``, `×${f(c.ratio.element, 1)} / ×${f(c.ratio.noResume, 1)}`, 'reported', '']);
  }
  const lines = ['| measure | result: median (min–max) | goal | |', '|---|---|---|---|'];
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
  return lines.join('\n');
}
