import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Client } from './support.js';
import type { Emulator } from '../../../src/server/emulator/index.js';

let clock = Date.UTC(2026, 0, 15, 10, 0, 0);
let emulator: Emulator;
let client: Client;

beforeAll(async () => {
  ({ emulator, client } = await startEmulator({ now: () => clock, apiKeys: ['key-one', 'key-two'] }));
});
afterAll(() => emulator.close());

const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

describe('management authentication', () => {
  it('accepts Basic with any configured API key', async () => {
    for (const key of ['key-one', 'key-two']) {
      const { status } = await client.api('GET', '/upload-tokens', '/upload-tokens', { auth: basic(key) });
      expect(status).toBe(200);
    }
  });

  it.each([
    ['no header', null, 'The "Authorization" header is missing.'],
    ['a wrong key', basic('not-a-key'), 'The API key is invalid.'],
    ['an unknown scheme', 'Digest abc', 'The "Authorization" header value is invalid.'],
    ['an empty Basic user', basic(''), 'The "Authorization" header value is invalid.'],
    ['a bearer token never issued', 'Bearer made-up', 'The access token is invalid or expired.'],
  ])('answers 401 for %s', async (_what, auth, title) => {
    for (const [method, path, route] of [
      ['GET', '/upload-tokens', '/upload-tokens'],
      ['POST', '/upload-tokens', '/upload-tokens'],
      ['GET', '/videos', '/videos'],
    ]) {
      const { status, json } = await client.api(method, path, route, { auth, body: method === 'POST' ? {} : undefined });
      expect(status).toBe(401);
      expect(json.title).toBe(title);
    }
  });

  it('issues bearer tokens from /auth/api-key that work until they expire, and refreshes them', async () => {
    const issued = await client.api('POST', '/auth/api-key', '/auth/api-key', { auth: null, body: { apiKey: 'key-one' } });
    expect(issued.status).toBe(200);
    expect(issued.json).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    const bearer = `Bearer ${issued.json.access_token}`;
    expect((await client.api('GET', '/upload-tokens', '/upload-tokens', { auth: bearer })).status).toBe(200);

    clock += 3601_000;
    const expired = await client.api('GET', '/upload-tokens', '/upload-tokens', { auth: bearer });
    expect(expired.status).toBe(401);
    expect(expired.json.title).toBe('The access token is invalid or expired.');

    const refreshed = await client.api('POST', '/auth/refresh', '/auth/refresh', {
      auth: null,
      body: { refreshToken: issued.json.refresh_token },
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.json.access_token).not.toBe(issued.json.access_token);
    expect((await client.api('GET', '/upload-tokens', '/upload-tokens', { auth: `Bearer ${refreshed.json.access_token}` })).status).toBe(200);

    const reused = await client.api('POST', '/auth/refresh', '/auth/refresh', { auth: null, body: { refreshToken: issued.json.refresh_token } });
    expect(reused.status).toBe(400);
  });

  it.each([[{ apiKey: 'wrong' }], [{}], [{ apiKey: 42 }]])('answers 400 to /auth/api-key with %j', async (body) => {
    const { status, json } = await client.api('POST', '/auth/api-key', '/auth/api-key', { auth: null, body });
    expect(status).toBe(400);
    expect(json.title).toBe('The user credentials were incorrect.');
  });

  it('answers 400 to /auth/refresh with an unknown refresh token or malformed JSON', async () => {
    expect((await client.api('POST', '/auth/refresh', '/auth/refresh', { auth: null, body: { refreshToken: 'nope' } })).status).toBe(400);
    const garbage = await client.api('POST', '/auth/refresh', '/auth/refresh', { auth: null, body: '{refreshToken', headers: { 'Content-Type': 'application/json' } });
    expect(garbage.status).toBe(400);
  });
});
