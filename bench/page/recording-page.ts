// The browser half of the recording benchmark, driven through `window.benchRecording` by bench/recording.ts: one
// <apivideo-uploader sources="camera"> recording Chromium's fake camera and uploading while it records. The element's
// events and the upload requests bench-page.ts sees are timed on the same clock, so the time from stopRecording() to
// upload-success can be set beside the upload time of the parts sent while recording.
import { forgetUploadRequests, loadElement, uploadRequests, withTimeout } from './bench-page.js';

export interface RecordingStartOptions {
  apiHost: string;
  tokenUrl: string;
  /** `recordingPartSize`: bytes per part. */
  partSize: number;
}

export interface RecordingOutcome {
  ok: boolean;
  error?: string;
  mimeType: string;
  videoId?: string;
  /** Bytes recorded, as recording-stop tells them. */
  bytes: number;
  durationSeconds: number;
  /** stopRecording() called → upload-success heard. */
  stopToSuccessMs: number;
  /** Parts acknowledged before stopRecording() was called, and in all. */
  partsBeforeStop: number;
  parts: number;
  /** Send → answer of every part sent and acknowledged while recording. */
  partUploadMs: number[];
  /** Send → answer of the last part, sent after stop. */
  lastPartMs: number;
}

type Recorder = HTMLElement & {
  recordingPartSize?: number;
  updateComplete: Promise<boolean>;
  startRecording(source: 'camera'): Promise<void>;
  stopRecording(): Promise<void>;
  reset(): void;
};

interface Run {
  el: Recorder;
  mimeType: string;
  /** performance.now() of each upload-part. */
  partsAt: number[];
  recordedBytes: number;
  stop?: { bytes: number; durationSeconds: number };
  success?: { videoId: string; at: number };
  error?: string;
}

let run: Run | undefined;

/** Starts recording from the camera; resolves once the element records (its first token fetched). */
async function start(options: RecordingStartOptions): Promise<{ mimeType: string }> {
  if (run) throw new Error('a recording is already under way');
  await loadElement();
  const el = document.createElement('apivideo-uploader') as Recorder;
  el.setAttribute('sources', 'camera');
  el.setAttribute('api-host', options.apiHost);
  el.setAttribute('token-url', options.tokenUrl);
  el.recordingPartSize = options.partSize;
  document.getElementById('stage')!.append(el);
  await el.updateComplete;
  forgetUploadRequests();
  const current: Run = { el, mimeType: '', partsAt: [], recordedBytes: 0 };
  type Detail = Record<string, unknown>;
  const on = (name: string, then: (detail: Detail) => void) => el.addEventListener(name, (event) => then((event as CustomEvent<Detail>).detail));
  on('recording-start', (d) => (current.mimeType = String(d.mimeType)));
  on('upload-progress', (d) => (current.recordedBytes = Number(d.totalBytes)));
  on('upload-part', () => current.partsAt.push(performance.now()));
  on('recording-stop', (d) => (current.stop = { bytes: Number(d.bytes), durationSeconds: Number(d.durationSeconds) }));
  on('upload-success', (d) => (current.success = { videoId: (d.video as { videoId: string }).videoId, at: performance.now() }));
  on('upload-error', (d) => (current.error = `${String(d.code)}: ${String(d.message)}`));
  await el.startRecording('camera');
  if (current.error || !current.mimeType) {
    el.remove();
    throw new Error(`the recording did not start: ${current.error ?? 'no recording-start'}`);
  }
  run = current;
  return { mimeType: current.mimeType };
}

/** Where the recording stands: bytes recorded (as the last upload-progress counted them) and parts acknowledged. */
function progress(): { recordedBytes: number; parts: number; error?: string } {
  if (!run) throw new Error('start() first');
  return { recordedBytes: run.recordedBytes, parts: run.partsAt.length, error: run.error };
}

/** Stops the recording and waits for its upload to settle. */
async function stop(timeoutMs: number): Promise<RecordingOutcome> {
  if (!run) throw new Error('start() first');
  const current = run;
  run = undefined;
  const stopAt = performance.now();
  try {
    await withTimeout(current.el.stopRecording(), timeoutMs, 'The recording upload');
  } catch (error) {
    current.error ??= String(error);
  } finally {
    current.el.reset();
    current.el.remove();
  }
  const acknowledged = uploadRequests().filter((u) => u.part !== null && u.status === 201 && u.endAt !== null);
  const during = acknowledged.filter((u) => u.endAt! < stopAt);
  const last = acknowledged.at(-1);
  return {
    ok: !current.error && current.success !== undefined,
    error: current.error,
    mimeType: current.mimeType,
    videoId: current.success?.videoId,
    bytes: current.stop?.bytes ?? NaN,
    durationSeconds: current.stop?.durationSeconds ?? NaN,
    stopToSuccessMs: current.success ? current.success.at - stopAt : NaN,
    partsBeforeStop: current.partsAt.filter((at) => at < stopAt).length,
    parts: current.partsAt.length,
    partUploadMs: during.map((u) => u.endAt! - u.sentAt),
    lastPartMs: last && last.sentAt >= stopAt ? last.endAt! - last.sentAt : NaN,
  };
}

const benchRecording = { start, progress, stop };
declare global {
  interface Window {
    benchRecording: typeof benchRecording;
  }
}
window.benchRecording = benchRecording;
