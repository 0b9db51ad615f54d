import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bytesOf, MiB, rawRequest, startEmulator, type Client } from './support.js';
import type { Emulator } from '../../../src/server/emulator/index.js';

let emulator: Emulator;
let client: Client;

beforeAll(async () => {
  ({ emulator, client } = await startEmulator());
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await client.control('POST', '/reset');
});

describe('/__emulator control routes', () => {
  it('reset forgets tokens, videos, faults and logs', async () => {
    const token = await client.newToken();
    await client.upload(token, bytesOf(10));
    await client.control('POST', '/faults', { status: 500, times: 3 });
    expect(await client.control('POST', '/reset')).toEqual({ reset: true });
    expect(await client.control('GET', '/videos')).toEqual([]);
    expect(await client.control('GET', '/requests')).toEqual([]);
    expect((await client.control('GET', '/faults')).faults).toEqual([]);
    expect((await client.api('GET', `/upload-tokens/${token}`, '/upload-tokens/{uploadToken}')).status).toBe(404);
  });

  it('tokens: creates without an API key, expires and deletes on demand', async () => {
    const created = await client.control('POST', '/tokens', { ttl: 3600 });
    expect(created.token).toMatch(/^to[0-9A-Za-z]{22}$/);
    expect((await client.api('GET', `/upload-tokens/${created.token}`, '/upload-tokens/{uploadToken}')).status).toBe(200);

    const expired = await client.control('POST', `/tokens/${created.token}/expire`);
    expect(expired.expired).toBe(true);
    expect((await client.upload(created.token, bytesOf(10))).status).toBe(401);

    const other = await client.newToken();
    expect((await client.control('POST', `/tokens/${other}/delete`)).deleted).toBe(true);
    expect((await client.upload(other, bytesOf(10))).status).toBe(401);
    expect((await client.send('POST', `/__emulator/tokens/${other}/delete`, { auth: null })).status).toBe(404);
    expect((await client.send('POST', '/__emulator/tokens', { auth: null, body: { ttl: -3 } })).status).toBe(400);
  });

  it('faults: a status with body and headers, for part k only, n times', async () => {
    const token = await client.newToken();
    await client.control('POST', '/faults', { part: 2, times: 2, status: 503, body: { oops: true }, headers: { 'Retry-After': '1' } });
    const videoId = (await client.upload(token, bytesOf(5 * MiB), { range: 'part 1/2' })).json.videoId;
    for (let i = 0; i < 2; i++) {
      const faulted = await client.send('POST', `/upload?token=${token}`, { auth: null, body: form(bytesOf(10), videoId), headers: { 'Content-Range': 'part 2/2' } });
      expect(faulted.status).toBe(503);
      expect(faulted.json).toEqual({ oops: true });
      expect(faulted.headers.get('retry-after')).toBe('1');
      expect(faulted.headers.get('access-control-allow-origin')).toBe('*');
    }
    expect((await client.upload(token, bytesOf(10), { range: 'part 2/2', videoId })).status).toBe(201);
    const log = await client.control('GET', '/requests');
    expect(log.map((r: { part: number; status: number }) => [r.part, r.status])).toEqual([
      [1, 201],
      [2, 503],
      [2, 503],
      [2, 201],
    ]);
    expect(log[3]).toMatchObject({ token, totalParts: 2, videoId, bytes: 10 });
  });

  it('faults: a string body, a delay, and clearing', async () => {
    const token = await client.newToken();
    await client.control('POST', '/faults', { status: 500, body: 'plain words' });
    const text = await client.send('POST', `/upload?token=${token}`, { auth: null, body: form(bytesOf(10)) });
    expect(text.status).toBe(500);
    expect(text.text).toBe('plain words');

    await client.control('POST', '/faults', { delayMs: 50 });
    expect((await client.upload(token, bytesOf(10))).status).toBe(201);

    await client.control('POST', '/faults', { status: 500, times: 5 });
    expect((await client.control('DELETE', '/faults')).faults).toEqual([]);
    expect((await client.upload(token, bytesOf(10))).status).toBe(201);
  });

  it('faults: a hold keeps the request until its release, which may also come first, and a reset lets go of it', async () => {
    const token = await client.newToken();
    await client.control('POST', '/faults', { hold: 'part-1' });
    let settled = false;
    const upload = client.upload(token, bytesOf(10)).then((answer) => {
      settled = true;
      return answer;
    });
    // Logged, then held: no answer while the hold stands, however long the log is looked at.
    for (let i = 0; i < 20 && (await client.control('GET', '/requests')).length === 0; i++) await new Promise((r) => setImmediate(r));
    expect((await client.control('GET', '/requests')).map((r: { status: number }) => r.status)).toEqual([0]);
    expect(settled).toBe(false);
    expect(await client.control('POST', '/holds/part-1/release')).toEqual({ hold: 'part-1', released: 1 });
    expect((await upload).status).toBe(201);

    // Released before the request comes: it goes through at once.
    await client.control('POST', '/faults', { hold: 'early' });
    expect(await client.control('POST', '/holds/early/release')).toEqual({ hold: 'early', released: 0 });
    expect((await client.upload(token, bytesOf(10))).status).toBe(201);

    // A reset lets go of what it holds: the request ends (409, its token gone with the reset) instead of waiting.
    await client.control('POST', '/faults', { hold: 'forgotten' });
    const forgotten = client.upload(token, bytesOf(10));
    for (let i = 0; i < 50 && (await client.control('GET', '/requests')).length < 3; i++) await new Promise((r) => setImmediate(r));
    await client.control('POST', '/reset');
    expect([401, 409]).toContain((await forgotten).status);
  });

  it('faults: reset destroys the connection mid-body and records no part', async () => {
    const token = await client.newToken();
    await client.control('POST', '/faults', { reset: true });
    await expect(fetch(`${client.url}/upload?token=${token}`, { method: 'POST', body: form(bytesOf(2 * MiB)) })).rejects.toThrow();
    expect(await client.control('GET', '/videos')).toEqual([]);
    const log = await client.control('GET', '/requests');
    expect(log).toHaveLength(1);
    expect(log[0].status).toBe(0);
    expect((await client.upload(token, bytesOf(10))).status).toBe(201);
  });

  it('faults: dropAnswer stores the part, then cuts the connection instead of answering', async () => {
    const token = await client.newToken();
    const videoId = (await client.upload(token, bytesOf(5 * MiB), { range: 'part 1/2' })).json.videoId;
    await client.control('POST', '/faults', { part: 2, dropAnswer: true });
    const body = form(bytesOf(10), videoId);
    await expect(
      fetch(`${client.url}/upload?token=${token}`, { method: 'POST', body, headers: { 'Content-Range': 'part 2/2' } }),
    ).rejects.toThrow();
    const stored = await client.control('GET', `/videos/${videoId}`);
    expect(stored).toMatchObject({ receivedParts: [1, 2], complete: true, size: 5 * MiB + 10 });
    expect((await client.control('GET', '/requests')).map((r: { part: number; status: number }) => [r.part, r.status])).toEqual([
      [1, 201],
      [2, 0],
    ]);
    const again = await client.upload(token, bytesOf(10), { range: 'part 2/2', videoId });
    expect(again.status).toBe(400);
    expect(again.json.type).toMatch(/video-source-already-uploaded$/);
  });

  it.each([[{}], [{ status: 'x' }], [{ status: 1000 }], [{ times: 0 }], [{ part: -1, status: 500 }], [{ status: 500, headers: { a: 1 } }], [{ delayMs: 1e12 }], [{ dropAnswer: 'yes' }], [{ dropAnswer: true, status: 500 }], [{ hold: '' }], [{ hold: 'a b' }], [{ hold: 3 }]])(
    'faults: refuses %j with a 400',
    async (body) => {
      expect((await client.send('POST', '/__emulator/faults', { auth: null, body })).status).toBe(400);
    },
  );

  it.each([
    [{ status: 100 }, 'status'],
    [{ status: 101 }, 'status'],
    [{ status: 199 }, 'status'],
    [{ status: 500, headers: { 'Bad Name': 'x' } }, 'headers'],
    [{ status: 500, headers: { 'X-Split': 'a\r\nSet-Cookie: b' } }, 'headers'],
    [{ status: 500, headers: { 'Content-Length': '5' } }, 'headers'],
  ])('faults: refuses %j, which would break the connection rather than answer, with a 400 naming %s', async (body, name) => {
    const reply = await client.api('POST', '/__emulator/faults', '/__emulator/faults', { auth: null, body });
    expect(reply.status).toBe(400);
    expect(reply.json.name).toBe(name);
    expect((await client.control('GET', '/faults')).faults).toEqual([]);
  });

  it('faults: any status from 200 to 599 is answered as asked, with its headers', async () => {
    const token = await client.newToken();
    for (const status of [200, 204, 599]) {
      await client.control('POST', '/faults', { status, headers: { 'X-Injected': `yes-${status}` } });
      const reply = await client.send('POST', `/upload?token=${token}`, { auth: null, body: form(bytesOf(10)) });
      expect(reply.status).toBe(status);
      expect(reply.headers.get('x-injected')).toBe(`yes-${status}`);
    }
  });

  it('videos/{id} reports size, sha256, parts and part tokens; 404 for unknown', async () => {
    const token = await client.newToken();
    const videoId = (await client.upload(token, bytesOf(5 * MiB), { range: 'part 1/2' })).json.videoId;
    const partial = await client.control('GET', `/videos/${videoId}`);
    expect(partial).toMatchObject({ videoId, size: null, sha256: null, receivedParts: [1], totalParts: 2, complete: false, partTokens: { '1': token } });
    expect((await client.send('GET', '/__emulator/videos/viNOPE', { auth: null })).status).toBe(404);
  });

  it('requests log clears with DELETE', async () => {
    const token = await client.newToken();
    await client.upload(token, bytesOf(10));
    expect(await client.control('GET', '/requests')).toHaveLength(1);
    expect(await client.control('DELETE', '/requests')).toEqual([]);
    expect(await client.control('GET', '/requests')).toEqual([]);
  });

  it('config changes settings at runtime and refuses unknown or wrong values', async () => {
    expect(await client.control('POST', '/config', { strictTokenExpiry: true })).toMatchObject({ strictTokenExpiry: true });
    expect((await client.control('GET', '/config')).strictTokenExpiry).toBe(true);
    await client.control('POST', '/config', { strictTokenExpiry: false });
    expect((await client.send('POST', '/__emulator/config', { auth: null, body: { strictTokenExpiry: 'yes' } })).status).toBe(400);
    expect((await client.send('POST', '/__emulator/config', { auth: null, body: { nonsense: 1 } })).status).toBe(400);
    expect((await client.send('POST', '/__emulator/config', { auth: null, body: { minPartBytes: -1 } })).status).toBe(400);
    const mixed = await client.send('POST', '/__emulator/config', { auth: null, body: { strictTokenExpiry: true, minPartBytes: 'big' } });
    expect(mixed.status).toBe(400);
    expect((await client.control('GET', '/config')).strictTokenExpiry).toBe(false);
  });

  it('clock moves the emulator’s time forward, expiring tokens without waiting', async () => {
    const token = await client.newToken(60);
    const before = await client.control('GET', '/clock');
    const after = await client.control('POST', '/clock', { advanceMs: 61_000 });
    expect(after.now - before.now).toBeGreaterThanOrEqual(61_000);
    expect((await client.upload(token, bytesOf(10))).status).toBe(401);
    expect((await client.send('POST', '/__emulator/clock', { auth: null, body: { advanceMs: -5 } })).status).toBe(400);
    expect((await client.send('POST', '/__emulator/clock', { auth: null, body: {} })).status).toBe(400);
  });

  it('answers CORS preflights and unknown control routes', async () => {
    const preflight = await rawRequest(client.url, {
      method: 'OPTIONS',
      path: '/__emulator/faults',
      headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    if (preflight === 'aborted') throw new Error('aborted');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
    expect(String(preflight.headers['access-control-allow-headers'])).toContain('content-type');
    expect((await client.send('GET', '/__emulator/nothing', { auth: null })).status).toBe(404);
    expect((await client.send('GET', '/__emulator/reset', { auth: null })).status).toBe(405);
  });
});

function form(bytes: Uint8Array<ArrayBuffer>, videoId?: string): FormData {
  const f = new FormData();
  if (videoId) f.append('videoId', videoId);
  f.append('file', new Blob([bytes]), 'f.mp4');
  return f;
}
