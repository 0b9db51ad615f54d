import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Client } from './support.js';
import type { Emulator } from '../../../src/server/emulator/index.js';

const ATOM = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/;
let clock = Date.UTC(2026, 0, 15, 10, 0, 0);
let emulator: Emulator;
let client: Client;

beforeAll(async () => {
  ({ emulator, client } = await startEmulator({ now: () => clock }));
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await client.control('POST', '/reset');
});

describe('POST /upload-tokens', () => {
  it('creates a token with a ttl, shaped like api.video’s', async () => {
    const { status, json } = await client.api('POST', '/upload-tokens', '/upload-tokens', { body: { ttl: 3600 } });
    expect(status).toBe(200);
    expect(json.token).toMatch(/^to[0-9A-Za-z]{22}$/);
    expect(json.ttl).toBe(3600);
    expect(json.createdAt).toMatch(ATOM);
    expect(json.createdAt).toBe('2026-01-15T10:00:00+00:00');
    expect(json.expiresAt).toBe('2026-01-15T11:00:00+00:00');
  });

  it('defaults to a token that never expires, with an empty body or {}', async () => {
    for (const body of [undefined, {}]) {
      const { status, json } = await client.api('POST', '/upload-tokens', '/upload-tokens', { body });
      expect(status).toBe(200);
      expect(json.ttl).toBe(0);
      expect(json.expiresAt).toBeNull();
    }
  });

  it('accepts the largest ttl', async () => {
    const { status, json } = await client.api('POST', '/upload-tokens', '/upload-tokens', { body: { ttl: 2147483647 } });
    expect(status).toBe(200);
    expect(json.ttl).toBe(2147483647);
  });

  it.each([[-1], [2147483648], [1e300], [1.5], ['3600'], [true], [[1]], [{}]])('refuses ttl %j with a 400 naming ttl', async (ttl) => {
    const { status, json } = await client.api('POST', '/upload-tokens', '/upload-tokens', { body: { ttl } });
    expect(status).toBe(400);
    expect(json.name).toBe('ttl');
  });

  it.each([['{"ttl": 36'], ['[1,2]'], ['null'], ['"text"']])('refuses the body %s with a 400', async (body) => {
    const { status, json } = await client.api('POST', '/upload-tokens', '/upload-tokens', {
      body,
      headers: { 'Content-Type': 'application/json' },
    });
    expect(status).toBe(400);
    expect(json.title).toBe('The payload is invalid.');
  });
});

