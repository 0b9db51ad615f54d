// createUploadTokenHandler: start-up, the tokens it hands out, bad requests, api.video failing, and mounting.
import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import ApiVideoClient from '@api.video/nodejs-client';
import { createUploadTokenHandler } from '../../src/server/index.js';
import { API_KEY, closedPortUrl, emulatorTokens, rawRequest, serve } from './token-handler.support.js';
import { closers, emulatorUrl, expectKeyNeverSent, logged, mount, useEmulator } from './token-handler.setup.js';

const ATOM = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/;

useEmulator();

describe('createUploadTokenHandler: start-up', () => {
  it('refuses to start without an API key and says how to set one', () => {
    const saved = process.env.APIVIDEO_API_KEY;
    delete process.env.APIVIDEO_API_KEY;
    try {
      expect(() => createUploadTokenHandler({ baseUri: emulatorUrl })).toThrow(/APIVIDEO_API_KEY/);
      expect(() => createUploadTokenHandler({ baseUri: emulatorUrl })).toThrow(/apiKey/);
      // Someone working against the emulator is told its key, not only where to point.
      expect(() => createUploadTokenHandler({ baseUri: emulatorUrl })).toThrow(/baseUri: 'http:\/\/127\.0\.0\.1:8787', apiKey: 'emulator-api-key'/);
    } finally {
      if (saved !== undefined) process.env.APIVIDEO_API_KEY = saved;
    }
  });

  it('takes the API key from APIVIDEO_API_KEY when none is passed', async () => {
    const saved = process.env.APIVIDEO_API_KEY;
    process.env.APIVIDEO_API_KEY = API_KEY;
    try {
      const handler = createUploadTokenHandler({ baseUri: emulatorUrl });
      const { url, close } = await serve((req, res) => handler(req, res));
      closers.push(close);
      const response = await rawRequest(url);
      expect(response.status).toBe(200);
      expect(response.json.token).toMatch(/^to\w+$/);
    } finally {
      if (saved === undefined) delete process.env.APIVIDEO_API_KEY;
      else process.env.APIVIDEO_API_KEY = saved;
    }
  });

  it('rejects options that cannot work, in words', () => {
    const base = { apiKey: API_KEY, baseUri: emulatorUrl };
    expect(() => createUploadTokenHandler({ ...base, ttl: -1 })).toThrow(/ttl must be a whole number/);
    expect(() => createUploadTokenHandler({ ...base, ttl: 1.5 })).toThrow(/ttl/);
    expect(() => createUploadTokenHandler({ apiKey: API_KEY, environment: 'staging' as never })).toThrow(/sandbox" or "production/);
    expect(() => createUploadTokenHandler({ apiKey: API_KEY, baseUri: 'not a url' })).toThrow(/not a URL/);
    expect(() => createUploadTokenHandler({ ...base, rateLimit: 0 })).toThrow(/rateLimit/);
    expect(() => createUploadTokenHandler({ ...base, allowedOrigins: ['example.com'] })).toThrow(/scheme and host/);
  });
});

