import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bytesOf, eventually, MiB, rawRequest, sha256, startEmulator, type Client } from './support.js';
import type { Emulator } from '../../../src/server/emulator/index.js';

let clock = Date.UTC(2026, 0, 15, 10, 0, 0);
let emulator: Emulator;
let client: Client;

const dataDir = mkdtempSync(join(tmpdir(), 'emulator-upload-test-'));

beforeAll(async () => {
  ({ emulator, client } = await startEmulator({ now: () => clock, dataDir }));
});
afterAll(async () => {
  await emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
});
// Refused, faulted and cut-off requests must leave no bytes behind.
afterEach(async () => {
  const incoming = () => {
    try {
      return readdirSync(join(dataDir, 'incoming'));
    } catch {
      return [];
    }
  };
  await eventually(async () => incoming().length === 0, `no stray files in incoming/ (found ${incoming().join(', ')})`);
});
beforeEach(async () => {
  await client.control('POST', '/reset');
});

const part1 = bytesOf(5 * MiB);
const part2 = bytesOf(5 * MiB);
const part3 = bytesOf(1 * MiB + 123);

describe('POST /upload in parts', () => {
  it('stores a 3-part upload whose sha256 is the source’s, answering 201 with the Video for every part', async () => {
    const token = await client.newToken(3600);
    const first = await client.upload(token, part1, { range: 'part 1/3', filename: 'holiday.mp4' });
    expect(first.status).toBe(201);
    const videoId = first.json.videoId;
    expect(videoId).toMatch(/^vi[0-9A-Za-z]{22}$/);
    expect(first.json.title).toBe('holiday.mp4');
    for (const [bytes, range] of [
      [part2, 'part 2/3'],
      [part3, 'part 3/3'],
    ] as const) {
      const reply = await client.upload(token, bytes, { range, videoId });
      expect(reply.status).toBe(201);
      expect(reply.json.videoId).toBe(videoId);
    }
    const stored = await client.control('GET', `/videos/${videoId}`);
    expect(stored).toMatchObject({
      videoId,
      size: part1.length + part2.length + part3.length,
      sha256: sha256(part1, part2, part3),
      receivedParts: [1, 2, 3],
      totalParts: 3,
      complete: true,
      partTokens: { '1': token, '2': token, '3': token },
    });
  });

  it('joins parts in part order whatever order they arrive in', async () => {
    const token = await client.newToken();
    const first = await client.upload(token, part2, { range: 'part 2/3' });
    const videoId = first.json.videoId;
    expect((await client.upload(token, part3, { range: 'part 3/3', videoId })).status).toBe(201);
    expect((await client.control('GET', `/videos/${videoId}`)).complete).toBe(false);
    expect((await client.upload(token, part1, { range: 'part 1/3', videoId })).status).toBe(201);
    const stored = await client.control('GET', `/videos/${videoId}`);
    expect(stored.sha256).toBe(sha256(part1, part2, part3));
  });

  it('takes `part i/*` until the last part names the total', async () => {
    const token = await client.newToken();
    const videoId = (await client.upload(token, part1, { range: 'part 1/*' })).json.videoId;
    await client.upload(token, part2, { range: 'part 2/*', videoId });
    let status = await client.api('GET', `/videos/${videoId}/status`, '/videos/{videoId}/status');
    expect(status.json.ingest).toMatchObject({ status: 'uploading', receivedParts: { parts: [1, 2], total: null } });
    await client.upload(token, part3, { range: 'part 3/3', videoId });
    status = await client.api('GET', `/videos/${videoId}/status`, '/videos/{videoId}/status');
    expect(status.json.ingest).toMatchObject({ status: 'uploaded', receivedParts: { parts: [1, 2, 3], total: 3 } });
    expect((await client.control('GET', `/videos/${videoId}`)).sha256).toBe(sha256(part1, part2, part3));
  });

  it('takes `bytes a-b/T` ranges', async () => {
    const token = await client.newToken();
    const total = part1.length + part3.length;
    const videoId = (await client.upload(token, part1, { range: `bytes 0-${part1.length - 1}/${total}` })).json.videoId;
    const last = await client.upload(token, part3, { range: `bytes ${part1.length}-${total - 1}/${total}`, videoId });
    expect(last.status).toBe(201);
    const stored = await client.control('GET', `/videos/${videoId}`);
    expect(stored).toMatchObject({ complete: true, size: total, sha256: sha256(part1, part3) });
    const status = await client.api('GET', `/videos/${videoId}/status`, '/videos/{videoId}/status');
    expect(status.json.ingest.receivedBytes).toEqual([
      { from: 0, to: part1.length - 1, total },
      { from: part1.length, to: total - 1, total },
    ]);
  });

  it('takes a single-request upload without Content-Range, under any file field name', async () => {
    const token = await client.newToken();
    const small = bytesOf(1000);
    const reply = await client.upload(token, small, { field: 'video.mp4', filename: 'video.mp4' });
    expect(reply.status).toBe(201);
    const stored = await client.control('GET', `/videos/${reply.json.videoId}`);
    expect(stored).toMatchObject({ complete: true, size: 1000, sha256: sha256(small), receivedParts: [1], totalParts: 1 });
  });

  it('creates a new video for every request without videoId', async () => {
    const token = await client.newToken();
    const a = await client.upload(token, bytesOf(10));
    const b = await client.upload(token, bytesOf(10));
    expect(a.json.videoId).not.toBe(b.json.videoId);
  });
});

