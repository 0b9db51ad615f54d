// The browser half of the benchmarks, driven through `window.bench` by bench/run.ts. It generates the file in the
// page, uploads it through <apivideo-uploader> or one plain XHR, and records what the network did from the page's
// side: every upload request (when sent, when answered, bytes sent, status) and every token request.

const MiB = 1024 * 1024;

export interface UploadRequestRecord {
  part: number | null;
  sentAt: number;
  /** When the last byte of the body left (the XHR's upload 'load'): from then on the request waits for the server. */
  bodySentAt: number | null;
  endAt: number | null;
  status: number | null;
  sentBytes: number;
}

interface TokenRequestRecord {
  startAt: number;
  endAt: number;
  status: number;
  token: string;
  expiresAt: string | null;
}

export interface RunRecord {
  ok: boolean;
  /** performance.now() when the upload was asked for: the other times are on the same clock. */
  startAt?: number;
  error?: string;
  ms: number;
  bytes: number;
  videoId?: string;
  uploads: UploadRequestRecord[];
  tokens: TokenRequestRecord[];
  /** Long tasks during the run: duration and start, ms after the run began. */
  longTasks: LongTask[];
}

export interface LongTask {
  ms: number;
  atMs: number;
}

export interface ElementRunOptions {
  apiHost: string;
  tokenUrl: string;
  chunkSize: number;
  /** After the server acknowledges this part, make the token unusable through the emulator's control route. */
  spoilTokenAfterPart?: number;
  spoil?: 'delete' | 'expire';
  /** Switch off the progress bar's transition from the page, through its CSS part. */
  noProgressTransition?: boolean;
  /** `parallel-parts`: parts of the file in flight at once. */
  parallelParts?: number;
  /** `video-id`: the video made beforehand, so part 1 too goes side by side. */
  videoId?: string;
  /** `resumable="false"`: no resume record, so no part's digest. */
  noResume?: boolean;
  timeoutMs: number;
}

export interface QueueRunOptions {
  apiHost: string;
  tokenUrl: string;
  chunkSize: number;
  /** `concurrency`: files uploading at once. */
  concurrency: number;
  files: number;
  fileMiB: number;
  timeoutMs: number;
}

export interface QueueRunRecord {
  ok: boolean;
  error?: string;
  ms: number;
  bytes: number;
  videoIds: string[];
  /** Every file's size, in the order of `videoIds`. */
  sizes: number[];
}

let uploads: UploadRequestRecord[] = [];
let tokens: TokenRequestRecord[] = [];
let file: File | undefined;

// ---- what the page sends, seen from the page ----

type TrackedXhr = XMLHttpRequest & { benchUrl?: string; benchPart?: number | null };
const open = XMLHttpRequest.prototype.open as (this: XMLHttpRequest, ...args: unknown[]) => void;
XMLHttpRequest.prototype.open = function (this: TrackedXhr, ...args: unknown[]) {
  this.benchUrl = String(args[1]);
  this.benchPart = null;
  open.apply(this, args);
} as typeof XMLHttpRequest.prototype.open;
const setRequestHeader = XMLHttpRequest.prototype.setRequestHeader;
XMLHttpRequest.prototype.setRequestHeader = function (this: TrackedXhr, name: string, value: string) {
  const part = /^part (\d+)\//.exec(value);
  if (name.toLowerCase() === 'content-range' && part) this.benchPart = Number(part[1]);
  setRequestHeader.call(this, name, value);
};
const send = XMLHttpRequest.prototype.send;
XMLHttpRequest.prototype.send = function (this: TrackedXhr, body?: Document | XMLHttpRequestBodyInit | null) {
  if (this.benchUrl && /\/upload\?/.test(this.benchUrl)) {
    const record: UploadRequestRecord = { part: this.benchPart ?? null, sentAt: performance.now(), bodySentAt: null, endAt: null, status: null, sentBytes: 0 };
    uploads.push(record);
    this.upload.addEventListener('progress', (event) => (record.sentBytes = Math.max(record.sentBytes, event.loaded)));
    this.upload.addEventListener('load', () => (record.bodySentAt = performance.now()));
    // The answer's arrival: its status line and headers (the body of a 401 or a Video is a few hundred bytes).
    this.addEventListener('readystatechange', () => {
      if (this.readyState >= XMLHttpRequest.HEADERS_RECEIVED && record.endAt === null) {
        record.endAt = performance.now();
        record.status = this.status;
      }
    });
    this.addEventListener('loadend', () => {
      record.endAt ??= performance.now();
      record.status = this.status;
    });
  }
  send.call(this, body);
};