describe('createUploadTokenHandler: tokens', () => {
  it('answers POST with api.video\'s UploadToken JSON, for a token api.video really holds', async () => {
    const url = await mount();
    const response = await rawRequest(url);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(Object.keys(response.json).sort()).toEqual(['createdAt', 'expiresAt', 'token', 'ttl']);
    expect(response.json.ttl).toBe(3600);
    expect(response.json.createdAt).toMatch(ATOM);
    expect(response.json.expiresAt).toMatch(ATOM);
    expect(Date.parse(response.json.expiresAt) - Date.parse(response.json.createdAt)).toBe(3600_000);
    const held = await emulatorTokens(emulatorUrl);
    expect(held.map((t) => t.token)).toEqual([response.json.token]);
  });

  it('lets a client ask for a shorter ttl but never a longer one', async () => {
    const url = await mount({ ttl: 600 });
    const post = (body: string) => rawRequest(url, { body, headers: { 'Content-Type': 'application/json' } });
    expect((await post('{"ttl":60}')).json.ttl).toBe(60);
    expect((await post('{"ttl":86400}')).json.ttl).toBe(600);
    // 0 means "never expires", the longest life of all, so it is capped too.
    expect((await post('{"ttl":0}')).json.ttl).toBe(600);
    expect((await post('{}')).json.ttl).toBe(600);
    expect((await rawRequest(url)).json.ttl).toBe(600);
  });

  it('gives tokens that never expire only when ttl 0 is configured explicitly', async () => {
    const url = await mount({ ttl: 0 });
    const forever = await rawRequest(url);
    expect(forever.status).toBe(200);
    expect(forever.json.ttl).toBe(0);
    expect(forever.json.expiresAt ?? null).toBeNull();
    const asked = await rawRequest(url, { body: '{"ttl":120}', headers: { 'Content-Type': 'application/json' } });
    expect(asked.json.ttl).toBe(120);
  });

  it('refuses a ttl that is not a whole number of seconds', async () => {
    const url = await mount();
    for (const body of ['{"ttl":-5}', '{"ttl":"abc"}', '{"ttl":1.5}']) {
      const response = await rawRequest(url, { body, headers: { 'Content-Type': 'application/json' } });
      expect(response.status).toBe(400);
      expect(response.json.title).toMatch(/ttl must be a whole number/);
    }
    expect(await emulatorTokens(emulatorUrl)).toHaveLength(0);
  });

  it('refuses a ttl longer than api.video allows, itself, even when the server ttl is 0 (never expires)', async () => {
    for (const ttl of [0, 600]) {
      const url = await mount({ ttl });
      for (const body of ['{"ttl":1e20}', '{"ttl":2147483648}', `{"ttl":${Number.MAX_SAFE_INTEGER}}`]) {
        const response = await rawRequest(url, { body, headers: { 'Content-Type': 'application/json' } });
        expect(response.status, `${body} with server ttl ${ttl}`).toBe(400);
        expect(response.json.title).toBe('ttl must be at most 2147483647 seconds.');
      }
    }
    // The longest ttl api.video takes still works.
    const url = await mount({ ttl: 0 });
    const response = await rawRequest(url, { body: '{"ttl":2147483647}', headers: { 'Content-Type': 'application/json' } });
    expect(response.status).toBe(200);
    expect(response.json.ttl).toBe(2147483647);
    expect(await emulatorTokens(emulatorUrl)).toHaveLength(1);
  });
});

describe('createUploadTokenHandler: bad requests', () => {
  it('answers other methods with 405 and an Allow header', async () => {
    const url = await mount();
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
      const response = await rawRequest(url, { method });
      expect(response.status).toBe(405);
      expect(response.headers.allow).toBe('POST, OPTIONS');
      expect(response.json.title).toContain(method);
    }
  });

  it('answers garbage with a clear 4xx and keeps serving', async () => {
    const url = await mount();
    const cases: [string, Record<string, string>, number, RegExp][] = [
      ['{"ttl": 60', { 'Content-Type': 'application/json' }, 400, /not valid JSON/],
      ['[1,2,3]', { 'Content-Type': 'application/json' }, 400, /JSON object/],
      ['"hello"', { 'Content-Type': 'application/json' }, 400, /JSON object/],
      ['ttl=60', { 'Content-Type': 'application/x-www-form-urlencoded' }, 415, /must be JSON/],
      ['\u0000\u00ff\u0001', { 'Content-Type': 'application/json' }, 400, /not valid JSON/],
    ];
    for (const [body, headers, status, title] of cases) {
      const response = await rawRequest(url, { body, headers });
      expect(response.status, body).toBe(status);
      expect(response.json.title).toMatch(title);
    }
    expect((await rawRequest(url)).status).toBe(200);
  });

  it('survives a client that hangs up half-way through its body, creating no token', async () => {
    const url = await mount();
    const { port } = new URL(url);
    await new Promise<void>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"ttl":');
        setTimeout(() => socket.destroy(), 50);
      });
      socket.on('close', () => resolve());
    });
    expect((await rawRequest(url)).status).toBe(200);
    expect(await emulatorTokens(emulatorUrl)).toHaveLength(1);
    expect(logged.some((line) => line.includes('unexpected failure'))).toBe(false);
  });

  it('caps the body size: a huge body gets 413, declared or not, and the server lives on', async () => {
    const url = await mount();
    const huge = Buffer.alloc(2 * 1024 * 1024, 'a');
    const declared = await rawRequest(url, { body: huge, headers: { 'Content-Type': 'application/json' } });
    expect(declared.status).toBe(413);
    expect(declared.json.title).toMatch(/too large/);
    const chunked = await rawRequest(url, {
      headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
      body: Buffer.concat([Buffer.from(`${(64 * 1024).toString(16)}\r\n`), Buffer.alloc(64 * 1024, 'b'), Buffer.from('\r\n0\r\n\r\n')]),
    });
    expect(chunked.status).toBe(413);
    expect((await rawRequest(url)).status).toBe(200);
  });
});

