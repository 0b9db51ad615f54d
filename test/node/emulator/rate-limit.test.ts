import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesOf, startEmulator, type Client } from './support.js';
import type { Emulator } from '../../../src/server/emulator/index.js';

let clock = Date.UTC(2026, 0, 15, 10, 0, 0);
let emulator: Emulator;
let client: Client;

beforeAll(async () => {
  ({ emulator, client } = await startEmulator({ now: () => clock }));
});
afterAll(() => emulator.close());

describe('rate limit', () => {
  it('is off by default: no X-RateLimit headers', async () => {
    const reply = await client.api('GET', '/upload-tokens', '/upload-tokens');
    expect(reply.headers.get('x-ratelimit-limit')).toBeNull();
  });

  it('when set, counts API requests per minute and answers 429 with api.video’s body and headers past it', async () => {
    await client.control('POST', '/config', { rateLimitPerMinute: 3 });
    const token = await client.newToken();
    const first = await client.api('GET', '/upload-tokens', '/upload-tokens');
    expect(first.headers.get('x-ratelimit-limit')).toBe('3');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('2');
    await client.api('GET', '/upload-tokens', '/upload-tokens');
    expect((await client.upload(token, bytesOf(10))).status).toBe(201);

    const limited = await client.upload(token, bytesOf(10));
    expect(limited.status).toBe(429);
    expect(limited.json).toEqual({ type: 'https://docs.api.video/reference/too-many-requests', title: 'Too many requests.', status: 429 });
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(limited.headers.get('x-ratelimit-retry-after'))).toBeGreaterThan(0);
    expect(limited.headers.get('access-control-expose-headers')).toContain('X-RateLimit-Retry-After');
    const log = await client.control('GET', '/requests');
    expect(log.map((r: { status: number }) => r.status)).toEqual([201, 429]);
    const listLimited = await client.api('GET', '/upload-tokens', '/upload-tokens');
    expect(listLimited.status).toBe(429);

    clock += 60_000;
    expect((await client.api('GET', '/upload-tokens', '/upload-tokens')).status).toBe(200);
    await client.control('POST', '/config', { rateLimitPerMinute: 0 });
  });

  it('starts the count over when the emulator is reset', async () => {
    await client.control('POST', '/config', { rateLimitPerMinute: 2 });
    await client.api('GET', '/upload-tokens', '/upload-tokens');
    await client.api('GET', '/upload-tokens', '/upload-tokens');
    expect((await client.api('GET', '/upload-tokens', '/upload-tokens')).status).toBe(429);

    await client.control('POST', '/reset');
    const after = await client.api('GET', '/upload-tokens', '/upload-tokens');
    expect(after.status).toBe(200);
    expect(after.headers.get('x-ratelimit-remaining')).toBe('1');
    await client.control('POST', '/config', { rateLimitPerMinute: 0 });
  });
});
