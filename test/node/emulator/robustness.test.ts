// Bad input gets a 4xx in api.video's words, with CORS headers, and never takes the emulator down.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { BASIC, bytesOf, expectSpecBody, rawRequest, startEmulator, type Client } from './support.js';
import type { Emulator } from '../../../src/server/emulator/index.js';

let emulator: Emulator;
let client: Client;

beforeAll(async () => {
  ({ emulator, client } = await startEmulator());
});
afterAll(() => emulator.close());

async function stillAlive(): Promise<void> {
  expect((await client.api('GET', '/upload-tokens', '/upload-tokens')).status).toBe(200);
}

describe('CORS', () => {
  it.each([
    ['/upload?token=x', 'POST', 'content-range'],
    ['/upload-tokens', 'GET', 'authorization'],
    ['/upload-tokens/toX', 'DELETE', 'authorization'],
    ['/videos/viX/status', 'GET', 'av-origin-client'],
  ])('answers the preflight for %s', async (path, method, asked) => {
    const reply = await rawRequest(client.url, {
      method: 'OPTIONS',
      path,
      headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': asked },
    });
    if (reply === 'aborted') throw new Error('aborted');
    expect(reply.status).toBe(204);
    expect(reply.headers['access-control-allow-origin']).toBe('*');
    expect(String(reply.headers['access-control-allow-methods'])).toContain(method);
    const allowed = String(reply.headers['access-control-allow-headers']).toLowerCase();
    for (const header of ['content-range', 'authorization', 'content-type', 'av-origin-client', 'av-origin-app', 'av-origin-sdk', asked]) {
      expect(allowed).toContain(header);
    }
    expect(String(reply.headers['access-control-expose-headers'])).toContain('X-RateLimit-Remaining');
  });

  it('is on errors, 204s and successes alike', async () => {
    const replies = [
      await client.send('POST', '/upload', { auth: null }),
      await client.send('GET', '/nowhere', { auth: null }),
      await client.send('PUT', '/upload-tokens', {}),
      await client.send('GET', '/upload-tokens', { auth: null }),
      await client.send('POST', '/upload-tokens', { body: {} }),
    ];
    const token = replies[4].json.token;
    replies.push(await client.send('DELETE', `/upload-tokens/${token}`));
    expect(replies.map((r) => r.status)).toEqual([401, 404, 405, 401, 200, 204]);
    for (const r of replies) expect(r.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('unknown routes and wrong methods', () => {
  it.each([['/'], ['/nope'], ['/videos/x/y/z'], ['/upload-tokens/a/b'], ['/__emulatorx'], ['/%2e%2e/%2e%2e/etc/passwd']])(
    'answers api.video’s 404 for %s',
    async (path) => {
      const reply = await client.send('GET', path, {});
      expect(reply.status).toBe(404);
      expect(reply.headers.get('content-type')).toBe('application/json');
      expect(reply.json).toEqual({
        type: 'https://docs.api.video/reference/unrecognized-request-url',
        title: 'Unrecognized request URL.',
        status: 404,
      });
    },
  );

  it.each([
    ['GET', '/upload', '/upload', 'POST'],
    ['DELETE', '/upload-tokens', '/upload-tokens', 'GET, POST'],
    ['POST', '/upload-tokens/toAAAAAAAAAAAAAAAAAAAAAA', '/upload-tokens/{uploadToken}', 'GET, DELETE'],
    ['PATCH', '/videos/viAAAAAAAAAAAAAAAAAAAAAA/status', '/videos/{videoId}/status', 'GET'],
    ['GET', '/auth/api-key', '/auth/api-key', 'POST'],
  ])('answers 405 to %s %s with Allow', async (method, path, route, allow) => {
    const reply = await client.api(method, path, route, {});
    expect(reply.status).toBe(405);
    expect(reply.headers.get('allow')).toBe(allow);
    expect(reply.json.title).toBe('Method is not allowed for this route.');
  });
});

describe('garbage in', () => {
  it('answers 4xx to malformed and oversized JSON and stays up', async () => {
    for (const body of ['{', '{"ttl":}', '\u0000\u0001', 'x'.repeat(2 * 1024 * 1024)]) {
      const reply = await client.api('POST', '/upload-tokens', '/upload-tokens', { body, headers: { 'Content-Type': 'application/json' } });
      expect(reply.status).toBe(400);
      expect(reply.json.title).toBe('The payload is invalid.');
    }
    await stillAlive();
  });

  it('answers 4xx to huge, negative and non-numeric numbers everywhere', async () => {
    const statuses = [
      (await client.api('POST', '/upload-tokens', '/upload-tokens', { body: '{"ttl": 1e999}', headers: { 'Content-Type': 'application/json' } })).status,
      (await client.api('POST', '/upload-tokens', '/upload-tokens', { body: { ttl: Number.MAX_SAFE_INTEGER * 4 } })).status,
      (await client.api('GET', '/upload-tokens?currentPage=-1', '/upload-tokens', {})).status,
      (await client.api('GET', '/upload-tokens?pageSize=NaN', '/upload-tokens', {})).status,
      (await client.api('GET', '/videos?currentPage=1e3', '/videos', {})).status,
      // The control routes are the emulator's own, not api.video's; their errors still use api.video's problem shape.
      (await client.api('POST', '/__emulator/clock', '/__emulator/clock', { auth: null, body: { advanceMs: 'soon' } })).status,
      (await client.api('POST', '/__emulator/faults', '/__emulator/faults', { auth: null, body: { status: 500, times: 1e30 } })).status,
    ];
    expect(statuses).toEqual([400, 400, 400, 400, 400, 400, 400]);
    await stillAlive();
  });

  it('answers 4xx to malformed multipart and content types', async () => {
    const token = await client.newToken();
    const cases: [Record<string, string>, string][] = [
      [{ 'Content-Type': 'multipart/form-data' }, 'no boundary'],
      [{ 'Content-Type': 'multipart/form-data; boundary=zz' }, 'garbage without boundary lines'],
      [{ 'Content-Type': 'text/plain' }, 'plain text'],
      [{}, 'no content type'],
    ];
    for (const [headers, body] of cases) {
      const reply = await rawRequest(client.url, { method: 'POST', path: `/upload?token=${token}`, headers, chunks: [body] });
      if (reply === 'aborted') throw new Error('aborted');
      expect(reply.status, body).toBe(400);
      expect(reply.headers['access-control-allow-origin']).toBe('*');
      expect(reply.headers['content-type']).toBe('application/json');
      expectSpecBody('POST', '/upload', 400, JSON.parse(reply.text));
    }
    await stillAlive();
  });

  it('treats path traversal in ids as unknown ids', async () => {
    const token = await client.newToken();
    for (const id of ['..%2F..%2F..%2Fetc%2Fpasswd', '%2E%2E', 'vi%00AAAAAAAAAAAAAAAAAAAAA']) {
      expect((await client.api('GET', `/videos/${id}`, '/videos/{videoId}', {})).status).toBe(404);
      expect((await client.api('DELETE', `/upload-tokens/${id}`, '/upload-tokens/{uploadToken}', {})).status).toBe(404);
      expect((await client.api('GET', `/__emulator/videos/${id}`, '/__emulator/videos/{videoId}', { auth: null })).status).toBe(404);
    }
    const traversal = await client.upload(token, bytesOf(10), { videoId: '../../../../tmp/x' });
    expect(traversal.status).toBe(404);
    await stillAlive();
  });

  it('answers 400 to bytes that are not HTTP, and 431 to oversized headers', async () => {
    const { port } = new URL(client.url);
    const exchange = (bytes: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1', () => socket.end(bytes));
        let text = '';
        socket.on('data', (c) => (text += c.toString()));
        socket.on('close', () => resolve(text));
        socket.on('error', reject);
      });
    expect(await exchange('HELLO THERE\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    // An absolute-form target that is no URL at all is the client's mistake, not a server error.
    const absolute = await exchange('GET http://[ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(absolute).toMatch(/^HTTP\/1\.1 404/);
    expect(absolute).toMatch(/access-control-allow-origin: \*/i);
    expectSpecBody('GET', '/nowhere', 404, JSON.parse(absolute.slice(absolute.indexOf('\r\n\r\n') + 4)));
    expect(await exchange(`GET /upload-tokens HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(100_000)}\r\n\r\n`)).toMatch(/^HTTP\/1\.1 431/);
    await stillAlive();
  });

  it('survives many parallel requests with bad bodies', async () => {
    const replies = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        client.send('POST', i % 2 ? '/upload-tokens' : '/upload?token=zz', { body: '{'.repeat(i), headers: { 'Content-Type': 'application/json', Authorization: BASIC } }),
      ),
    );
    for (const r of replies) expect(r.status).toBeGreaterThanOrEqual(400), expect(r.status).toBeLessThan(500);
    await stillAlive();
  });
});