const pageFetch = window.fetch.bind(window);
window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  if (!url.includes('/api/upload-token')) return pageFetch(input, init);
  const startAt = performance.now();
  const response = await pageFetch(input, init);
  const text = await response.clone().text();
  const endAt = performance.now();
  let token = text.trim();
  let expiresAt: string | null = null;
  try {
    const json = JSON.parse(text) as { token?: string; expiresAt?: string | null };
    token = json.token ?? token;
    expiresAt = json.expiresAt ?? null;
  } catch {
    /* a plain-text token */
  }
  tokens.push({ startAt, endAt, status: response.status, token, expiresAt });
  return response;
};

export function longTaskRecorder(): () => LongTask[] {
  const start = performance.now();
  const tasks: LongTask[] = [];
  const take = (entries: PerformanceEntryList) => {
    for (const entry of entries) tasks.push({ ms: entry.duration, atMs: entry.startTime - start });
  };
  const observer = new PerformanceObserver((list) => take(list.getEntries()));
  observer.observe({ type: 'longtask' });
  return () => {
    take(observer.takeRecords());
    observer.disconnect();
    return tasks;
  };
}

export function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** The upload requests seen since the last `forgetUploadRequests()`: for the page's other benchmark script. */
export function uploadRequests(): readonly UploadRequestRecord[] {
  return uploads;
}

export function forgetUploadRequests(): void {
  uploads = [];
  tokens = [];
}

// ---- the file ----

/**
 * A video-sized File of incompressible bytes, built 16 MiB at a time so the page's heap never holds it whole:
 * the blob store keeps the bytes, the heap only references.
 */
function makeFile(mib: number): number {
  const block = new Uint8Array(MiB);
  for (let i = 0; i < MiB; i += 65536) crypto.getRandomValues(block.subarray(i, i + 65536));
  const groups: Blob[] = [];
  for (let start = 0; start < mib; start += 16) {
    const pieces: Uint8Array[] = [];
    for (let i = start; i < Math.min(mib, start + 16); i++) {
      const piece = block.slice();
      new DataView(piece.buffer).setUint32(0, i);
      pieces.push(piece);
    }
    groups.push(new Blob(pieces as BlobPart[]));
  }
  file = new File(groups, 'bench.mp4', { type: 'video/mp4' });
  return file.size;
}

/**
 * The same file on every call with the same seed, as the same file on disk is after a reload: the same bytes
 * (xorshift, 1 MiB at a time), name and modification time. Resume knows a file by these.
 */
function makeSeededFile(mib: number, seed: number): number {
  const groups: Blob[] = [];
  let x = seed >>> 0 || 1;
  for (let start = 0; start < mib; start += 16) {
    const pieces: Uint32Array[] = [];
    for (let i = start; i < Math.min(mib, start + 16); i++) {
      const words = new Uint32Array(MiB / 4);
      for (let w = 0; w < words.length; w++) {
        x ^= x << 13;
        x >>>= 0;
        x ^= x >>> 17;
        x ^= x << 5;
        x >>>= 0;
        words[w] = x;
      }
      pieces.push(words);
    }
    groups.push(new Blob(pieces as BlobPart[]));
  }
  file = new File(groups, `seeded-${seed}.mp4`, { type: 'video/mp4', lastModified: Date.UTC(2024, 0, 1) });
  return file.size;
}

function dropFile(): void {
  file = undefined;
}

// ---- the element ----

export async function loadElement(): Promise<number> {
  const start = performance.now();
  await import(/* @vite-ignore */ '/apivideo-uploader.js' as string);
  await customElements.whenDefined('apivideo-uploader');
  return performance.now() - start;
}

type Uploader = HTMLElement & { upload(file?: File): Promise<void>; updateComplete: Promise<boolean> };

