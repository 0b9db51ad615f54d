import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import ApiVideoClient from '@api.video/nodejs-client';
import { createUploadTokenHandler, type UploadTokenHandlerOptions } from '../../src/server/index.js';
import type { Emulator } from '../../src/server/emulator/index.js';
import { API_KEY, API_KEY_BASIC, closedPortUrl, emulatorTokens, rawRequest, seen, serve, startEmulator } from './token-handler.support.js';

const ATOM = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/;

let emulator: Emulator;
let emulatorUrl: string;
const logged: string[] = [];
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  ({ emulator, url: emulatorUrl } = await startEmulator());
});

afterAll(async () => {
  for (const close of closers) await close();
  await emulator.close();
});

beforeEach(async () => {
  await fetch(`${emulatorUrl}/__emulator/reset`, { method: 'POST' });
});

/** A handler on its own node:http server, pointed at the emulator, logging into `logged`. */
async function mount(options: UploadTokenHandlerOptions = {}): Promise<string> {
  const handler = createUploadTokenHandler({
    apiKey: API_KEY,
    baseUri: emulatorUrl,
    logger: { error: (line: string) => logged.push(line) },
    ...options,
  });
  const { url, close } = await serve((req, res) => handler(req, res));
  closers.push(close);
  return url;
}

describe('createUploadTokenHandler: start-up', () => {
  it('refuses to start without an API key and says how to set one', () => {
    const saved = process.env.APIVIDEO_API_KEY;
    delete process.env.APIVIDEO_API_KEY;
    try {
      expect(() => createUploadTokenHandler({ baseUri: emulatorUrl })).toThrow(/APIVIDEO_API_KEY/);
      expect(() => createUploadTokenHandler({ baseUri: emulatorUrl })).toThrow(/apiKey/);
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
});

describe('createUploadTokenHandler: who may ask', () => {
  it('serves listed origins with CORS, answers their preflight, and refuses a foreign origin with 403', async () => {
    const url = await mount({ allowedOrigins: ['https://app.example.com', /^https:\/\/[a-z0-9]+\.preview\.example\.com$/] });
    const preflight = await rawRequest(url, {
      method: 'OPTIONS',
      headers: { Origin: 'https://app.example.com', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://app.example.com');
    expect(preflight.headers['access-control-allow-methods']).toContain('POST');
    expect(preflight.headers['access-control-allow-headers']).toBe('content-type');

    const allowed = await rawRequest(url, { headers: { Origin: 'https://app.example.com' } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example.com');
    expect(allowed.headers['access-control-allow-credentials']).toBe('true');
    expect(allowed.headers.vary).toBe('Origin');
    expect((await rawRequest(url, { headers: { Origin: 'https://pr42.preview.example.com' } })).status).toBe(200);

    const foreign = await rawRequest(url, { headers: { Origin: 'https://evil.example.net' } });
    expect(foreign.status).toBe(403);
    expect(foreign.json.title).toMatch(/origin/i);
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    const foreignPreflight = await rawRequest(url, { method: 'OPTIONS', headers: { Origin: 'https://evil.example.net', 'Access-Control-Request-Method': 'POST' } });
    expect(foreignPreflight.status).toBe(403);
    expect(await emulatorTokens(emulatorUrl)).toHaveLength(2);
  });

  it('by default serves its own site and callers without an Origin, and refuses other sites', async () => {
    const url = await mount();
    const host = new URL(url).host;
    expect((await rawRequest(url, { headers: { Origin: `http://${host}` } })).status).toBe(200);
    expect((await rawRequest(url)).status).toBe(200);
    expect((await rawRequest(url, { headers: { Origin: 'https://elsewhere.example' } })).status).toBe(403);
  });

  it('with allowedOrigins "*" lets any page ask, without credentials', async () => {
    const url = await mount({ allowedOrigins: '*' });
    const response = await rawRequest(url, { headers: { Origin: 'https://anyone.example' } });
    expect(response.status).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('answers 401 when authorize() says no, and passes the request to it', async () => {
    const asked: IncomingMessage[] = [];
    const url = await mount({
      authorize: async (req) => {
        asked.push(req);
        return req.headers.cookie === 'session=valid';
      },
    });
    const refused = await rawRequest(url, { headers: { Cookie: 'session=stolen' } });
    expect(refused.status).toBe(401);
    expect(refused.json.title).toMatch(/signed in/);
    expect(await emulatorTokens(emulatorUrl)).toHaveLength(0);
    const ok = await rawRequest(url, { headers: { Cookie: 'session=valid' } });
    expect(ok.status).toBe(200);
    expect(asked).toHaveLength(2);
  });

  it('answers 500 without details when authorize() throws, and keeps serving', async () => {
    let calls = 0;
    const url = await mount({
      authorize: () => {
        calls += 1;
        if (calls === 1) throw new Error('session store down');
        return true;
      },
    });
    const broken = await rawRequest(url);
    expect(broken.status).toBe(500);
    expect(broken.text).not.toContain('session store down');
    expect(logged.some((line) => line.includes('session store down'))).toBe(true);
    expect((await rawRequest(url)).status).toBe(200);
  });

  it('answers 429 with Retry-After once a client goes over the rate limit, counting clients apart', async () => {
    const url = await mount({ rateLimit: { max: 2, key: (req) => String(req.headers['x-user']) } });
    const as = (user: string) => rawRequest(url, { headers: { 'X-User': user } });
    expect((await as('ann')).status).toBe(200);
    const second = await as('ann');
    expect(second.status).toBe(200);
    expect(second.headers['x-ratelimit-remaining']).toBe('0');
    const third = await as('ann');
    expect(third.status).toBe(429);
    const retryAfter = Number(third.headers['retry-after']);
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
    expect(third.json.title).toMatch(/Too many/);
    expect((await as('bob')).status).toBe(200);
    expect(await emulatorTokens(emulatorUrl)).toHaveLength(3);
  });

  it('behind a trusted proxy, counts clients by X-Forwarded-For and knows the site by X-Forwarded-Host', async () => {
    const url = await mount({ trustProxy: true, rateLimit: 1 });
    const from = (ip: string, origin?: string) =>
      rawRequest(url, { headers: { 'X-Forwarded-For': `${ip}, 10.0.0.1`, 'X-Forwarded-Host': 'www.example.com', ...(origin ? { Origin: origin } : {}) } });
    expect((await from('203.0.113.7', 'https://www.example.com')).status).toBe(200);
    expect((await from('203.0.113.7')).status).toBe(429);
    expect((await from('198.51.100.2')).status).toBe(200);
    expect((await from('192.0.2.1', 'https://other.example.com')).status).toBe(403);
    // Untrusted, the same headers are ignored: one socket address, one bucket.
    const plain = await mount({ rateLimit: 1 });
    expect((await rawRequest(plain, { headers: { 'X-Forwarded-For': '203.0.113.8' } })).status).toBe(200);
    expect((await rawRequest(plain, { headers: { 'X-Forwarded-For': '203.0.113.9' } })).status).toBe(429);
  });

  it('has a rate limit by default (30 a minute per IP address)', async () => {
    const url = await mount();
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await rawRequest(url)).status);
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(statuses[30]).toBe(429);
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
    // Runs last in the file: by now every answer above (200s, 4xx, 502, 503, 504, preflights) has been recorded.
    expect(seen.length).toBeGreaterThan(40);
    for (const raw of seen) {
      const bytes = raw.toString('latin1');
      expect(bytes).not.toContain(API_KEY);
      expect(bytes).not.toContain(API_KEY_BASIC);
    }
    expect(logged.length).toBeGreaterThan(0);
    for (const line of logged) {
      expect(line).not.toContain(API_KEY);
      expect(line).not.toContain(API_KEY_BASIC);
    }
  });
});