describe('GET /upload-tokens', () => {
  async function create(ttl: number): Promise<string> {
    const { json } = await client.api('POST', '/upload-tokens', '/upload-tokens', { body: { ttl } });
    clock += 1000;
    return json.token;
  }

  it('lists active tokens with pagination links, 25 per page by default', async () => {
    const a = await create(100);
    const b = await create(0);
    const { status, json } = await client.api('GET', '/upload-tokens', '/upload-tokens');
    expect(status).toBe(200);
    expect(json.data.map((t: { token: string }) => t.token)).toEqual([a, b]);
    expect(json.pagination).toMatchObject({ currentPage: 1, currentPageItems: 2, pageSize: 25, pagesTotal: 1, itemsTotal: 2 });
    expect(json.pagination.links.map((l: { rel: string }) => l.rel)).toEqual(['self', 'first', 'last']);
  });

  it('sorts by createdAt or ttl, ascending or descending', async () => {
    const t300 = await create(300);
    const t100 = await create(100);
    const t200 = await create(200);
    const order = async (query: string) =>
      (await client.api('GET', `/upload-tokens?${query}`, '/upload-tokens')).json.data.map((t: { token: string }) => t.token);
    expect(await order('sortBy=createdAt&sortOrder=asc')).toEqual([t300, t100, t200]);
    expect(await order('sortBy=createdAt&sortOrder=desc')).toEqual([t200, t100, t300]);
    expect(await order('sortBy=ttl&sortOrder=asc')).toEqual([t100, t200, t300]);
    expect(await order('sortBy=ttl&sortOrder=desc')).toEqual([t300, t200, t100]);
  });

  it('pages, with previous and next links where they exist', async () => {
    const tokens = [];
    for (let i = 0; i < 5; i++) tokens.push(await create(0));
    const { json } = await client.api('GET', '/upload-tokens?currentPage=2&pageSize=2', '/upload-tokens');
    expect(json.data.map((t: { token: string }) => t.token)).toEqual(tokens.slice(2, 4));
    expect(json.pagination).toMatchObject({ currentPage: 2, currentPageItems: 2, pageSize: 2, pagesTotal: 3, itemsTotal: 5 });
    const links = Object.fromEntries(json.pagination.links.map((l: { rel: string; uri: string }) => [l.rel, l.uri]));
    expect(Object.keys(links)).toEqual(['self', 'first', 'previous', 'next', 'last']);
    expect(links.next).toBe(`${client.url}/upload-tokens?currentPage=3&pageSize=2`);
    expect(links.previous).toBe(`${client.url}/upload-tokens?currentPage=1&pageSize=2`);
    const last = await client.api('GET', '/upload-tokens?currentPage=3&pageSize=2', '/upload-tokens');
    expect(last.json.data).toHaveLength(1);
    const beyond = await client.api('GET', '/upload-tokens?currentPage=9&pageSize=2', '/upload-tokens');
    expect(beyond.json.data).toEqual([]);
  });

  it('neither lists expired nor deleted tokens', async () => {
    const shortLived = await create(60);
    const deleted = await create(0);
    const kept = await create(0);
    await client.api('DELETE', `/upload-tokens/${deleted}`, '/upload-tokens/{uploadToken}');
    clock += 61_000;
    const { json } = await client.api('GET', '/upload-tokens', '/upload-tokens');
    expect(json.data.map((t: { token: string }) => t.token)).toEqual([kept]);
    expect(json.pagination.itemsTotal).toBe(1);
    expect((await client.api('GET', `/upload-tokens/${shortLived}`, '/upload-tokens/{uploadToken}')).status).toBe(404);
  });

  it.each([
    ['pageSize=0', 'pageSize'],
    ['pageSize=101', 'pageSize'],
    ['pageSize=-5', 'pageSize'],
    ['pageSize=abc', 'pageSize'],
    ['pageSize=2.5', 'pageSize'],
    ['currentPage=0', 'currentPage'],
    ['currentPage=99999999999999999999999', 'currentPage'],
    ['sortBy=token', 'sortBy'],
    ['sortOrder=up', 'sortOrder'],
  ])('refuses %s with a 400 naming the parameter', async (query, name) => {
    const { status, json } = await client.api('GET', `/upload-tokens?${query}`, '/upload-tokens');
    expect(status).toBe(400);
    expect(json.name).toBe(name);
  });
});

describe('GET and DELETE /upload-tokens/{token}', () => {
  it('gets a token, deletes it (204), then both are 404', async () => {
    const created = (await client.api('POST', '/upload-tokens', '/upload-tokens', { body: { ttl: 0 } })).json;
    const got = await client.api('GET', `/upload-tokens/${created.token}`, '/upload-tokens/{uploadToken}');
    expect(got.status).toBe(200);
    expect(got.json).toEqual(created);
    const del = await client.api('DELETE', `/upload-tokens/${created.token}`, '/upload-tokens/{uploadToken}');
    expect(del.status).toBe(204);
    expect(del.headers.get('access-control-allow-origin')).toBe('*');
    for (const method of ['GET', 'DELETE']) {
      const again = await client.api(method, `/upload-tokens/${created.token}`, '/upload-tokens/{uploadToken}');
      expect(again.status).toBe(404);
      expect(again.json).toMatchObject({ title: 'The requested resource could not be found.', name: 'uploadToken' });
    }
  });

  it.each([['toNOTAREALTOKEN'], ['..%2F..%2Fetc%2Fpasswd'], ['to' + 'x'.repeat(5000)], ['%E0%A4%A']])('answers 404 for %s', async (token) => {
    const { status } = await client.api('GET', `/upload-tokens/${token}`, '/upload-tokens/{uploadToken}');
    expect(status).toBe(404);
  });
});
