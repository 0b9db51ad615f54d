// Shared by the token CLI's test files: an emulator per file, and runTokensCli run in-process with captured output.
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { fileURLToPath } from 'node:url';
import { runTokensCli, type CliIo } from '../../src/server/tokens-cli/run.js';
import type { Emulator } from '../../src/server/emulator/index.js';
import { API_KEY, API_KEY_BASIC, startEmulator } from './token-handler.support.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export let emulator: Emulator;
export let emulatorUrl: string;
/** Everything the CLI printed in this file, for the check that the API key never shows. */
export const everything: string[] = [];

/** Starts the emulator for the calling test file and resets it before each test. */
export function useEmulator(): void {
  beforeAll(async () => {
    ({ emulator, url: emulatorUrl } = await startEmulator());
  });
  afterAll(() => emulator.close());
  beforeEach(async () => {
    await fetch(`${emulatorUrl}/__emulator/reset`, { method: 'POST' });
  });
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
  questions: string[];
}

export async function cli(
  args: string[],
  options: {
    env?: Record<string, string | undefined>;
    interactive?: boolean;
    /** The answer to the confirmation question; an Error is the prompt failing, as Ctrl+C does. */
    answer?: boolean | Error;
    now?: number;
    baseUri?: boolean;
    createClient?: CliIo['createClient'];
  } = {},
): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const questions: string[] = [];
  const argv = options.baseUri === false ? args : [...args, '--base-uri', emulatorUrl];
  const code = await runTokensCli(argv, options.env ?? { APIVIDEO_API_KEY: API_KEY }, {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    interactive: options.interactive ?? false,
    confirm: async (question) => {
      questions.push(question);
      if (options.answer instanceof Error) throw options.answer;
      return options.answer ?? false;
    },
    now: options.now === undefined ? undefined : () => options.now!,
    createClient: options.createClient,
  });
  const run = { code, stdout: out.join('\n'), stderr: err.join('\n'), questions };
  everything.push(run.stdout, run.stderr);
  return run;
}

export async function seedToken(ttl: number): Promise<{ token: string; ttl: number; createdAt: string; expiresAt?: string | null }> {
  const response = await fetch(`${emulatorUrl}/__emulator/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ ttl }),
  });
  expect(response.ok).toBe(true);
  return (await response.json()) as { token: string; ttl: number; createdAt: string; expiresAt?: string | null };
}

export async function advanceClock(ms: number): Promise<void> {
  const response = await fetch(`${emulatorUrl}/__emulator/clock`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ advanceMs: ms }),
  });
  expect(response.ok).toBe(true);
}

export function expectUsage(run: Run, message: RegExp) {
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(message);
  expect(run.stderr).toContain('Usage: apivideo-tokens');
  expect(run.stdout).toBe('');
}

export function expectNoStack(run: Run) {
  expect(run.stderr).not.toMatch(/^\s+at /m);
  expect(run.stderr).not.toContain('ApiVideoError');
}

/** Run last in a file: nothing the CLI printed in it holds the API key, plain or as a Basic credential. */
export function expectKeyNeverPrinted(minOutputs: number): void {
  expect(everything.length).toBeGreaterThan(minOutputs);
  for (const text of everything) {
    expect(text).not.toContain(API_KEY);
    expect(text).not.toContain(API_KEY_BASIC);
  }
}
