// createUploadTokenHandler: who may ask for a token (origins and CORS, authorize(), the rate limit, proxies).
import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { createUploadTokenHandler } from '../../src/server/index.js';
import { clientKey } from '../../src/server/token-handler/rate-limit.js';
import { emulatorTokens, rawRequest } from './token-handler.support.js';
import { emulatorUrl, expectKeyNeverSent, logged, mount, useEmulator } from './token-handler.setup.js';

useEmulator();

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
    expect(await emulatorTokens(emulatorUrl)).toHaveLength(2);
  });

  it('refuses a foreign origin with a 403 that page can read (CORS, no credentials) and a problem naming it, logged once', async () => {
    logged.length = 0;
    const url = await mount({ allowedOrigins: ['https://app.example.com'] });
    const origin = 'https://evil.example.net';
    // Its preflight passes, uncached and without credentials, so that the POST comes and gets the refusal below.
    const preflight = await rawRequest(url, {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(origin);
    expect(preflight.headers['access-control-allow-headers']).toBe('content-type');
    expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
    expect(preflight.headers['access-control-max-age']).toBeUndefined();
    for (let i = 0; i < 3; i++) {
      const refused = await rawRequest(url, { headers: { Origin: origin, 'Content-Type': 'application/json' }, body: '{"fileName":"a.mp4"}' });
      expect(refused.status).toBe(403);
      expect(refused.headers['content-type']).toBe('application/problem+json');
      expect(refused.headers['access-control-allow-origin']).toBe(origin);
      expect(refused.headers.vary).toBe('Origin');
      expect(refused.headers['access-control-allow-credentials']).toBeUndefined();
      expect(refused.json).toMatchObject({ status: 403, code: 'origin-not-allowed', origin });
      expect(refused.json.detail).toContain('allowedOrigins');
    }
    // The site's developer hears of it once, by name, however many requests the page sent.
    expect(logged.filter((line) => line.includes(origin))).toEqual([
      `[upload-token] refused a token request from the page origin "${origin}": only the handler's own origin (scheme, host and port) and those in allowedOrigins may ask; add it to allowedOrigins to allow it.`,
    ]);
    // Another port of the site's own host is another origin: refused too, and said once for itself.
    const otherPort = `http://${new URL(url).hostname}:1`;
    expect((await rawRequest(url, { headers: { Origin: otherPort } })).json.code).toBe('origin-not-allowed');
    expect(logged.filter((line) => line.includes(otherPort))).toHaveLength(1);
    expect(await emulatorTokens(emulatorUrl)).toHaveLength(0);
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

  it("answers 429, not 503, to a limiter of the site's own copy of rate-limiter-flexible, whose classes are not this package's", async () => {
    // A second install of the library, as an app with its own copy has: the same code, other classes.
    const app = mkdtempSync(join(tmpdir(), 'token-handler-own-limiter-'));
    try {
      const installed = dirname(createRequire(import.meta.url).resolve('rate-limiter-flexible/package.json'));
      cpSync(installed, join(app, 'node_modules', 'rate-limiter-flexible'), { recursive: true });
      const own = createRequire(join(app, 'index.js'))('rate-limiter-flexible') as typeof import('rate-limiter-flexible');
      expect(own.RateLimiterRes).not.toBe(RateLimiterRes);
      const url = await mount({ rateLimit: { limiter: new own.RateLimiterMemory({ points: 1, duration: 60 }) } });
      expect((await rawRequest(url)).status).toBe(200);
      logged.length = 0;
      const refused = await rawRequest(url);
      expect(refused.status, refused.text).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(refused.headers['x-ratelimit-limit']).toBe('1');
      expect(logged.filter((line) => line.includes('store'))).toEqual([]);
    } finally {
      rmSync(app, { recursive: true, force: true });
    }
  });

  it("reads another version's refusal by its shape: numbers in msBeforeNext and remainingPoints, behind getters", async () => {
    // As a RateLimiterRes of any version carries them: fields read through getters on its prototype.
    class OtherVersionResult {
      get msBeforeNext() {
        return 12_300;
      }
      get remainingPoints() {
        return 0;
      }
    }
    const limiter = { points: 5, duration: 60, consume: () => Promise.reject(new OtherVersionResult()) };
    const refused = await rawRequest(await mount({ rateLimit: { limiter } }));
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('13');
    // A store that fails still rejects with an Error: that one remains a 503.
    const failing = { points: 5, duration: 60, consume: () => Promise.reject(new Error('connection lost')) };
    expect((await rawRequest(await mount({ rateLimit: { limiter: failing } }))).status).toBe(503);
  });

  it('behind a trusted proxy, counts clients by the address the proxy saw and knows the site by X-Forwarded-Host', async () => {
    const url = await mount({ trustProxy: true, rateLimit: 1 });
    // The proxy appends the address it saw to whatever X-Forwarded-For the client sent, so only the last entry is true.
    const from = (ip: string, origin?: string, claimed = '10.9.8.7') =>
      rawRequest(url, { headers: { 'X-Forwarded-For': `${claimed}, ${ip}`, 'X-Forwarded-Host': 'www.example.com', ...(origin ? { Origin: origin } : {}) } });
    expect((await from('203.0.113.7', 'https://www.example.com')).status).toBe(200);
    expect((await from('203.0.113.7')).status).toBe(429);
    // A client that makes up a new first entry for each request is still the same client.
    expect((await from('203.0.113.7', undefined, '1.2.3.4')).status).toBe(429);
    expect((await from('203.0.113.7', undefined, '5.6.7.8')).status).toBe(429);
    expect((await from('198.51.100.2')).status).toBe(200);
    expect((await from('192.0.2.1', 'https://other.example.com')).status).toBe(403);
    // Untrusted, the same headers are ignored: one socket address, one bucket.
    const plain = await mount({ rateLimit: 1 });
    expect((await rawRequest(plain, { headers: { 'X-Forwarded-For': '203.0.113.8' } })).status).toBe(200);
    expect((await rawRequest(plain, { headers: { 'X-Forwarded-For': '203.0.113.9' } })).status).toBe(429);
  });

  it('counts an IPv6 client by its /56 network, which it can pick new addresses from, and IPv4 by address', () => {
    expect(clientKey('2001:db8:aa:bb01::1')).toBe(clientKey('2001:db8:aa:bbff:ffff:ffff:ffff:ffff'));
    expect(clientKey('2001:db8:aa:bb01::1')).toBe('2001:0db8:00aa:bb00::/56');
    expect(clientKey('2001:db8:aa:bc00::1')).not.toBe(clientKey('2001:db8:aa:bb00::1'));
    expect(clientKey('::1')).toBe('0000:0000:0000:0000::/56');
    expect(clientKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('203.0.113.7')).not.toBe(clientKey('203.0.113.8'));
    expect(clientKey('not an address')).toBe('not an address');
  });

  it('has a rate limit by default (30 a minute per IP address)', async () => {
    const url = await mount();
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await rawRequest(url)).status);
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(statuses[30]).toBe(429);
  });
});

describe('createUploadTokenHandler: the API key stays secret from callers', () => {
  it('is absent from every response in this file and from every log line', () => {
    expectKeyNeverSent(15);
  });
});