describe('POST /upload titles', () => {
  it('titles the video with the whole file name, slashes and markup included', async () => {
    const token = await client.newToken(3600);
    const reply = await client.upload(token, part3, { filename: 'clip <b>x</b> 1/2.mp4' });
    expect(reply.status).toBe(201);
    expect(reply.json.title).toBe('clip <b>x</b> 1/2.mp4');
  });
});

describe('POST /upload tokens', () => {
  it('answers 401 without a token, with an unknown one, or a deleted one', async () => {
    const missing = await client.upload(null, bytesOf(10));
    expect(missing.status).toBe(401);
    expect(missing.json.title).toBe('The upload token is missing.');
    const unknown = await client.upload('toUnknownUnknownUnknown00', bytesOf(10));
    expect(unknown.status).toBe(401);
    expect(unknown.json.title).toBe('The upload token is invalid or expired.');
    const token = await client.newToken();
    await client.api('DELETE', `/upload-tokens/${token}`, '/upload-tokens/{uploadToken}');
    expect((await client.upload(token, bytesOf(10))).status).toBe(401);
  });

  it('refuses an expired token for a new upload but lets it finish one it began (lenient default)', async () => {
    const token = await client.newToken(60);
    const videoId = (await client.upload(token, part1, { range: 'part 1/2' })).json.videoId;
    clock += 61_000;
    const fresh = await client.upload(token, bytesOf(10));
    expect(fresh.status).toBe(401);
    expect(fresh.json.type).toBe('https://docs.api.video/reference/authentication-invalid-upload-token');
    const finish = await client.upload(token, part3, { range: 'part 2/2', videoId });
    expect(finish.status).toBe(201);
    expect((await client.control('GET', `/videos/${videoId}`)).complete).toBe(true);
  });

  it('with strict expiry refuses every request made with an expired token', async () => {
    const token = await client.newToken(60);
    const videoId = (await client.upload(token, part1, { range: 'part 1/2' })).json.videoId;
    await client.control('POST', '/config', { strictTokenExpiry: true });
    clock += 61_000;
    const refused = await client.upload(token, part3, { range: 'part 2/2', videoId });
    expect(refused.status).toBe(401);
    expect(refused.json.title).toBe('The upload token is invalid or expired.');
    await client.control('POST', '/config', { strictTokenExpiry: false });
  });

  it('lets any valid token continue a video, and records which token carried each part', async () => {
    const first = await client.newToken(60);
    const second = await client.newToken(3600);
    const videoId = (await client.upload(first, part1, { range: 'part 1/2' })).json.videoId;
    clock += 61_000;
    await client.control('POST', '/config', { strictTokenExpiry: true });
    expect((await client.upload(second, part3, { range: 'part 2/2', videoId })).status).toBe(201);
    await client.control('POST', '/config', { strictTokenExpiry: false });
    expect((await client.control('GET', `/videos/${videoId}`)).partTokens).toEqual({ '1': first, '2': second });
  });

  it('answers 404 naming videoId for a video that does not exist', async () => {
    const token = await client.newToken();
    for (const videoId of ['viAAAAAAAAAAAAAAAAAAAAAA', '../../etc/passwd', 'x'.repeat(3000)]) {
      const reply = await client.upload(token, bytesOf(10), { range: 'part 1/1', videoId });
      expect(reply.status).toBe(404);
      expect(reply.json).toMatchObject({ title: 'The requested resource could not be found.', name: 'videoId' });
    }
  });
});

