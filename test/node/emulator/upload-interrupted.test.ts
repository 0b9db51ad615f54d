// Uploads interrupted by the emulator's own side: a source that cannot be joined, a reset while bytes are arriving,
// a cut-off fault for a client that has already gone.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { applyFault } from '../../../src/server/emulator/upload.js';
import type { UploadLogEntry } from '../../../src/server/emulator/state.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bytesOf, eventually, expectSpecBody, sha256, startEmulator, type Client } from './support.js';
import type { Emulator } from '../../../src/server/emulator/index.js';

let emulator: Emulator;
let client: Client;
const dataDir = mkdtempSync(join(tmpdir(), 'emulator-interrupted-test-'));

beforeAll(async () => {
  ({ emulator, client } = await startEmulator({ dataDir, minPartBytes: 1024 }));
});
afterAll(async () => {
  await emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
});
beforeEach(async () => {
  await client.control('POST', '/reset');
});

const BOUNDARY = 'emulator-test-boundary';

/** Starts a multipart POST /upload and sends only the head of the file; the rest goes when `finish` is called. */
function startSlowUpload(token: string, fileBytes: Buffer) {
  const head = Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="slow.mp4"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
  const { hostname, port } = new URL(client.url);
  let answered!: Promise<{ status: number; text: string; headers: Record<string, unknown> } | 'aborted'>;
  const req = request({
    host: hostname,
    port,
    method: 'POST',
    path: `/upload?token=${token}`,
    headers: { 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}`, 'Content-Length': head.length + fileBytes.length + tail.length },
  });
  answered = new Promise((resolve) => {
    req.on('response', (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text, headers: res.headers }));
    });
    req.on('error', () => resolve('aborted'));
  });
  req.write(head);
  req.write(fileBytes.subarray(0, 1000));
  return {
    answered,
    finish() {
      req.end(Buffer.concat([fileBytes.subarray(1000), tail]));
    },
  };
}

describe('a video whose source cannot be joined', () => {
  it('is not complete, and has no source, when joining its parts fails', async () => {
    const token = await client.newToken();
    const first = await client.upload(token, bytesOf(2048), { range: 'part 1/2' });
    const videoId = first.json.videoId as string;
    // The first part's file vanishes from disk: the join that the last part starts cannot read it.
    const videoDir = join(dataDir, 'videos', videoId);
    for (const name of readdirSync(videoDir)) rmSync(join(videoDir, name));
    const last = await client.send('POST', `/upload?token=${token}`, {
      auth: null,
      body: (() => {
        const form = new FormData();
        form.append('videoId', videoId);
        form.append('file', new Blob([bytesOf(10)]), 'clip.mp4');
        return form;
      })(),
      headers: { 'Content-Range': 'part 2/2' },
    });
    expect(last.status).toBe(500);
    const stored = await client.control('GET', `/videos/${videoId}`);
    expect(stored.complete).toBe(false);
    expect(stored.sha256).toBeNull();
    const status = await client.api('GET', `/videos/${videoId}/status`, '/videos/{videoId}/status');
    expect(status.json.ingest.status).toBe('uploading');
  });
});

describe('the last parts arriving together', () => {
  it('join the source once, and every 201 comes after the source is whole', async () => {
    const token = await client.newToken();
    const parts = [bytesOf(256 * 1024), bytesOf(256 * 1024), bytesOf(256 * 1024), bytesOf(100)];
    const videoId = (await client.upload(token, parts[0], { range: 'part 1/4' })).json.videoId as string;
    const replies = await Promise.all(
      [2, 3, 4].map(async (n) => {
        const reply = await client.upload(token, parts[n - 1], { range: `part ${n}/4`, videoId });
        // Read the stored state the moment this answer arrives.
        return { status: reply.status, stored: await client.control('GET', `/videos/${videoId}`) };
      }),
    );
    expect(replies.map((r) => r.status)).toEqual([201, 201, 201]);
    const whole = sha256(...parts);
    // The request that found the set whole answers only once the source is joined; none sees a half-made source.
    expect(replies.some((r) => r.stored.complete)).toBe(true);
    for (const r of replies) expect(r.stored.complete ? r.stored.sha256 : null).toBe(r.stored.complete ? whole : null);
    const stored = await client.control('GET', `/videos/${videoId}`);
    expect(stored).toMatchObject({ complete: true, sha256: whole, size: 3 * 256 * 1024 + 100 });
    expect(readdirSync(join(dataDir, 'videos', videoId))).toEqual(['source']);
  });
});

describe('a reset while an upload is in flight', () => {
  it('answers that upload with a 4xx in api.video’s shape, not a 500, and the emulator carries on', async () => {
    const token = await client.newToken();
    const upload = startSlowUpload(token, Buffer.from(bytesOf(64 * 1024)));
    // Wait until the bytes are arriving on disk, then reset everything under the request.
    await eventually(async () => {
      try {
        return readdirSync(join(dataDir, 'incoming')).length > 0;
      } catch {
        return false;
      }
    }, 'the upload to start writing');
    await client.control('POST', '/reset');
    upload.finish();
    const reply = await upload.answered;
    if (reply === 'aborted') throw new Error('the emulator cut the connection instead of answering');
    expect(reply.status).toBeGreaterThanOrEqual(400);
    expect(reply.status).toBeLessThan(500);
    expect(reply.headers['access-control-allow-origin']).toBe('*');
    expectSpecBody('POST', '/upload', reply.status, JSON.parse(reply.text));
    expect(await client.control('GET', '/videos')).toEqual([]);
    const fresh = await client.newToken();
    expect((await client.upload(fresh, bytesOf(10))).status).toBe(201);
  });
});

describe('a reset fault for a client that has already gone', () => {
  it('finishes instead of waiting for a close that has already happened', async () => {
    // A real request whose client hangs up while the fault's delay runs; the fault is then applied to it.
    let gone!: (exchange: { req: IncomingMessage; res: ServerResponse }) => void;
    const arrived = new Promise<{ req: IncomingMessage; res: ServerResponse }>((resolve) => (gone = resolve));
    const server = createServer((req, res) => req.once('close', () => gone({ req, res })));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const client = request({ host: '127.0.0.1', port, method: 'POST', path: '/upload', headers: { 'Content-Length': 100 } });
      client.on('error', () => {});
      client.write('x'.repeat(10));
      setTimeout(() => client.destroy(), 50);
      const { req, res } = await arrived;
      expect(req.destroyed).toBe(true);
      const entry: UploadLogEntry = { at: 0, token: null, part: null, totalParts: null, videoId: null, status: -1, bytes: 0 };
      const outcome = await Promise.race([
        applyFault(req, res, { reset: true, times: 1 }, entry, async () => {}),
        new Promise<'still waiting'>((resolve) => setTimeout(() => resolve('still waiting'), 2000)),
      ]);
      expect(outcome).toBe(true);
      expect(entry.status).toBe(0);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
