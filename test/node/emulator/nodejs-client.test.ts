// The official Node client is what real backends use; pointed at the emulator with `baseUri`, the guide's four
// upload-token operations must work unchanged, and its errors must come through as ApiVideoError.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ApiVideoClient from '@api.video/nodejs-client';
import ApiVideoError from '@api.video/nodejs-client/lib/ApiVideoError';
import { API_KEY, bytesOf, sha256, startEmulator, type Client } from './support.js';
import type { Emulator } from '../../../src/server/emulator/index.js';

let emulator: Emulator;
let client: Client;
let sdk: ApiVideoClient;

beforeAll(async () => {
  ({ emulator, client } = await startEmulator());
  sdk = new ApiVideoClient({ apiKey: API_KEY, baseUri: client.url });
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await client.control('POST', '/reset');
});

describe('@api.video/nodejs-client against the emulator', () => {
  it('creates (ttl), lists (sortBy, sortOrder, currentPage, pageSize), gets and deletes upload tokens', async () => {
    const created = await sdk.uploadTokens.createToken({ ttl: 3600 });
    expect(created.token).toMatch(/^to[0-9A-Za-z]{22}$/);
    expect(created.ttl).toBe(3600);
    expect(created.createdAt).toBeInstanceOf(Date);
    expect(created.expiresAt!.getTime() - created.createdAt!.getTime()).toBe(3600_000);
    const forever = await sdk.uploadTokens.createToken({});
    expect(forever.ttl).toBe(0);

    const listed = await sdk.uploadTokens.list({ sortBy: 'ttl', sortOrder: 'desc', currentPage: 1, pageSize: 1 });
    expect(listed.data.map((t) => t.token)).toEqual([created.token]);
    expect(listed.pagination.itemsTotal).toBe(2);
    expect(listed.pagination.pagesTotal).toBe(2);
    const second = await sdk.uploadTokens.list({ sortBy: 'ttl', sortOrder: 'desc', currentPage: 2, pageSize: 1 });
    expect(second.data.map((t) => t.token)).toEqual([forever.token]);

    const got = await sdk.uploadTokens.getToken(created.token!);
    expect(got.token).toBe(created.token);
    expect(got.ttl).toBe(3600);

    await sdk.uploadTokens.deleteToken(created.token!);
    const after = await sdk.uploadTokens.list({});
    expect(after.data.map((t) => t.token)).toEqual([forever.token]);
  });

  it('surfaces errors as ApiVideoError with the right status', async () => {
    const wrongKey = new ApiVideoClient({ apiKey: 'wrong-key', baseUri: client.url });
    const unauthorized = await wrongKey.uploadTokens.list({}).catch((e: unknown) => e);
    expect(unauthorized).toBeInstanceOf(ApiVideoError);
    expect((unauthorized as unknown as { code: number }).code).toBe(401);

    const missing = await sdk.uploadTokens.getToken('toAAAAAAAAAAAAAAAAAAAAAA').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ApiVideoError);
    expect((missing as unknown as { code: number }).code).toBe(404);

    const badTtl = await sdk.uploadTokens.createToken({ ttl: -1 }).catch((e: unknown) => e);
    expect(badTtl).toBeInstanceOf(ApiVideoError);
    expect((badTtl as unknown as { code: number }).code).toBe(400);
  });

  it('updates a video and picks its thumbnail (videos.update, videos.pickThumbnail)', async () => {
    const video = await sdk.videos.create({ title: 'Draft', tags: ['draft'] });
    const updated = await sdk.videos.update(video.videoId, { title: 'Final', metadata: [{ key: 'author', value: 'Ann' }] });
    expect(updated).toMatchObject({ videoId: video.videoId, title: 'Final', tags: ['draft'], metadata: [{ key: 'author', value: 'Ann' }] });
    expect((await sdk.videos.get(video.videoId)).title).toBe('Final');
    const picked = await sdk.videos.pickThumbnail(video.videoId, { timecode: '00:00:05.00' });
    expect(picked.videoId).toBe(video.videoId);
    expect((await client.control('GET', `/videos/${video.videoId}`)).thumbnailTimecode).toBe('00:00:05.00');
    const bad = await sdk.videos.pickThumbnail(video.videoId, { timecode: 'soon' }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ApiVideoError);
    expect((bad as unknown as { code: number }).code).toBe(400);
  });

  it('uploads a file with an upload token and reads the video back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emulator-sdk-'));
    try {
      const bytes = bytesOf(4096);
      const file = join(dir, 'from-sdk.mp4');
      writeFileSync(file, bytes);
      const token = await sdk.uploadTokens.createToken({ ttl: 60 });
      const video = await sdk.videos.uploadWithUploadToken(token.token!, file);
      expect(video.videoId).toMatch(/^vi/);
      expect((await client.control('GET', `/videos/${video.videoId}`)).sha256).toBe(sha256(bytes));
      const fetched = await sdk.videos.get(video.videoId);
      expect(fetched.title).toBe('from-sdk.mp4');
      const status = await sdk.videos.getStatus(video.videoId);
      expect(status.ingest?.status).toBe('uploaded');
      await sdk.videos.delete(video.videoId);
      expect((await client.send('GET', `/__emulator/videos/${video.videoId}`, { auth: null })).status).toBe(404);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
