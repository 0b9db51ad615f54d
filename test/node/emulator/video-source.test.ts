// `POST /videos/{videoId}/source`: the same upload, authorized by an API key or bearer token instead of an
// upload token (the uploader's apiKey and accessToken modes).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { API_KEY, bytesOf, MiB, sha256, startEmulator, type Client } from './support.js';
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

async function newVideo(): Promise<string> {
  return (await client.api('POST', '/videos', '/videos', { body: { title: 'Source upload' } })).json.videoId;
}

function sendSource(videoId: string, bytes: Uint8Array<ArrayBuffer>, auth?: string | null, range?: string) {
  const form = new FormData();
  form.append('file', new Blob([bytes]), 'source.mp4');
  return client.api('POST', `/videos/${videoId}/source`, '/videos/{videoId}/source', {
    body: form,
    auth,
    headers: range ? { 'Content-Range': range } : {},
  });
}

describe('POST /videos/{videoId}/source', () => {
  it('takes parts with Basic auth and with a bearer token, and joins them', async () => {
    const videoId = await newVideo();
    const parts = [bytesOf(5 * MiB), bytesOf(1000)];
    const first = await sendSource(videoId, parts[0], undefined, 'part 1/2');
    expect(first.status).toBe(201);
    expect(first.json.videoId).toBe(videoId);
    const { json: auth } = await client.api('POST', '/auth/api-key', '/auth/api-key', { auth: null, body: { apiKey: API_KEY } });
    const second = await sendSource(videoId, parts[1], `Bearer ${auth.access_token}`, 'part 2/2');
    expect(second.status).toBe(201);
    const stored = await client.control('GET', `/videos/${videoId}`);
    expect(stored).toMatchObject({ complete: true, sha256: sha256(...parts), partTokens: { '1': null, '2': null } });
    const log = await client.control('GET', '/requests');
    expect(log.map((r: { videoId: string; token: null; status: number }) => [r.videoId, r.token, r.status])).toEqual([
      [videoId, null, 201],
      [videoId, null, 201],
    ]);
  });

  it('answers 401 without or with wrong credentials, 404 for an unknown video, 405 for GET', async () => {
    const videoId = await newVideo();
    const missing = await sendSource(videoId, bytesOf(10), null);
    expect(missing.status).toBe(401);
    expect(missing.json.title).toBe('The "Authorization" header is missing.');
    const wrong = await sendSource(videoId, bytesOf(10), `Basic ${Buffer.from('nope:').toString('base64')}`);
    expect(wrong.status).toBe(401);
    const unknown = await sendSource('viAAAAAAAAAAAAAAAAAAAAAA', bytesOf(10), undefined);
    expect(unknown.status).toBe(404);
    expect(unknown.json.name).toBe('videoId');
    expect((await client.send('GET', `/videos/${videoId}/source`, {})).status).toBe(405);
    expect(await client.control('GET', `/videos/${videoId}`)).toMatchObject({ receivedParts: [] });
  });

  it('follows the same part rules', async () => {
    const videoId = await newVideo();
    expect((await sendSource(videoId, bytesOf(10), undefined, 'part 1/2')).json.title).toBe('The uploaded file is too small.');
    expect((await sendSource(videoId, bytesOf(10), undefined)).status).toBe(201);
    const again = await sendSource(videoId, bytesOf(10), undefined);
    expect(again.json.title).toBe('The source of the video is already uploaded.');
  });
});