describe('POST /upload part rules', () => {
  let token: string;
  beforeEach(async () => {
    token = await client.newToken();
  });

  async function started(range = 'part 1/3'): Promise<string> {
    return (await client.upload(token, part1, { range })).json.videoId;
  }

  it.each([
    ['part 1', 'malformed'],
    ['parts 1/2', 'malformed'],
    ['part -1/2', 'malformed'],
    ['part a/b', 'malformed'],
    ['bytes 0-/10', 'malformed'],
    ['part 99999999999999999999/3', 'malformed'],
    ['bytes 10-5/20', 'malformed'],
    ['bytes 0-20/20', 'malformed'],
    ['part 0/3', 'must be greater than 0'],
    ['part 1/0', 'must be greater than 0'],
    ['part 4/3', 'higher than the maximum'],
    ['part 10001/*', 'higher than the maximum'],
  ])('refuses Content-Range %j (%s)', async (range, words) => {
    const reply = await client.upload(token, bytesOf(10), { range });
    expect(reply.status).toBe(400);
    expect(reply.json.title).toContain(words);
  });

  it('refuses a part already sent', async () => {
    const videoId = await started();
    const reply = await client.upload(token, part1, { range: 'part 1/3', videoId });
    expect(reply.status).toBe(400);
    expect(reply.json).toMatchObject({
      type: 'https://docs.api.video/reference/video-content-range-by-part-part-already-sent',
      detail: 'The part number 1 has already been sent.',
    });
  });

  it('refuses a different total and a total below a part already sent', async () => {
    const videoId = await started();
    const different = await client.upload(token, part2, { range: 'part 2/4', videoId });
    expect(different.status).toBe(400);
    expect(different.json.title).toContain('must be the same');
    const other = (await client.upload(token, part1, { range: 'part 3/*' })).json.videoId;
    const tooLow = await client.upload(token, part2, { range: 'part 2/2', videoId: other });
    expect(tooLow.status).toBe(400);
    expect(tooLow.json.title).toContain('lower than or equal to a part number');
  });

  it('refuses a part under 5 MiB unless it is the last', async () => {
    const reply = await client.upload(token, bytesOf(5 * MiB - 1), { range: 'part 1/2' });
    expect(reply.status).toBe(400);
    expect(reply.json.title).toBe('The uploaded file is too small.');
    expect((await client.upload(token, bytesOf(5 * MiB - 1), { range: 'part 1/*' })).status).toBe(400);
    expect((await client.upload(token, bytesOf(100), { range: 'part 1/1' })).status).toBe(201);
  });

  it('refuses mixing part and bytes on one video', async () => {
    const byPart = await started();
    const mixed = await client.upload(token, part2, { range: `bytes ${part1.length}-${2 * part1.length - 1}/*`, videoId: byPart });
    expect(mixed.status).toBe(400);
    expect(mixed.json.type).toContain('started-with-part');
    const byBytes = await started(`bytes 0-${part1.length - 1}/*`);
    const mixed2 = await client.upload(token, part2, { range: 'part 2/3', videoId: byBytes });
    expect(mixed2.status).toBe(400);
    expect(mixed2.json.type).toContain('started-with-bytes');
  });

  it('refuses a bytes range that does not match the file or overlaps', async () => {
    expect((await client.upload(token, bytesOf(10), { range: 'bytes 0-19/100' })).status).toBe(400);
    const videoId = (await client.upload(token, bytesOf(20), { range: 'bytes 0-19/100' })).json.videoId;
    const overlap = await client.upload(token, bytesOf(20), { range: 'bytes 10-29/100', videoId });
    expect(overlap.status).toBe(400);
  });

  it('refuses anything once the source is complete', async () => {
    const videoId = (await client.upload(token, bytesOf(10), { range: 'part 1/1' })).json.videoId;
    const again = await client.upload(token, bytesOf(10), { range: 'part 2/2', videoId });
    expect(again.status).toBe(400);
    expect(again.json.title).toBe('The source of the video is already uploaded.');
  });

  it('refuses no file, two files and an empty file', async () => {
    const noFile = new FormData();
    noFile.append('videoId', '');
    let reply = await client.api('POST', `/upload?token=${token}`, '/upload', { body: noFile, auth: null });
    expect(reply.status).toBe(400);
    expect(reply.json.title).toBe('There is no uploaded file in the request.');

    const two = new FormData();
    two.append('file', new Blob([bytesOf(10)]), 'a.mp4');
    two.append('file2', new Blob([bytesOf(10)]), 'b.mp4');
    reply = await client.api('POST', `/upload?token=${token}`, '/upload', { body: two, auth: null });
    expect(reply.status).toBe(400);
    expect(reply.json.title).toBe('There is more than one uploaded file in the request.');

    reply = await client.upload(token, new Uint8Array(0));
    expect(reply.status).toBe(400);
    expect(reply.json.title).toBe('The uploaded file is empty.');
    expect(await client.control('GET', '/videos')).toEqual([]);
  });

  it('refuses a single-request upload over the size limit', async () => {
    await client.control('POST', '/config', { maxSingleShotBytes: 1000 });
    try {
      const reply = await client.upload(token, bytesOf(1001));
      expect(reply.status).toBe(400);
      expect(reply.json.title).toBe('The uploaded file is too large.');
      expect((await client.upload(token, bytesOf(1000))).status).toBe(201);
    } finally {
      await client.control('POST', '/config', { maxSingleShotBytes: 200 * MiB });
    }
  });

  it('refuses a body that is not multipart', async () => {
    const reply = await client.api('POST', `/upload?token=${token}`, '/upload', { body: { file: 'x' }, auth: null });
    expect(reply.status).toBe(400);
  });
});

