// The emulator in its own process, as a site would run it, so its memory can be read from /proc without the
// benchmark's own allocations in the figure.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { UploadLogEntry } from '../../src/server/emulator/state.js';

export type { UploadLogEntry };

export const EMULATOR_API_KEY = 'emulator-api-key';
const START_TIMEOUT_MS = 30_000;

export interface EmulatorProcess {
  readonly url: string;
  readonly pid: number;
  /** Resident memory of the emulator process, in MiB. */
  rssMiB(): number;
  control<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  /** Deletes every video it holds (files included) and clears the request log, keeping tokens and API keys. */
  forgetVideos(): Promise<void>;
  /** A video made with the API key, as a site's backend makes one before handing out the token; its id. */
  createVideo(title: string): Promise<string>;
  close(): Promise<void>;
}

export async function startEmulator(root: string): Promise<EmulatorProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-emulator-'));
  // `node --import tsx` keeps the emulator in one process, so its pid is the one whose memory is read.
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/server/emulator/cli.ts', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir, '--api-key', EMULATOR_API_KEY],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('The emulator did not start within 30 s.')), START_TIMEOUT_MS);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The emulator exited with code ${code} before listening.`));
    });
  });
  const pid = child.pid!;
  const basic = `Basic ${Buffer.from(`${EMULATOR_API_KEY}:`).toString('base64')}`;

  async function call<T>(method: string, path: string, body?: unknown, auth = false): Promise<T> {
    const response = await fetch(url + path, {
      method,
      headers: { 'Content-Type': 'application/json', ...(auth ? { Authorization: basic } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  return {
    url,
    pid,
    rssMiB() {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
    },
    control: (method, path, body) => call(method, path, body),
    async forgetVideos() {
      const videos = await call<{ videoId: string }[]>('GET', '/__emulator/videos');
      for (const { videoId } of videos) await call('DELETE', `/videos/${videoId}`, undefined, true);
      await call('DELETE', '/__emulator/requests');
    },
    async createVideo(title) {
      return (await call<{ videoId: string }>('POST', '/videos', { title }, true)).videoId;
    },
    async close() {
      if (child.exitCode === null) {
        child.kill('SIGINT');
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            child.kill('SIGKILL');
            resolve();
          }, 5_000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
