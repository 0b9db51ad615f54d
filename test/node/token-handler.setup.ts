// Setup shared by the token handler's test files: one emulator per file, handlers on their own servers pointed at it,
// and the check that the API key never leaves the server. Bindings are live: read them inside tests, not at import.
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { createUploadTokenHandler, type UploadTokenHandlerOptions } from '../../src/server/index.js';
import type { Emulator } from '../../src/server/emulator/index.js';
import { API_KEY, API_KEY_BASIC, seen, serve, startEmulator } from './token-handler.support.js';

export let emulator: Emulator;
export let emulatorUrl: string;
export const logged: string[] = [];
export const closers: (() => Promise<void>)[] = [];

/** Starts the emulator for the calling test file and resets it before each test. */
export function useEmulator(): void {
  beforeAll(async () => {
    ({ emulator, url: emulatorUrl } = await startEmulator());
  });
  afterAll(async () => {
    for (const close of closers.splice(0)) await close();
    await emulator.close();
  });
  beforeEach(async () => {
    await fetch(`${emulatorUrl}/__emulator/reset`, { method: 'POST' });
  });
}

/** A handler on its own node:http server, pointed at the emulator, logging into `logged`. */
export async function mount(options: UploadTokenHandlerOptions = {}): Promise<string> {
  const handler = createUploadTokenHandler({
    apiKey: API_KEY,
    baseUri: emulatorUrl,
    logger: { error: (line: string) => logged.push(line) },
    ...options,
  });
  const { url, close } = await serve((req, res) => handler(req, res));
  closers.push(close);
  return url;
}

/** Run last in a file: no response recorded in it, and no log line, holds the API key in any spelling. */
export function expectKeyNeverSent(minResponses: number): void {
  expect(seen.length).toBeGreaterThan(minResponses);
  for (const raw of seen) {
    const bytes = raw.toString('latin1');
    expect(bytes).not.toContain(API_KEY);
    expect(bytes).not.toContain(API_KEY_BASIC);
  }
  for (const line of logged) {
    expect(line).not.toContain(API_KEY);
    expect(line).not.toContain(API_KEY_BASIC);
  }
}