describe('createUploadTokenHandler: when api.video fails', () => {
  it('answers 502 with api.video\'s own title when api.video refuses the key', async () => {
    let upstreamTitle = '';
    try {
      await new ApiVideoClient({ apiKey: 'not-the-key', baseUri: emulatorUrl }).uploadTokens.createToken({ ttl: 60 });
    } catch (error) {
      upstreamTitle = (error as Error).message;
    }
    expect(upstreamTitle).not.toBe('');
    const url = await mount({ apiKey: 'wrong-key-0000' });
    const response = await rawRequest(url);
    expect(response.status).toBe(502);
    expect(response.json.title).toBe(upstreamTitle);
    expect(response.json.upstreamStatus).toBe(401);
    expect(response.text).not.toContain('wrong-key-0000');
    expect(logged.join('\n')).not.toContain('wrong-key-0000');
  });

  it('answers 503 when api.video cannot be reached', async () => {
    const url = await mount({ baseUri: await closedPortUrl() });
    const response = await rawRequest(url);
    expect(response.status).toBe(503);
    expect(response.json.title).toBe('api.video cannot be reached.');
    expect(response.headers['retry-after']).toBeDefined();
  });

  it('answers 504 when api.video accepts the connection but never answers', async () => {
    const silent = await serve(() => {});
    closers.push(silent.close);
    const url = await mount({ baseUri: silent.url, upstreamTimeoutMs: 300 });
    const response = await rawRequest(url);
    expect(response.status).toBe(504);
    expect(response.json.title).toMatch(/did not answer in time/);
  });
});

describe('createUploadTokenHandler: mounting', () => {
  it('runs in Vite\'s dev server middleware stack (Connect), behind a body parser, passing other paths on', async () => {
    const { createServer } = await import('vite');
    const vite = await createServer({
      configFile: false,
      logLevel: 'silent',
      appType: 'custom',
      server: { middlewareMode: true, hmr: false, ws: false },
      optimizeDeps: { noDiscovery: true, include: [] },
    });
    closers.push(() => vite.close());
    // What Express's json() does: read the stream and leave the result on req.body.
    vite.middlewares.use((req, _res, next) => {
      if (req.method !== 'POST' || req.url !== '/api/body-parsed') return next();
      let text = '';
      req.setEncoding('utf8');
      req.on('data', (chunk) => (text += chunk));
      req.on('end', () => {
        (req as IncomingMessage & { body?: unknown }).body = JSON.parse(text);
        next();
      });
    });
    const handler = createUploadTokenHandler({ apiKey: API_KEY, baseUri: emulatorUrl, ttl: 900, logger: false });
    vite.middlewares.use('/api/upload-token', handler);
    vite.middlewares.use('/api/body-parsed', handler);
    const routed = createUploadTokenHandler({ apiKey: API_KEY, baseUri: emulatorUrl, path: '/tokens', logger: false });
    vite.middlewares.use(routed);
    vite.middlewares.use((_req, res) => {
      res.statusCode = 404;
      res.end('fell through');
    });
    const { url, close } = await serve(vite.middlewares);
    closers.push(close);

    const direct = await rawRequest(url, { path: '/api/upload-token', body: '{"ttl":30}', headers: { 'Content-Type': 'application/json' } });
    expect(direct.status).toBe(200);
    expect(direct.json.ttl).toBe(30);
    const parsed = await rawRequest(url, { path: '/api/body-parsed', body: '{"ttl":45}', headers: { 'Content-Type': 'application/json' } });
    expect(parsed.status).toBe(200);
    expect(parsed.json.ttl).toBe(45);
    expect((await rawRequest(url, { path: '/tokens' })).status).toBe(200);
    const other = await rawRequest(url, { path: '/somewhere-else' });
    expect(other.status).toBe(404);
    expect(other.text).toBe('fell through');
  });

  it('with a path option in bare node:http, answers 404 JSON elsewhere', async () => {
    const url = await mount({ path: '/api/upload-token' });
    expect((await rawRequest(url, { path: '/api/upload-token?x=1' })).status).toBe(200);
    const elsewhere = await rawRequest(url, { path: '/nope' });
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.json.title).toBe('Not found.');
  });
});

describe('createUploadTokenHandler: the API key stays secret', () => {
  it('is absent from every byte of every response in this file and from every log line', () => {
    // Runs last in the file: by now every answer above (200s, 4xx, 502, 503, 504) has been recorded.
    expect(logged.length).toBeGreaterThan(0);
    expectKeyNeverSent(25);
  });
});
