// No client behaviour ends the emulator: a client that goes away mid-body, with the network shaper between it and
// the parser or without, leaves the emulator answering the next request and nothing of its bytes on disk.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bytesOf, eventually, startEmulator, type Client } from './support.js';
import type { Emulator } from '../../../src/server/emulator/index.js';

const dataDir = mkdtempSync(join(tmpdir(), 'emulator-client-gone-test-'));
let emulator: Emulator;
let client: Client;

beforeAll(async () => {
  ({ emulator, client } = await startEmulator({ dataDir }));
});
afterAll(async () => {
  await emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
});
beforeEach(async () => {
  await client.control('POST', '/reset');
  await client.control('POST', '/config', { connectionBytesPerSecond: 0 });
  mkdirSync(join(dataDir, 'incoming'), { recursive: true });
});

const BOUNDARY = 'client-gone-boundary';
const fileHead = (name: string) =>
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"; filename="${name}.mp4"\r\nContent-Type: video/mp4\r\n\r\n`;

/** A multipart upload that promises 50 MiB, sends `chunks`, and goes away once they are on their way, as a closed tab does. */
async function leaveMidBody(token: string, chunks: (string | Buffer)[]): Promise<void> {
  const { hostname, port } = new URL(client.url);
  const req = request({
    host: hostname,
    port,
    method: 'POST',
    path: `/upload?token=${token}`,
    headers: { 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}`, 'Content-Length': 50 * 1024 * 1024 },
  });
  req.on('error', () => {});
  req.on('response', () => {
    throw new Error('the emulator answered a request whose body never ended');
  });
  for (const chunk of chunks) req.write(chunk);
  // Everything written has left for the emulator, which is reading it: then the client goes.
  await new Promise<void>((resolve) => req.write('', () => resolve()));
  req.destroy();
}

/** The incoming folder holds the bytes of requests still arriving; empty once the cut-off one is thrown away. */
const incoming = () => readdirSync(join(dataDir, 'incoming'), { withFileTypes: true }).length;
const nothingIncoming = async () => incoming() === 0;

async function stillServes(): Promise<void> {
  const token = await client.newToken();
  const bytes = bytesOf(64 * 1024);
  const reply = await client.upload(token, bytes);
  expect(reply.status).toBe(201);
  expect(reply.json.videoId).toMatch(/^vi/);
}

describe('a client that goes away mid-body', () => {
  it('with --connection-bytes-per-second: the throttled body ends, the emulator answers the next upload', async () => {
    await client.control('POST', '/config', { connectionBytesPerSecond: 200_000 });
    for (let i = 0; i < 3; i++) {
      await leaveMidBody(await client.newToken(), [fileHead('file'), Buffer.alloc(400 * 1024, 1)]);
      await eventually(nothingIncoming, 'the cut-off upload to be thrown away');
    }
    await stillServes();
    expect(await client.control<unknown[]>('GET', '/videos')).toHaveLength(1);
  });

  it('aborted by a fetch client, with shaping on: the emulator still answers', async () => {
    await client.control('POST', '/config', { connectionBytesPerSecond: 200_000 });
    const token = await client.newToken();
    const controller = new AbortController();
    const form = new FormData();
    form.append('file', new Blob([bytesOf(400 * 1024)]), 'big.mp4');
    const upload = fetch(`${client.url}/upload?token=${token}`, { method: 'POST', body: form, signal: controller.signal });
    await eventually(async () => incoming() > 0, 'the upload to start arriving');
    controller.abort();
    await expect(upload).rejects.toThrow();
    // The bytes already in the socket's buffers are read at the shaped rate before the emulator sees the end.
    await eventually(nothingIncoming, 'the aborted upload to be thrown away', 15_000);
    await stillServes();
  });

  it('while busboy parses a second file: the emulator answers the next upload', async () => {
    const token = await client.newToken();
    await leaveMidBody(token, [fileHead('file'), Buffer.alloc(1024, 1), `\r\n`, fileHead('extra'), Buffer.alloc(256 * 1024, 2)]);
    await eventually(nothingIncoming, 'the cut-off upload to be thrown away');
    await stillServes();
  });
});

describe('an emulator whose process dies', () => {
  it('leaves no folder of its own behind', async () => {
    const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
    const index = resolve(root, 'src/server/emulator/index.ts');
    // A process that stores an upload, says where, and then fails with an error nobody catches.
    const script = `
      import { createEmulator } from ${JSON.stringify(index)};
      const emulator = createEmulator();
      const url = await emulator.listen(0, '127.0.0.1');
      const { token } = await (await fetch(url + '/__emulator/tokens', { method: 'POST' })).json();
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(1000)]), 'a.mp4');
      const upload = await fetch(url + '/upload?token=' + token, { method: 'POST', body: form });
      console.log(JSON.stringify({ dataDir: emulator.dataDir, status: upload.status }));
      setTimeout(() => { throw new Error('a bug'); });
    `;
    const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
      const child = execFile(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root }, (error, stdout, stderr) =>
        done({ code: child.exitCode, stdout, stderr }),
      );
    });
    expect(run.stderr).toContain('a bug');
    expect(run.code).toBe(1);
    const { dataDir: left, status } = JSON.parse(run.stdout) as { dataDir: string; status: number };
    expect(status).toBe(201);
    expect(left).toContain('apivideo-emulator-');
    expect(existsSync(left)).toBe(false);
  });
});
