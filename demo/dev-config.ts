// What the dev server tells its pages: which api.video they talk to and the element's api-host. Shared by the plain,
// React and Vue pages.
export type DevTarget = 'emulator' | 'sandbox' | 'production';

export interface PageConfig {
  target: DevTarget;
  /** The element's `api-host`, absolute. */
  apiHost: string;
  /** Base URL of the emulator (its control routes live under `/__emulator/`), when it is the target. */
  emulatorUrl?: string;
  maxTtl: number;
}

export const TOKEN_URL = '/api/upload-token';

export async function loadPageConfig(): Promise<PageConfig> {
  const response = await fetch('/__dev/config');
  if (!response.ok) throw new Error(`The dev server did not say which api.video to use (HTTP ${response.status}).`);
  const raw = (await response.json()) as { target: DevTarget; apiHost: string; emulatorPath?: string; maxTtl: number };
  const emulatorUrl = raw.emulatorPath ? new URL(raw.emulatorPath, location.origin).href.replace(/\/$/, '') : undefined;
  // The emulator is mounted on the dev server itself, so the element reaches it at this page's origin.
  const apiHost = raw.target === 'emulator' ? emulatorUrl! : raw.apiHost;
  return { target: raw.target, apiHost, emulatorUrl, maxTtl: raw.maxTtl };
}

export function describeTarget(config: PageConfig): string {
  if (config.target === 'emulator') return 'the local api.video emulator (offline, no API key)';
  if (config.target === 'sandbox') return 'api.video sandbox (sandbox.api.video), with your API key';
  return 'api.video production (ws.api.video), with your API key';
}

/** Sends a JSON request to the emulator's control routes; throws the emulator's words when it refuses. */
export async function emulatorControl(config: PageConfig, path: string, body?: unknown, method = 'POST'): Promise<unknown> {
  if (!config.emulatorUrl) throw new Error('Only the emulator has control routes.');
  const response = await fetch(`${config.emulatorUrl}/__emulator/${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json().catch(() => undefined)) as { title?: string } | undefined;
  if (!response.ok) throw new Error(json?.title ?? `The emulator answered HTTP ${response.status}.`);
  return json;
}
