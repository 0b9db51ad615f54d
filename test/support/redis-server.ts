// A real Redis server for one test file: Debian's redis-server (installed with apt-get when missing, as the browsers
// are), on a free loopback port, in memory only, stopped after.
import { spawn, type ChildProcess } from 'node:child_process';
// @ts-expect-error: a plain .mjs helper without declarations
import { ensureBrowsers } from './browsers.mjs';
import { freePort } from './free-port.js';

export interface RedisServer {
  port: number;
  url: string;
  /** Stops the server and waits for it to exit. */
  stop(): Promise<void>;
}


export async function startRedis(): Promise<RedisServer> {
  const executable = (ensureBrowsers(['redis']) as { redis: string }).redis;
  const port = await freePort();
  // No file is written: no snapshots, no append-only log, and the working folder is never touched.
  const child: ChildProcess = spawn(
    executable,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not get ready:\n${output}`)), 15_000);
    const read = (chunk: Buffer) => {
      output += chunk;
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}:\n${output}`));
    });
  });
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
