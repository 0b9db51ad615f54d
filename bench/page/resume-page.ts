// The browser half of the resume check's benchmark, driven through `window.benchResume` by bench/resume.ts, on the
// file chosen in the page's file input (a file on disk). The check is the real one: a ResumeTracker's `decide()`
// over a sealed record in IndexedDB that the real write path (`stored()`, digests taken by the tracker) made. Beside
// it, in the same rounds, the same bytes read once without a digest, so the cost can be given as a ratio.
import type { ResumeStore as Store, ResumeStoreOptions } from '../../src/upload/resume-store.js';
import type { ResumeTracker as Tracker } from '../../src/upload/resume-tracker.js';
import { longTaskRecorder, withTimeout, type LongTask } from './bench-page.js';

interface ResumeModules {
  ResumeTracker: new (store: Store) => Tracker;
  ResumeStore: new (options?: ResumeStoreOptions) => Store;
  pageDigests: { readonly taken: { readonly worker: number; readonly mainThread: number }; digest(file: Blob, start: number, end: number): Promise<string> };
}

const modules = () => import(/* @vite-ignore */ '/resume-check.js' as string) as Promise<ResumeModules>;

function chosenFile(): File {
  const chosen = document.querySelector<HTMLInputElement>('#pick')?.files?.[0];
  if (!chosen) throw new Error('no file in #pick');
  return chosen;
}

/** A task of its own before timing, so a long task seen is the work's, not the setup's. */
const yieldTask = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

export interface CheckCostOptions {
  apiHost: string;
  chunkSize: number;
  rounds: number;
  /** Epoch ms: no round starts after it (at least one runs). */
  deadline: number;
}

export interface CheckCost {
  bytes: number;
  parts: number;
  /** Parts the record says the server holds: every one but the last. */
  held: number;
  /** Writing the record the first time: every held part's digest taken by the tracker, then the sealed save. */
  recordMs: number;
  /** `decide()` of a fresh tracker and store each round, as after a reload. */
  decideMs: number[];
  /** The same held parts read once, one at a time, `slice().arrayBuffer()` with no digest, in the same round. */
  readMs: number[];
  /** When each `decide()` and each plain read ran, epoch ms: the memory samples taken meanwhile are theirs. */
  decideAt: [number, number][];
  readAt: [number, number][];
  /** Long tasks while `decide()` ran, every round; and while the plain reads ran, the control. */
  longTasks: LongTask[];
  readLongTasks: LongTask[];
  /** Digests the trackers took in the page's digest worker and on the main thread (its fallback), over the whole check. */
  digestsTaken: { worker: number; mainThread: number };
}

/**
 * The cost of the check for the chosen file in `chunkSize` parts, the record saying all parts but the last are held.
 * Each round reads the held parts once without a digest and runs `decide()` once, the order alternating.
 */