describe('POST /upload with a body cut off', () => {
  const boundary = '----emulatortest';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="cut.mp4"\r\nContent-Type: video/mp4\r\n\r\n`;

  it('records no part when the connection drops half-way through the body', async () => {
    const token = await client.newToken();
    const half = Buffer.from(bytesOf(256 * 1024));
    const outcome = await rawRequest(client.url, {
      method: 'POST',
      path: `/upload?token=${token}`,
      headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Range': 'part 1/1', 'Content-Length': 2 * 1024 * 1024 },
      chunks: [head, half],
      abortAfterChunks: true,
    });
    expect(outcome).toBe('aborted');
    // The server learns of the drop asynchronously; poll its log (bounded) until it has handled the request.
    let log: { status: number; bytes: number }[] = [];
    await eventually(async () => {
      log = await client.control('GET', '/requests');
      return log.length === 1 && log[0].bytes > 0;
    }, 'the cut-off request in the log', 15_000);
    expect(log[0].status).toBe(0);
    expect(await client.control('GET', '/videos')).toEqual([]);
    // The emulator is still fine afterwards.
    expect((await client.upload(token, bytesOf(10), { range: 'part 1/1' })).status).toBe(201);
  });

  it('records nothing and keeps no bytes when the client leaves during an injected delay', async () => {
    const token = await client.newToken();
    await client.control('POST', '/faults', { delayMs: 300 });
    const outcome = await rawRequest(client.url, {
      method: 'POST',
      path: `/upload?token=${token}`,
      headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Range': 'part 1/1', 'Content-Length': 1024 * 1024 },
      chunks: [head, Buffer.from(bytesOf(1000))],
      abortAfterChunks: true,
    });
    expect(outcome).toBe('aborted');
    await new Promise((r) => setTimeout(r, 400));
    expect((await client.upload(token, bytesOf(10), { range: 'part 1/1' })).status).toBe(201);
    const log = await client.control('GET', '/requests');
    expect(log.map((r: { status: number }) => r.status)).toEqual([0, 201]);
    expect(await client.control('GET', '/videos')).toHaveLength(1);
  });

  it('answers 400 and records nothing when the body ends without its closing boundary', async () => {
    const token = await client.newToken();
    const body = Buffer.concat([Buffer.from(head), Buffer.from(bytesOf(1000))]);
    const reply = await rawRequest(client.url, {
      method: 'POST',
      path: `/upload?token=${token}`,
      headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': body.length },
      chunks: [body],
    });
    if (reply === 'aborted') throw new Error('unexpected abort');
    expect(reply.status).toBe(400);
    expect(reply.headers['access-control-allow-origin']).toBe('*');
    expect(await client.control('GET', '/videos')).toEqual([]);
  });
});
