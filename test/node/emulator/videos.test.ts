import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bytesOf, MiB, sha256, startEmulator, type Client } from './support.js';
import type { Emulator } from '../../../src/server/emulator/index.js';

let clock = Date.UTC(2026, 0, 15, 10, 0, 0);
let emulator: Emulator;
let client: Client;

beforeAll(async () => {
  ({ emulator, client } = await startEmulator({ now: () => clock, hlsReadyDelayMs: 5000 }));
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await client.control('POST', '/reset');
});

async function uploaded(bytes: Uint8Array, filename = 'clip.mp4'): Promise<string> {
  const token = await client.newToken();
  const reply = await client.upload(token, bytes, { filename });
  expect(reply.status).toBe(201);
  return reply.json.videoId;
}

describe('videos', () => {
  it('lists, gets, reports status of and deletes videos', async () => {
    const a = await uploaded(bytesOf(100), 'a.mp4');
    clock += 1000;
    const b = await uploaded(bytesOf(200), 'b.mp4');

    const list = await client.api('GET', '/videos', '/videos');
    expect(list.status).toBe(200);
    expect(list.json.data.map((v: { videoId: string }) => v.videoId)).toEqual([a, b]);
    expect(list.json.pagination.itemsTotal).toBe(2);
    const page = await client.api('GET', '/videos?pageSize=1&currentPage=2', '/videos');
    expect(page.json.data.map((v: { videoId: string }) => v.videoId)).toEqual([b]);
    expect((await client.api('GET', '/videos?pageSize=500', '/videos')).status).toBe(400);

    const got = await client.api('GET', `/videos/${a}`, '/videos/{videoId}');
    expect(got.status).toBe(200);
    expect(got.json).toMatchObject({ videoId: a, title: 'a.mp4', mp4Support: true });
    expect(got.json.assets.mp4).toBe(`${client.url}/vod/${a}/mp4/source.mp4`);

    const status = await client.api('GET', `/videos/${a}/status`, '/videos/{videoId}/status');
    expect(status.json.ingest).toMatchObject({ status: 'uploaded', filesize: 100, receivedParts: { parts: [1], total: 1 } });

    expect((await client.api('DELETE', `/videos/${a}`, '/videos/{videoId}')).status).toBe(204);
    for (const [path, route] of [
      [`/videos/${a}`, '/videos/{videoId}'],
      [`/videos/${a}/status`, '/videos/{videoId}/status'],
    ]) {
      const gone = await client.api('GET', path, route);
      expect(gone.status).toBe(404);
      expect(gone.json.name).toBe('videoId');
    }
    expect((await client.api('DELETE', `/videos/${a}`, '/videos/{videoId}')).status).toBe(404);
  });

  it('creates an empty video with POST /videos that a token upload can fill', async () => {
    const created = await client.api('POST', '/videos', '/videos', { body: { title: 'Planned' } });
    expect(created.status).toBe(201);
    const token = await client.newToken();
    const bytes = bytesOf(1000);
    const filled = await client.upload(token, bytes, { videoId: created.json.videoId });
    expect(filled.status).toBe(201);
    expect(filled.json.title).toBe('Planned');
    expect((await client.control('GET', `/videos/${created.json.videoId}`)).sha256).toBe(sha256(bytes));
    expect((await client.api('POST', '/videos', '/videos', { body: { title: 42 } })).status).toBe(400);
  });

  it('keeps the fields POST /videos sets (description, tags, metadata, public, player, language) through the upload', async () => {
    const fields = {
      title: 'Interview',
      description: 'Raw footage',
      tags: ['press', 'raw'],
      metadata: [{ key: 'author', value: 'Ann' }],
      public: false,
      playerId: 'pl45KFKdlddgk654dspkze',
      language: 'fr',
    };
    const created = await client.api('POST', '/videos', '/videos', { body: fields });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ ...fields, languageOrigin: 'api', panoramic: false, mp4Support: true });
    const token = await client.newToken();
    const filled = await client.upload(token, bytesOf(1000), { videoId: created.json.videoId, filename: 'other-name.mp4' });
    expect(filled.json).toMatchObject(fields);
    const got = await client.api('GET', `/videos/${created.json.videoId}`, '/videos/{videoId}');
    expect(got.json).toMatchObject(fields);
    // Without them, api.video's defaults: public, a player of its own, no language.
    const plain = await client.api('POST', '/videos', '/videos', { body: { title: 'Plain' } });
    expect(plain.json).toMatchObject({ description: '', tags: [], metadata: [], public: true, languageOrigin: null });
    expect(plain.json.playerId).toMatch(/^pl\w+$/);
    expect(plain.json).not.toHaveProperty('language');
  });

  it('refuses POST /videos fields of the wrong type, naming the field, and makes no video', async () => {
    const wrong: Record<string, unknown>[] = [
      { title: 'x', tags: 'one' },
      { title: 'x', tags: [1] },
      { title: 'x', metadata: [{ key: 'k' }] },
      { title: 'x', public: 'no' },
      { title: 'x', playerId: 7 },
      { title: 'x', language: 'klingon' },
      { title: 'x', description: null },
    ];
    for (const body of wrong) {
      const reply = await client.api('POST', '/videos', '/videos', { body });
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.json.name).toBe(Object.keys(body)[1]);
    }
    expect(await client.control('GET', '/videos')).toEqual([]);
  });

  it('answers 202 on the HLS manifest until the video is ready, then 200 with an m3u8', async () => {
    const token = await client.newToken();
    const videoId = (await client.upload(token, bytesOf(5 * MiB), { range: 'part 1/2' })).json.videoId;
    const hls = `/vod/${videoId}/hls/manifest.m3u8`;
    expect((await client.send('GET', hls, { auth: null })).status).toBe(202);
    await client.upload(token, bytesOf(10), { range: 'part 2/2', videoId });
    const early = await client.send('GET', hls, { auth: null });
    expect(early.status).toBe(202);
    expect(early.headers.get('access-control-allow-origin')).toBe('*');
    clock += 5000;
    const ready = await client.send('GET', hls, { auth: null });
    expect(ready.status).toBe(200);
    expect(ready.text.startsWith('#EXTM3U')).toBe(true);
    const status = await client.api('GET', `/videos/${videoId}/status`, '/videos/{videoId}/status');
    expect(status.json.encoding.playable).toBe(true);
  });

  it('serves the uploaded bytes as mp4, with Range requests', async () => {
    const bytes = bytesOf(4096);
    const videoId = await uploaded(bytes);
    const mp4 = `${client.url}/vod/${videoId}/mp4/source.mp4`;
    const whole = await fetch(mp4);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(whole.headers.get('content-type')).toBe('video/mp4');
    expect(Buffer.from(await whole.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);

    const part = await fetch(mp4, { headers: { Range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 100-199/4096');
    expect(Buffer.from(await part.arrayBuffer()).equals(Buffer.from(bytes.subarray(100, 200)))).toBe(true);

    const open = await fetch(mp4, { headers: { Range: 'bytes=4000-' } });
    expect(open.status).toBe(206);
    expect((await open.arrayBuffer()).byteLength).toBe(96);
    const suffix = await fetch(mp4, { headers: { Range: 'bytes=-10' } });
    expect(Buffer.from(await suffix.arrayBuffer()).equals(Buffer.from(bytes.subarray(4086)))).toBe(true);

    const head = await fetch(mp4, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('4096');
    expect(await head.text()).toBe('');

    const player = await fetch(`${client.url}/vod/${videoId}/player`);
    expect(player.headers.get('content-type')).toContain('text/html');
    expect(await player.text()).toContain(`<video controls style="width:100%;height:100%" src="${mp4}">`);

    for (const range of ['bytes=5000-6000', 'bytes=abc', 'items=0-1']) {
      const bad = await fetch(mp4, { headers: { Range: range } });
      expect(bad.status).toBe(416);
      expect(bad.headers.get('content-range')).toBe('bytes */4096');
      await bad.arrayBuffer();
    }
  });

  it('shows a title containing HTML as text on the player page', async () => {
    const videoId = await uploaded(bytesOf(10), '<img src=x onerror=alert(1)>.mp4');
    const page = await (await fetch(`${client.url}/vod/${videoId}/player`)).text();
    expect(page).not.toContain('<img');
    expect(page).toContain('<title>&#60;img src=x onerror=alert(1)&#62;.mp4</title>');
  });

  it('serves the thumbnail its Video JSON advertises, as a JPEG image', async () => {
    const videoId = await uploaded(bytesOf(10), 'thumb.mp4');
    const video = await client.api('GET', `/videos/${videoId}`, '/videos/{videoId}');
    const response = await fetch(video.json.assets.thumbnail);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const jpeg = Buffer.from(await response.arrayBuffer());
    expect(Number(response.headers.get('content-length'))).toBe(jpeg.length);
    // Start of image, a baseline frame header giving a 16:9 size, end of image: a JPEG a browser can decode.
    expect(jpeg.subarray(0, 3).toString('hex')).toBe('ffd8ff');
    expect(jpeg.subarray(-2).toString('hex')).toBe('ffd9');
    const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
    expect(sof).toBeGreaterThan(0);
    const height = jpeg.readUInt16BE(sof + 5);
    const width = jpeg.readUInt16BE(sof + 7);
    expect(width * 9).toBe(height * 16);
    const head = await fetch(video.json.assets.thumbnail, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBe(jpeg.length);
    expect((await client.send('GET', '/vod/viNOPE/thumbnail.jpg', { auth: null })).status).toBe(404);
  });

  it('answers 404 for the mp4 of a video still uploading and for unknown videos', async () => {
    const token = await client.newToken();
    const videoId = (await client.upload(token, bytesOf(5 * MiB), { range: 'part 1/2' })).json.videoId;
    expect((await client.send('GET', `/vod/${videoId}/mp4/source.mp4`, { auth: null })).status).toBe(404);
    expect((await client.send('GET', '/vod/viNOPE/mp4/source.mp4', { auth: null })).status).toBe(404);
    expect((await client.send('GET', '/vod/..%2F..%2Fetc/mp4/source.mp4', { auth: null })).status).toBe(404);
  });
});