async function checkCost(options: CheckCostOptions): Promise<CheckCost> {
  const { ResumeTracker, ResumeStore, pageDigests } = await modules();
  const file = chosenFile();
  const { apiHost, chunkSize } = options;
  const takenBefore = { ...pageDigests.taken };
  const parts = Math.ceil(file.size / chunkSize);
  const held = Array.from({ length: parts - 1 }, (_, i) => i + 1);
  const plan = { apiHost, chunkSize, parts };
  // A namespace of its own: no record of an earlier run (or of the reload runs) is found.
  const namespace = `bench-check-${Date.now()}-${Math.random().toString(36).slice(2)}`;

  // The record, as an upload makes it: a first upload finds none, then the server holds parts 1..N-1.
  const first = new ResumeTracker(new ResumeStore({ namespace }));
  const none = await first.decide(file, plan);
  if (none.resume) throw new Error('a record was found in a fresh namespace');
  let start = performance.now();
  await first.stored('bench-video', held);
  const recordMs = performance.now() - start;
  const kept = (await new ResumeStore({ namespace }).list(apiHost))[0];
  if (kept?.acknowledged.length !== held.length) throw new Error(`the record was not kept (${kept?.acknowledged.length ?? 'none'})`);

  const decideMs: number[] = [];
  const decideAt: [number, number][] = [];
  const readMs: number[] = [];
  const readAt: [number, number][] = [];
  const longTasks: LongTask[] = [];
  const readLongTasks: LongTask[] = [];
  const decide = async () => {
    await yieldTask();
    const tracker = new ResumeTracker(new ResumeStore({ namespace }));
    const stop = longTaskRecorder();
    start = performance.now();
    const decision = await tracker.decide(file, plan);
    const end = performance.now();
    decideMs.push(end - start);
    decideAt.push([performance.timeOrigin + start, performance.timeOrigin + end]);
    // Long-task entries are delivered after the task: give them time to arrive.
    await yieldTask(50);
    longTasks.push(...stop());
    if (!decision.resume || decision.acknowledged.length !== held.length) {
      throw new Error(`decide() did not resume all ${held.length} held parts: ${JSON.stringify(decision)}`);
    }
  };
  const read = async () => {
    await yieldTask();
    const stop = longTaskRecorder();
    start = performance.now();
    for (const part of held) await file.slice((part - 1) * chunkSize, Math.min(file.size, part * chunkSize)).arrayBuffer();
    const end = performance.now();
    readMs.push(end - start);
    readAt.push([performance.timeOrigin + start, performance.timeOrigin + end]);
    await yieldTask(50);
    readLongTasks.push(...stop());
  };
  for (let round = 0; round < options.rounds && (round === 0 || Date.now() < options.deadline); round++) {
    if (round % 2) {
      await decide();
      await read();
    } else {
      await read();
      await decide();
    }
  }
  await new ResumeStore({ namespace }).clear();
  const digestsTaken = { worker: pageDigests.taken.worker - takenBefore.worker, mainThread: pageDigests.taken.mainThread - takenBefore.mainThread };
  return { bytes: file.size, parts, held: held.length, recordMs, decideMs, decideAt, readMs, readAt, longTasks, readLongTasks, digestsTaken };
}

export interface DigestVsSendOptions {
  apiHost: string;
  token: string;
  chunkSize: number;
  rounds: number;
}

export interface DigestVsSend {
  /** The digest of the file's first part alone, where an upload takes it (the page's digest worker). */
  digestMs: number[];
  /** That part sent alone: one XHR (multipart, `Content-Range: part 1/1`), send() → loadend. */
  sendMs: number[];
  /** The part sent with its digest taken meanwhile, as an upload does (`ResumeTracker.sending(part)`). */
  sendWithDigestMs: number[];
  /** The digest's own time when taken during the send. */
  digestDuringSendMs: number[];
  videoIds: string[];
}

/** The digest of one part against sending that part to the emulator, alone and together, `rounds` times. */
async function digestVsSend(options: DigestVsSendOptions): Promise<DigestVsSend> {
  const { pageDigests } = await modules();
  const file = chosenFile();
  const { chunkSize } = options;
  const out: DigestVsSend = { digestMs: [], sendMs: [], sendWithDigestMs: [], digestDuringSendMs: [], videoIds: [] };
  const sendPart = async (): Promise<number> => {
    const body = new FormData();
    body.append('file', file.slice(0, chunkSize), file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${options.apiHost}/upload?token=${encodeURIComponent(options.token)}`);
    xhr.setRequestHeader('Content-Range', 'part 1/1');
    const done = new Promise<void>((resolve) => xhr.addEventListener('loadend', () => resolve()));
    const start = performance.now();
    xhr.send(body);
    await withTimeout(done, 120_000, 'The part');
    const ms = performance.now() - start;
    if (xhr.status !== 201) throw new Error(`the part was answered ${xhr.status} ${xhr.responseText.slice(0, 200)}`);
    out.videoIds.push((JSON.parse(xhr.responseText) as { videoId: string }).videoId);
    return ms;
  };
  const digest = async (): Promise<number> => {
    const start = performance.now();
    await pageDigests.digest(file, 0, chunkSize);
    return performance.now() - start;
  };
  for (let round = 0; round < options.rounds; round++) {
    await yieldTask();
    out.digestMs.push(await digest());
    await yieldTask();
    out.sendMs.push(await sendPart());
    await yieldTask();
    const [sent, digested] = await Promise.all([sendPart(), digest()]);
    out.sendWithDigestMs.push(sent);
    out.digestDuringSendMs.push(digested);
  }
  return out;
}

const benchResume = { checkCost, digestVsSend };
declare global {
  interface Window {
    benchResume: typeof benchResume;
  }
}
window.benchResume = benchResume;
