// Helpers the element's browser tests share: the emulator's control routes, generated video bytes, events.
import { fixture, html } from '@open-wc/testing';
import env from '/__env.js';
import type { ApiVideoUploader } from '../../src/index.js';
import type { EmulatorVideoReport } from '../../src/server/emulator/control.js';
import type { UploadLogEntry } from '../../src/server/emulator/state.js';
import { controlRoute, uploadLog, videoReport } from './emulator-client.js';

export { sha256 } from './emulator-client.js';

/** The emulator the helpers below talk to: the shared one, or a private lane's after `useLane()`. */
export let emulatorUrl: string = (env as Record<string, string>).emulatorUrl;

/** A fresh upload token; ttl 0 never expires (other test files move the emulator's clock). */
export async function createToken(ttl = 0): Promise<string> {
  return (await controlRoute<{ token: string }>(emulatorUrl, 'POST', '/tokens', { ttl })).token;
}

export function deleteToken(token: string): Promise<unknown> {
  return controlRoute(emulatorUrl, 'POST', `/tokens/${token}/delete`);
}

/** The upload requests that carried one of `tokens` (the log is shared with tests running in parallel). */
export async function requestsWith(...tokens: (string | null)[]): Promise<UploadLogEntry[]> {
  const all = await uploadLog(emulatorUrl);
  return all.filter((entry) => entry.token !== null && tokens.includes(entry.token));
}

export async function requestsFor(videoId: string): Promise<UploadLogEntry[]> {
  const all = await uploadLog(emulatorUrl);
  const tokens = new Set(all.filter((entry) => entry.videoId === videoId).map((entry) => entry.token));
  // Part 1 carries no videoId: find it through the token that carried the later parts.
  return all.filter((entry) => entry.videoId === videoId || (entry.videoId === null && tokens.has(entry.token)));
}

export function storedVideo(videoId: string): Promise<EmulatorVideoReport> {
  return videoReport(emulatorUrl, videoId);
}

export const MiB = 1024 * 1024;

/** Deterministic, incompressible bytes (xorshift), so every part differs and a misplaced part changes the hash. */
export function videoBytes(size: number, seed = 0x9e3779b9): Uint8Array {
  const bytes = new Uint8Array(size);
  const words = new Uint32Array(bytes.buffer, 0, Math.floor(size / 4));
  let x = seed >>> 0 || 1;
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    words[i] = x;
  }
  for (let i = words.length * 4; i < size; i++) bytes[i] = i & 0xff;
  return bytes;
}

export function videoFile(size: number, name = 'clip.mp4', seed?: number): File {
  return new File([videoBytes(size, seed) as BlobPart], name, { type: 'video/mp4' });
}

/** The next `name` event on `target`; fails after `timeoutMs` instead of hanging the run. */
export function nextEvent<T extends Event>(target: EventTarget, name: string, timeoutMs = 30_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      target.removeEventListener(name, listener);
      reject(new Error(`no ${name} event within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (event: Event) => {
      clearTimeout(timer);
      target.removeEventListener(name, listener);
      resolve(event as T);
    };
    target.addEventListener(name, listener);
  });
}

/** Resolves once `el.state` is `state`; fails after `timeoutMs`. */
export async function untilState(el: ApiVideoUploader, state: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (el.state !== state) {
    if (Date.now() > deadline) throw new Error(`state stayed ${el.state}, expected ${state}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await el.updateComplete;
}

/** Records every event named in `names` that reaches `target`, in order. */
export function recordEvents(target: EventTarget, names: string[]): Event[] {
  const seen: Event[] = [];
  for (const name of names) target.addEventListener(name, (event) => seen.push(event));
  return seen;
}

export function part(el: ApiVideoUploader, name: string): HTMLElement | null {
  return el.shadowRoot!.querySelector(`[part~="${name}"]`);
}

/** URLs the page fetched (fetch and XHR) since `since` (a `performance.now()` value). */
export function fetchedSince(since: number): string[] {
  return performance
    .getEntriesByType('resource')
    .filter((entry) => entry.startTime >= since)
    .map((entry) => entry.name);
}

/** The texts the live region held, in order. */
export function recordAnnouncements(el: ApiVideoUploader): string[] {
  const region = part(el, 'announcer')!;
  const texts: string[] = [];
  new MutationObserver(() => {
    const text = region.textContent?.trim();
    if (text) texts.push(text);
  }).observe(region, { childList: true, characterData: true, subtree: true });
  return texts;
}

/**
 * A private emulator and same-origin token endpoint for one test file (test/support/test-token-endpoint.ts):
 * its request log and token count see this file's requests only.
 */
export interface Lane {
  id: string;
  emulatorUrl: string;
  /** The same-origin token endpoint of this lane. */
  tokenUrl: string;
  tokenRequests(): Promise<{ count: number; requests: { method: string; body: unknown; headers: Record<string, string> }[] }>;
  setMode(mode: { mode: string; status?: number; times?: number; body?: unknown }): Promise<void>;
  uploadRequests(): Promise<UploadLogEntry[]>;
  close(): Promise<void>;
}

export async function openLane(): Promise<Lane> {
  const response = await fetch('/test-token/lanes', { method: 'POST' });
  if (!response.ok) throw new Error(`/test-token/lanes answered ${response.status}`);
  const { lane, emulatorUrl: url } = (await response.json()) as { lane: string; emulatorUrl: string };
  const laneJson = async <T>(path: string, init?: RequestInit): Promise<T> => {
    const answer = await fetch(`/test-token${path}?lane=${lane}`, init);
    if (!answer.ok) throw new Error(`/test-token${path} answered ${answer.status}`);
    return (await answer.json()) as T;
  };
  return {
    id: lane,
    emulatorUrl: url,
    tokenUrl: `/test-token?lane=${lane}`,
    tokenRequests: () => laneJson('/count'),
    setMode: async (mode) => {
      await laneJson('/mode', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(mode) });
    },
    uploadRequests: () => uploadLog(url),
    close: async () => {
      await fetch(`/test-token/lanes/${lane}`, { method: 'DELETE' });
    },
  };
}

export function storedVideoAt(base: string, videoId: string): Promise<EmulatorVideoReport> {
  return videoReport(base, videoId);
}

/** POSTs `body` to one of an emulator's control routes (`/config`, `/clock`, `/tokens`…). */
export function postControl<T = unknown>(base: string, path: string, body: unknown = {}): Promise<T> {
  return controlRoute<T>(base, 'POST', path, body);
}

/**
 * Moves this test file onto a private lane (its own emulator): faults, clock moves and config changes made by files
 * running at the same time cannot reach it. Call in a `before` hook; closes the lane in `after`.
 */
export function useLane(): () => Lane {
  let lane: Lane | undefined;
  before(async () => {
    lane = await openLane();
    emulatorUrl = lane.emulatorUrl;
  });
  after(async () => lane?.close());
  return () => lane!;
}

/** An element that uploads to the emulator in 5 MiB parts, its token still to be given. */
export function uploader(): Promise<ApiVideoUploader> {
  return fixture<ApiVideoUploader>(
    html`<apivideo-uploader api-host=${emulatorUrl} chunk-size=${String(5 * MiB)}></apivideo-uploader>`,
  );
}
