// Shared by the resume tests: what the emulator holds and logged, the API-key calls a site's backend would make, and
// a fresh record namespace per test, so no test finds another's records.
import type { EmulatorVideoReport } from '../../src/server/emulator/control.js';
import type { UploadLogEntry } from '../../src/server/emulator/state.js';
import { controlRoute, uploadLog } from './emulator-client.js';

const API_KEY_AUTH = `Basic ${btoa('emulator-api-key:')}`;

let namespaces = 0;

/** A `resume-storage-key` no other test (nor an earlier run of this one) has used. */
export function freshNamespace(name: string): string {
  return `${name}-${Date.now().toString(36)}-${++namespaces}`;
}

/** Every video the emulator at `base` holds. */
export function videosOn(base: string): Promise<EmulatorVideoReport[]> {
  return controlRoute<EmulatorVideoReport[]>(base, 'GET', '/videos');
}

/** Deletes a video with the API key, as a site's backend (or its owner in the dashboard) does. */
export async function deleteVideo(base: string, videoId: string): Promise<void> {
  const response = await fetch(`${base}/videos/${videoId}`, { method: 'DELETE', headers: { Authorization: API_KEY_AUTH } });
  if (response.status !== 204) throw new Error(`DELETE /videos/${videoId} answered ${response.status}`);
}

/**
 * Resolves once the emulator at `base` has logged a request for `part` (its body may still be on its way) after the
 * first `since` entries of its log (requests of earlier tests).
 */
export async function untilLogged(base: string, part: number, since = 0, timeoutMs = 20_000): Promise<UploadLogEntry[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const log = await uploadLog(base);
    if (log.slice(since).some((entry) => entry.part === part)) return log;
    if (Date.now() > deadline) throw new Error(`the emulator logged no request for part ${part} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** How many requests the emulator at `base` has logged so far. */
export async function logLength(base: string): Promise<number> {
  return (await uploadLog(base)).length;
}

/** Resolves once `test` resolves truthy, checked every 20 ms; fails after `timeoutMs`. */
export async function eventually<T>(test: () => T | Promise<T>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await test();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Holds the next request for `part` for `ms` before reading it: that part is in flight while the test acts. */
export function holdPart(base: string, part: number, ms = 5_000): Promise<unknown> {
  return controlRoute(base, 'POST', '/faults', { part, delayMs: ms, times: 1 });
}

/** How many requests carried each part, from the log: `{1: 1, 2: 1, …}`. */
export function sendsByPart(log: UploadLogEntry[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const entry of log) if (entry.part !== null) counts[entry.part] = (counts[entry.part] ?? 0) + 1;
  return counts;
}