async function elementUpload(options: ElementRunOptions): Promise<RunRecord> {
  if (!file) throw new Error('makeFile() first');
  const el = document.createElement('apivideo-uploader') as Uploader;
  el.setAttribute('api-host', options.apiHost);
  el.setAttribute('token-url', options.tokenUrl);
  el.setAttribute('chunk-size', String(options.chunkSize));
  if (options.parallelParts) el.setAttribute('parallel-parts', String(options.parallelParts));
  if (options.videoId) el.setAttribute('video-id', options.videoId);
  if (options.noResume) el.setAttribute('resumable', 'false');
  document.getElementById('stage')!.append(el);
  const override = document.createElement('style');
  if (options.noProgressTransition) override.textContent = 'apivideo-uploader::part(progress-indicator) { transition: none; }';
  document.head.append(override);
  await el.updateComplete;
  uploads = [];
  tokens = [];
  if (options.spoilTokenAfterPart) {
    el.addEventListener('upload-part', (event) => {
      if (event.detail.part !== options.spoilTokenAfterPart) return;
      const token = tokens[tokens.length - 1]?.token;
      void pageFetch(`${options.apiHost}/__emulator/tokens/${token}/${options.spoil ?? 'delete'}`, { method: 'POST' });
    });
  }
  const settled = new Promise<{ ok: boolean; error?: string; videoId?: string }>((resolve) => {
    el.addEventListener('upload-success', (event) => {
      resolve({ ok: true, videoId: event.detail.video.videoId });
    });
    el.addEventListener('upload-error', (event) => {
      resolve({ ok: false, error: `${event.detail.code}: ${event.detail.message}` });
    });
  });
  const stopLongTasks = longTaskRecorder();
  const start = performance.now();
  void el.upload(file);
  try {
    const outcome = await withTimeout(settled, options.timeoutMs, 'The element upload');
    const ms = performance.now() - start;
    // The last request's loadend is dispatched in the same task as the answer the element acted on.
    await new Promise((resolve) => setTimeout(resolve, 0));
    return { ...outcome, startAt: start, ms, bytes: file.size, uploads, tokens, longTasks: stopLongTasks() };
  } catch (error) {
    return { ok: false, error: String(error), ms: NaN, bytes: file.size, uploads, tokens, longTasks: stopLongTasks() };
  } finally {
    (el as unknown as { reset(): void }).reset();
    el.remove();
    override.remove();
  }
}

/** `files` files of `fileMiB` each through one element with `multiple`, `concurrency` at a time: the whole queue. */
async function queueUpload(options: QueueRunOptions): Promise<QueueRunRecord> {
  const files: File[] = [];
  for (let i = 0; i < options.files; i++) {
    makeFile(options.fileMiB);
    files.push(new File([file!], `bench-${i + 1}.mp4`, { type: 'video/mp4' }));
  }
  const el = document.createElement('apivideo-uploader') as Uploader;
  el.setAttribute('api-host', options.apiHost);
  el.setAttribute('token-url', options.tokenUrl);
  el.setAttribute('chunk-size', String(options.chunkSize));
  el.setAttribute('multiple', '');
  el.setAttribute('concurrency', String(options.concurrency));
  document.getElementById('stage')!.append(el);
  await el.updateComplete;
  const videoIds: string[] = [];
  const sizes: number[] = [];
  el.addEventListener('upload-success', (event) => {
    videoIds.push(event.detail.video.videoId);
    sizes.push(event.detail.file.size);
  });
  const drained = new Promise<{ ok: boolean; error?: string }>((resolve) => {
    el.addEventListener('queue-complete', (event) => {
      const { succeeded } = event.detail;
      resolve(succeeded === options.files ? { ok: true } : { ok: false, error: `queue-complete: ${JSON.stringify(event.detail)}` });
    });
  });
  const bytes = files.reduce((sum, f) => sum + f.size, 0);
  const start = performance.now();
  for (const one of files) void el.upload(one);
  try {
    const outcome = await withTimeout(drained, options.timeoutMs, 'The queue');
    return { ...outcome, ms: performance.now() - start, bytes, videoIds, sizes };
  } catch (error) {
    return { ok: false, error: String(error), ms: NaN, bytes, videoIds, sizes };
  } finally {
    (el as unknown as { reset(): void }).reset();
    el.remove();
    file = undefined;
  }
}

