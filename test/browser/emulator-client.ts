// The emulator's control routes (`/__emulator/*`) as the browser tests call them, and the digest they compare the
// stored bytes with. The answer shapes are the emulator's own types: `import type` is erased, so no server code loads.
import type { EmulatorVideoReport } from '../../src/server/emulator/control.js';
import type { UploadLogEntry } from '../../src/server/emulator/state.js';

/** Calls a control route of the emulator at `base`; throws on a non-2xx answer, with the emulator's words. */
export async function controlRoute<T = unknown>(base: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${base}/__emulator${path}`, {
    method,
    headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} /__emulator${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** Every upload request the emulator at `base` logged. */
export function uploadLog(base: string): Promise<UploadLogEntry[]> {
  return controlRoute<UploadLogEntry[]>(base, 'GET', '/requests');
}

/** What the emulator at `base` holds of `videoId`. */
export function videoReport(base: string, videoId: string): Promise<EmulatorVideoReport> {
  return controlRoute<EmulatorVideoReport>(base, 'GET', `/videos/${videoId}`);
}

export async function sha256(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
