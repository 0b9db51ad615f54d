import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const tsx = resolve(root, 'node_modules/tsx/dist/cli.mjs');
const cli = resolve(root, 'src/server/emulator/cli.ts');

function start(args: string[]) {
  const child = spawn(process.execPath, [tsx, cli, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const firstLine = new Promise<string>((resolveLine, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line; stderr: ${stderr}`)), 20_000);
    child.stdout.on('data', () => {
      if (stdout.includes('\n')) {
        clearTimeout(timer);
        resolveLine(stdout.split('\n')[0]);
      }
    });
    child.on('exit', () => {
      clearTimeout(timer);
      reject(new Error(`exited early; stderr: ${stderr}`));
    });
  });
  return { child, firstLine, output: () => ({ stdout, stderr }) };
}

describe('apivideo-emulator command', () => {
  it('prints its one ready line with the real port, serves, and stops cleanly on SIGINT', async () => {
    const dataDir = mkdtempSync(resolve(tmpdir(), 'emulator-cli-'));
    try {
      const run = start(['--port', '0', '--host', '127.0.0.1', '--api-key', 'k1', '--api-key', 'k2', '--data-dir', dataDir, '--strict-token-expiry']);
      const line = await run.firstLine;
      const match = /^api\.video emulator listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(line);
      expect(match, line).not.toBeNull();
      expect(Number(match![2])).toBeGreaterThan(0);
      const url = match![1];

      const withK2 = await fetch(`${url}/upload-tokens`, { headers: { Authorization: `Basic ${Buffer.from('k2:').toString('base64')}` } });
      expect(withK2.status).toBe(200);
      const withDefault = await fetch(`${url}/upload-tokens`, { headers: { Authorization: `Basic ${Buffer.from('emulator-api-key:').toString('base64')}` } });
      expect(withDefault.status).toBe(401);
      const config = await (await fetch(`${url}/__emulator/config`)).json();
      expect(config.strictTokenExpiry).toBe(true);
      const { token } = await (await fetch(`${url}/__emulator/tokens`, { method: 'POST', body: '{}' })).json();
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(10)]), 'x.mp4');
      expect((await fetch(`${url}/upload?token=${token}`, { method: 'POST', body: form })).status).toBe(201);
      expect(readdirSync(resolve(dataDir, 'videos'))).toHaveLength(1);

      run.child.kill('SIGINT');
      const [code] = await once(run.child, 'exit');
      expect(code).toBe(0);
      expect(run.output().stdout.trim().split('\n')).toEqual([line]);
      await expect(fetch(`${url}/upload-tokens`)).rejects.toThrow();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('starts with the network shaped as its flags say', async () => {
    const run = start(['--port', '0', '--latency-ms', '40', '--connection-bytes-per-second', '8388608', '--total-bytes-per-second', '41943040']);
    const url = /listening on (\S+)$/.exec(await run.firstLine)![1];
    const config = await (await fetch(`${url}/__emulator/config`)).json();
    expect(config).toMatchObject({ latencyMs: 40, connectionBytesPerSecond: 8 * 1024 * 1024, totalBytesPerSecond: 40 * 1024 * 1024 });
    run.child.kill('SIGTERM');
    await once(run.child, 'exit');
  });

  it('stops on SIGTERM too', async () => {
    const run = start(['--port', '0']);
    await run.firstLine;
    run.child.kill('SIGTERM');
    const [code] = await once(run.child, 'exit');
    expect(code).toBe(0);
  });

  it.each([[['--port', 'abc']], [['--port', '70000']], [['--bogus']], [['--api-key', '']], [['--latency-ms', '-5']], [['--total-bytes-per-second', '1e6']]])('refuses %j with a usage message', async (args) => {
    const child = spawn(process.execPath, [tsx, cli, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(stderr).toContain('Usage: apivideo-emulator');
  });
});