/** The same bytes in one plain multipart POST, no Content-Range: api.video's single-request upload. */
async function rawUpload(apiHost: string, token: string, timeoutMs: number): Promise<RunRecord> {
  if (!file) throw new Error('makeFile() first');
  uploads = [];
  tokens = [];
  const body = new FormData();
  body.append('file', file, file.name);
  const xhr = new XMLHttpRequest();
  xhr.open('POST', `${apiHost}/upload?token=${encodeURIComponent(token)}`);
  const done = new Promise<void>((resolve) => xhr.addEventListener('loadend', () => resolve()));
  const stopLongTasks = longTaskRecorder();
  const start = performance.now();
  xhr.send(body);
  try {
    await withTimeout(done, timeoutMs, 'The raw upload');
  } catch (error) {
    xhr.abort();
    return { ok: false, error: String(error), ms: NaN, bytes: file.size, uploads, tokens, longTasks: stopLongTasks() };
  }
  const ms = performance.now() - start;
  const ok = xhr.status === 201;
  const videoId = ok ? (JSON.parse(xhr.responseText) as { videoId: string }).videoId : undefined;
  return { ok, error: ok ? undefined : `${xhr.status} ${xhr.responseText.slice(0, 200)}`, ms, bytes: file.size, videoId, uploads, tokens, longTasks: stopLongTasks() };
}

/** A positive control for the long-task figure: a 120 ms task must show up as one. */
async function longTaskProbe(): Promise<LongTask[]> {
  const stop = longTaskRecorder();
  await new Promise<void>((resolve) =>
    setTimeout(() => {
      const until = performance.now() + 120;
      while (performance.now() < until) {
        /* busy on purpose */
      }
      resolve();
    }, 0),
  );
  await new Promise((resolve) => setTimeout(resolve, 50));
  return stop();
}

/**
 * The same parts the element sends, by hand: one XHR per part, `Content-Range: part i/N`, videoId from part 2 on.
 * Against the element it isolates the element's own cost from the cost of uploading in parts at all.
 */
async function rawPartsUpload(apiHost: string, token: string, chunkSize: number, timeoutMs: number): Promise<RunRecord> {
  if (!file) throw new Error('makeFile() first');
  const source = file;
  uploads = [];
  tokens = [];
  const parts = Math.max(1, Math.ceil(source.size / chunkSize));
  const stopLongTasks = longTaskRecorder();
  const start = performance.now();
  let videoId: string | undefined;
  const sendPart = (part: number) =>
    new Promise<XMLHttpRequest>((resolve) => {
      const body = new FormData();
      if (videoId) body.append('videoId', videoId);
      body.append('file', source.slice((part - 1) * chunkSize, part * chunkSize), source.name);
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `${apiHost}/upload?token=${encodeURIComponent(token)}`);
      xhr.setRequestHeader('Content-Range', `part ${part}/${parts}`);
      xhr.addEventListener('loadend', () => resolve(xhr));
      xhr.send(body);
    });
  try {
    await withTimeout(
      (async () => {
        for (let part = 1; part <= parts; part++) {
          const xhr = await sendPart(part);
          if (xhr.status !== 201) throw new Error(`part ${part}: ${xhr.status} ${xhr.responseText.slice(0, 200)}`);
          videoId = (JSON.parse(xhr.responseText) as { videoId: string }).videoId;
        }
      })(),
      timeoutMs,
      'The upload in parts',
    );
  } catch (error) {
    return { ok: false, error: String(error), ms: NaN, bytes: source.size, uploads, tokens, longTasks: stopLongTasks() };
  }
  const ms = performance.now() - start;
  return { ok: true, ms, bytes: source.size, videoId, uploads, tokens, longTasks: stopLongTasks() };
}

// ---- the element's own cost ----

function nextFrame(): Promise<void> {
  // rAF runs before the frame is painted; a message posted from it is handled after.
  return new Promise((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(null);
    }),
  );
}

