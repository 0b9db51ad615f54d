// PATCH /videos/{videoId} (a partial update of a video's fields) and PATCH /videos/{videoId}/thumbnail (a picked
// frame), every body checked against api.video's OpenAPI spec.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rawRequest, startEmulator, type Client } from './support.js';
import type { Emulator } from '../../../src/server/emulator/index.js';

const START = Date.UTC(2026, 0, 15, 10, 0, 0);
let clock = START;
let emulator: Emulator;
let client: Client;

const VIDEO = '/videos/{videoId}';
const THUMBNAIL = '/videos/{videoId}/thumbnail';

beforeAll(async () => {
  ({ emulator, client } = await startEmulator({ now: () => clock }));
});
afterAll(() => emulator.close());
beforeEach(async () => {
  clock = START;
  await client.control('POST', '/reset');
});

async function created(body: Record<string, unknown> = { title: 'Interview' }): Promise<any> {
  const reply = await client.api('POST', '/videos', '/videos', { body });
  expect(reply.status).toBe(201);
  return reply.json;
}

describe('PATCH /videos/{videoId}', () => {
  it('changes only the fields given, and GET and the list show them', async () => {
    const before = await created({ title: 'Interview', description: 'Raw', tags: ['raw'], public: false, language: 'fr' });
    clock += 60_000;
    const changes = {
      title: 'Interview, cut',
      description: 'Edited footage',
      tags: ['press', 'edited'],
      metadata: [{ key: 'author', value: 'Ann' }],
    };
    const patched = await client.api('PATCH', `/videos/${before.videoId}`, VIDEO, { body: changes });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ ...changes, public: false, language: 'fr', playerId: before.playerId, createdAt: before.createdAt });
    expect(patched.json.updatedAt).toBe('2026-01-15T10:01:00+00:00');
    expect(patched.json.updatedAt).not.toBe(before.updatedAt);

    const got = await client.api('GET', `/videos/${before.videoId}`, VIDEO);
    expect(got.json).toEqual(patched.json);
    const list = await client.api('GET', '/videos', '/videos');
    expect(list.json.data).toEqual([patched.json]);

    // Arrays are replaced, not appended to; the other fields stay as they were.
    const again = await client.api('PATCH', `/videos/${before.videoId}`, VIDEO, { body: { tags: [], public: true, language: null } });
    expect(again.json).toMatchObject({ ...changes, tags: [], public: true, languageOrigin: null });
    expect(again.json).not.toHaveProperty('language');
  });

  it('sets the boolean fields and the player, and a null player gives the video one of its own', async () => {
    const video = await created();
    const body = { panoramic: true, mp4Support: false, public: false, playerId: 'pl45KFKdlddgk654dspkze' };
    const patched = await client.api('PATCH', `/videos/${video.videoId}`, VIDEO, { body });
    expect(patched.json).toMatchObject(body);
    const detached = await client.api('PATCH', `/videos/${video.videoId}`, VIDEO, { body: { playerId: null } });
    expect(detached.json.playerId).toMatch(/^pl\w+$/);
    expect(detached.json.playerId).not.toBe(body.playerId);
  });

  it('with an empty body changes nothing but updatedAt', async () => {
    const video = await created({ title: 'Still', tags: ['a'], metadata: [{ key: 'k', value: 'v' }] });
    clock += 5_000;
    for (const body of [{}, undefined]) {
      const patched = await client.api('PATCH', `/videos/${video.videoId}`, VIDEO, { body });
      expect(patched.status).toBe(200);
      expect({ ...patched.json, updatedAt: video.updatedAt }).toEqual(video);
      expect(patched.json.updatedAt).toBe('2026-01-15T10:00:05+00:00');
    }
  });

  it('refuses fields of the wrong type or value with a 400 naming the field, and changes nothing', async () => {
    const video = await created({ title: 'Kept', tags: ['kept'] });
    const wrong: Record<string, unknown>[] = [
      { title: 42 },
      { title: '' },
      { tags: 'one' },
      { tags: [1] },
      { metadata: [{ key: 'k' }] },
      { metadata: {} },
      { description: null },
      { public: 'no' },
      { panoramic: 1 },
      { mp4Support: null },
      { playerId: 7 },
      { language: 'klingon' },
    ];
    for (const body of wrong) {
      const reply = await client.api('PATCH', `/videos/${video.videoId}`, VIDEO, { body: { description: 'not kept', ...body } });
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.json).toMatchObject({ title: 'An attribute is invalid.', name: Object.keys(body)[0] });
      expect(reply.json.detail).toContain(Object.keys(body)[0]);
    }
    expect((await client.api('GET', `/videos/${video.videoId}`, VIDEO)).json).toEqual(video);
  });

  it('answers 404 for an unknown video and 401 without auth', async () => {
    for (const id of ['viNOPE', 'vi0000000000000000000000']) {
      const reply = await client.api('PATCH', `/videos/${id}`, VIDEO, { body: { title: 'x' } });
      expect(reply.status).toBe(404);
      expect(reply.json.name).toBe('videoId');
    }
    const video = await created();
    const anonymous = await client.api('PATCH', `/videos/${video.videoId}`, VIDEO, { body: { title: 'x' }, auth: null });
    expect(anonymous.status).toBe(401);
    const badKey = await client.api('PATCH', `/videos/${video.videoId}`, VIDEO, { body: { title: 'x' }, auth: 'Basic d3Jvbmc6' });
    expect(badKey.status).toBe(401);
    expect((await client.api('GET', `/videos/${video.videoId}`, VIDEO)).json.title).toBe('Interview');
  });

  it('answers 400 to malformed JSON and 400 to an oversized body, and stays up', async () => {
    const video = await created();
    for (const body of ['{', '{"title":}', '[1]', '"title"', 'x'.repeat(2 * 1024 * 1024)]) {
      const reply = await client.api('PATCH', `/videos/${video.videoId}`, VIDEO, { body, headers: { 'Content-Type': 'application/json' } });
      expect(reply.status).toBe(400);
      expect(reply.json.title).toBe('The payload is invalid.');
    }
    const cut = await rawRequest(client.url, {
      method: 'PATCH',
      path: `/videos/${video.videoId}`,
      headers: { Authorization: `Basic ${Buffer.from('emulator-api-key:').toString('base64')}`, 'Content-Type': 'application/json', 'Content-Length': 100 },
      chunks: ['{"title":"par'],
      abortAfterChunks: true,
    });
    expect(cut).toBe('aborted');
    expect((await client.api('GET', `/videos/${video.videoId}`, VIDEO)).json.title).toBe('Interview');
  });

  it('counts against the rate limit like the other API routes', async () => {
    const video = await created();
    await client.control('POST', '/config', { rateLimitPerMinute: 2 });
    const first = await client.api('PATCH', `/videos/${video.videoId}`, VIDEO, { body: { title: 'one' } });
    expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
    expect((await client.api('PATCH', `/videos/${video.videoId}/thumbnail`, THUMBNAIL, { body: { timecode: '00:00:01' } })).status).toBe(200);
    const limited = await client.api('PATCH', `/videos/${video.videoId}`, VIDEO, { body: { title: 'two' } });
    expect(limited.status).toBe(429);
    await client.control('POST', '/config', { rateLimitPerMinute: 0 });
    expect((await client.api('GET', `/videos/${video.videoId}`, VIDEO)).json.title).toBe('one');
  });
});

