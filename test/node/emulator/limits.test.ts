// The emulator's fidelity and limits: file names as browsers send them, the part size limit, a clock no sequence of
// calls can push past valid dates, fault bodies that can be sent back, and a request log that does not grow for ever.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { bytesOf, MiB, startEmulator, type Client } from './support.js';
import type { Emulator } from '../../../src/server/emulator/index.js';

let emulator: Emulator;
let client: Client;

beforeAll(async () => {
  ({ emulator, client } = await startEmulator({ maxPartBytes: 6 * MiB, requestLogLimit: 5 }));
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await client.control('POST', '/reset');
  await client.control('POST', '/config', { requestLogLimit: 5 });
});

/** A multipart upload whose file name goes on the wire as raw UTF-8 bytes, as browsers send it. */
function uploadNamed(token: string, filename: string): Promise<{ status: number; json: { title: string; videoId: string } }> {
  const boundary = 'b0undary';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: video/mp4\r\n\r\n`, 'utf8'),
    Buffer.from('0123456789'),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return new Promise((resolve, reject) => {
    const req = request(`${client.url}/upload?token=${token}`, {
      method: 'POST',
      headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': body.length },
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('emulator fidelity', () => {
  it('keeps a UTF-8 file name as sent, as the video title', async () => {
    const token = await client.newToken();
    for (const name of ['vidéo 😀.mp4', 'Ünïcödé — 日本語.webm']) {
      const reply = await uploadNamed(token, name);
      expect(reply.status).toBe(201);
      expect(reply.json.title).toBe(name);
      expect((await client.control('GET', `/videos/${reply.json.videoId}`)).title).toBe(name);
    }
  });

  it('refuses a part over the part limit as api.video refuses a file too large, and keeps none of it', async () => {
    const token = await client.newToken();
    const reply = await client.upload(token, bytesOf(6 * MiB + 1), { range: 'part 1/2' });
    expect(reply.status).toBe(400);
    expect(reply.json).toMatchObject({ type: 'https://docs.api.video/reference/uploaded-file-too-large', title: 'The uploaded file is too large.', name: 'file' });
    expect(reply.json.detail).toContain(String(6 * MiB));
    expect(await client.control('GET', '/videos')).toEqual([]);
    // A part at the limit goes through; so do bytes ranges under it.
    expect((await client.upload(token, bytesOf(6 * MiB), { range: 'part 1/2' })).status).toBe(201);
    const bytesMode = await client.upload(token, bytesOf(6 * MiB + 1), { range: `bytes 0-${6 * MiB}/${7 * MiB}` });
    expect(bytesMode.status).toBe(400);
    expect(bytesMode.json.title).toBe('The uploaded file is too large.');
  });
});

describe('emulator limits', () => {
  it('caps the clock so that no sequence of calls makes its dates invalid, and says how to start again', async () => {
    const year = 365 * 24 * 3600 * 1000;
    let refused: { status: number; json: { detail: string } } | undefined;
    for (let i = 0; i < 200 && !refused; i++) {
      const moved = await client.send('POST', '/__emulator/clock', { auth: null, body: { advanceMs: 10 * year } });
      if (moved.status !== 200) refused = moved;
    }
    expect(refused?.status).toBe(400);
    expect(refused?.json.detail).toMatch(/100 years at most.*reset/);
    const clock = await client.control('GET', '/clock');
    expect(clock.offsetMs).toBeLessThanOrEqual(100 * year);
    // Every dated route still answers, with a date api.video would write, for the longest token too.
    const token = await client.control('POST', '/tokens', { ttl: 2147483647 });
    expect(token.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
    const listed = await client.api('GET', '/upload-tokens', '/upload-tokens');
    expect(listed.status).toBe(200);
    const upload = await client.upload(token.token, bytesOf(10));
    expect(upload.status).toBe(201);
    expect((await client.api('GET', `/videos/${upload.json.videoId}`, '/videos/{videoId}')).status).toBe(200);
    await client.control('POST', '/reset');
    expect((await client.control('GET', '/clock')).offsetMs).toBe(0);
  });

  it('refuses a fault whose body cannot be sent back, with 400, and does not queue it', async () => {
    // JSON.parse reads this depth; JSON.stringify cannot write it again. The text is sent as it is.
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const refused = await client.send('POST', '/__emulator/faults', {
      auth: null,
      body: `{"status":500,"body":${deep}}`,
      headers: { 'Content-Type': 'application/json' },
    });
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({ name: 'body' });
    expect((await client.control('GET', '/faults')).faults).toEqual([]);
    const token = await client.newToken();
    expect((await client.upload(token, bytesOf(10))).status).toBe(201);
  });

  it('keeps the newest requestLogLimit requests in its log, a limit that can be changed at run time', async () => {
    const token = await client.newToken();
    const videoIds: string[] = [];
    for (let i = 0; i < 8; i++) videoIds.push((await client.upload(token, bytesOf(10))).json.videoId);
    const log = await client.control('GET', '/requests');
    expect(log.map((r: { videoId: string }) => r.videoId)).toEqual(videoIds.slice(3));
    await client.control('POST', '/config', { requestLogLimit: 2 });
    expect((await client.control('GET', '/requests')).map((r: { videoId: string }) => r.videoId)).toEqual(videoIds.slice(6));
    expect((await client.control('GET', '/config')).requestLogLimit).toBe(2);
  });
});