async function elementCost(count: number): Promise<{ defineMs: number; firstFrameMs: number; manyMs: number }> {
  const stage = document.getElementById('stage')!;
  const defineMs = await loadElement();
  let start = performance.now();
  const one = document.createElement('apivideo-uploader') as Uploader;
  stage.append(one);
  await one.updateComplete;
  await nextFrame();
  const firstFrameMs = performance.now() - start;
  const box = document.createElement('div');
  start = performance.now();
  const many: Uploader[] = [];
  for (let i = 0; i < count; i++) many.push(document.createElement('apivideo-uploader') as Uploader);
  box.append(...many);
  stage.append(box);
  await Promise.all(many.map((el) => el.updateComplete));
  await nextFrame();
  const manyMs = performance.now() - start;
  const rendered = many.filter((el) => el.shadowRoot?.querySelector('input[type=file]')).length;
  if (rendered !== count) throw new Error(`only ${rendered} of ${count} elements rendered`);
  return { defineMs, firstFrameMs, manyMs };
}

// ---- the poster frame ----

let posterVideo: Uint8Array<ArrayBuffer> | undefined;

function setPosterVideo(base64: string): void {
  posterVideo = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

/**
 * A file chosen in a new element with auto-upload off: the video set by setPosterVideo, or as many bytes of noise
 * the browser cannot decode. Gives the ms until the frame is drawn beside the name; with noise, waits `watchMs` (no
 * frame comes) and gives that.
 */
async function posterFrame(decodable: boolean, watchMs = 0): Promise<number> {
  if (!posterVideo) throw new Error('setPosterVideo() first');
  const bytes: Uint8Array<ArrayBuffer> = decodable ? posterVideo : crypto.getRandomValues(new Uint8Array(Math.min(posterVideo.length, 65536)));
  const el = document.createElement('apivideo-uploader') as Uploader;
  el.setAttribute('auto-upload', 'false');
  document.getElementById('stage')!.append(el);
  try {
    await el.updateComplete;
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('input[type=file]')!;
    const data = new DataTransfer();
    data.items.add(new File([bytes], 'clip.webm', { type: 'video/webm' }));
    const start = performance.now();
    input.files = data.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    if (!decodable) {
      await new Promise((resolve) => setTimeout(resolve, watchMs));
      return performance.now() - start;
    }
    for (;;) {
      const img = el.shadowRoot!.querySelector<HTMLImageElement>('[part~="poster"]');
      if (img?.complete && img.naturalWidth > 0) {
        await nextFrame();
        return performance.now() - start;
      }
      if (performance.now() - start > 30_000) throw new Error('no poster frame within 30 s');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    el.remove();
  }
}

// ---- resume ----

/**
 * The resume fingerprint of the file chosen in the page's file input (the bench puts a file from disk there), timed
 * `rounds` times, with the long tasks seen meanwhile. The fingerprint module is served bundled as /fingerprint.js.
 */
async function fingerprintCost(rounds: number): Promise<{ ms: number[]; longTasks: LongTask[]; bytes: number }> {
  const { fingerprintOf } = (await import(/* @vite-ignore */ '/fingerprint.js' as string)) as {
    fingerprintOf(file: File): Promise<unknown>;
  };
  const chosen = document.querySelector<HTMLInputElement>('#pick')?.files?.[0];
  if (!chosen) throw new Error('no file in #pick');
  // Starts in a task of its own, so a long task seen is the fingerprint's, not the setup's.
  await new Promise((resolve) => setTimeout(resolve, 0));
  const ms: number[] = [];
  const stopLongTasks = longTaskRecorder();
  for (let round = 0; round < rounds; round++) {
    const start = performance.now();
    await fingerprintOf(chosen);
    ms.push(performance.now() - start);
  }
  await new Promise((resolve) => setTimeout(resolve, 50));
  return { ms, longTasks: stopLongTasks(), bytes: chosen.size };
}

const bench = {
  makeFile, makeSeededFile, dropFile, loadElement, elementUpload, queueUpload, rawUpload, rawPartsUpload, elementCost, setPosterVideo, posterFrame, longTaskProbe, fingerprintCost,
};
declare global {
  interface Window {
    bench: typeof bench;
  }
}
window.bench = bench;