describe('PATCH /videos/{videoId}/thumbnail', () => {
  it('records the picked timecode, answers the Video, and the control report reads it back', async () => {
    const video = await created();
    expect((await client.control('GET', `/videos/${video.videoId}`)).thumbnailTimecode).toBeNull();
    clock += 1_000;
    for (const timecode of ['00:00:05.00', '01:02:03', '00:00:00.000']) {
      const picked = await client.api('PATCH', `/videos/${video.videoId}/thumbnail`, THUMBNAIL, { body: { timecode } });
      expect(picked.status).toBe(200);
      expect({ ...picked.json, updatedAt: video.updatedAt }).toEqual(video);
      expect(picked.json.updatedAt).toBe('2026-01-15T10:00:01+00:00');
      expect((await client.control('GET', `/videos/${video.videoId}`)).thumbnailTimecode).toBe(timecode);
    }
  });

  it('answers 400 naming timecode to a missing or malformed one, and keeps the last one picked', async () => {
    const video = await created();
    await client.api('PATCH', `/videos/${video.videoId}/thumbnail`, THUMBNAIL, { body: { timecode: '00:00:05.00' } });
    const bad: Record<string, unknown>[] = [
      {},
      { timecode: 5 },
      { timecode: null },
      { timecode: '5' },
      { timecode: '0:00:05' },
      { timecode: '00:60:00' },
      { timecode: '00:00:61.00' },
      { timecode: '00:00:05.5' },
      { timecode: '00:00:05.00 ' },
      { timecode: 'aa:bb:cc.dd' },
    ];
    for (const body of bad) {
      const reply = await client.api('PATCH', `/videos/${video.videoId}/thumbnail`, THUMBNAIL, { body });
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.json).toMatchObject({ title: 'An attribute is invalid.', name: 'timecode' });
    }
    const garbage = await client.api('PATCH', `/videos/${video.videoId}/thumbnail`, THUMBNAIL, {
      body: '{"timecode":',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(garbage.status).toBe(400);
    expect(garbage.json.title).toBe('The payload is invalid.');
    expect((await client.control('GET', `/videos/${video.videoId}`)).thumbnailTimecode).toBe('00:00:05.00');
  });

  it('answers 404 for an unknown video, 401 without auth, and 405 to other methods', async () => {
    const unknown = await client.api('PATCH', '/videos/viNOPE/thumbnail', THUMBNAIL, { body: { timecode: '00:00:01.00' } });
    expect(unknown.status).toBe(404);
    expect(unknown.json.name).toBe('videoId');
    const video = await created();
    const anonymous = await client.api('PATCH', `/videos/${video.videoId}/thumbnail`, THUMBNAIL, { body: { timecode: '00:00:01.00' }, auth: null });
    expect(anonymous.status).toBe(401);
    expect((await client.control('GET', `/videos/${video.videoId}`)).thumbnailTimecode).toBeNull();
    const other = await client.send('GET', `/videos/${video.videoId}/thumbnail`);
    expect(other.status).toBe(405);
    expect(other.headers.get('allow')).toBe('PATCH');
  });
});
