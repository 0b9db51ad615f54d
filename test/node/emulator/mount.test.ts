// The handler mounts in any Node server; links follow where it is mounted. Parts of one video may arrive at once.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bytesOf, Client, MiB, sha256, startEmulator } from './support.js';
import { createEmulator, type Emulator } from '../../../src/server/emulator/index.js';
import { createServer as createViteServer } from 'vite';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A host server that mounts the emulator under `prefix` the way Connect does: strip it, keep `originalUrl`. */
async function host(emulator: Emulator, prefix: string): Promise<string> {
  const server = createServer((req, res) => {
    if (!req.url?.startsWith(prefix + '/')) {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('host page');
      return;
    }
    Object.assign(req, { originalUrl: req.url });
    req.url = req.url.slice(prefix.length);
    emulator.handler(req, res, (err) => {
      res.writeHead(599);
      res.end(String(err));
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('mounting the handler', () => {
  it('serves under a prefix, with links and assets under that prefix', async () => {
    const emulator = createEmulator();
    const base = await host(emulator, '/api-video');
    const client = new Client(`${base}/api-video`);
    const token = await client.newToken();
    const bytes = bytesOf(2000);
    const video = await client.upload(token, bytes);
    expect(video.status).toBe(201);
    expect(video.json.assets.mp4).toBe(`${base}/api-video/vod/${video.json.videoId}/mp4/source.mp4`);
    const mp4 = await fetch(video.json.assets.mp4);
    expect(Buffer.from(await mp4.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
    const list = await client.api('GET', '/upload-tokens', '/upload-tokens');
    expect(list.json.pagination.links[0].uri).toBe(`${base}/api-video/upload-tokens?currentPage=1&pageSize=25`);
    expect(await (await fetch(`${base}/elsewhere`)).text()).toBe('host page');
    expect((await client.send('GET', '/not-a-route', {})).status).toBe(404);
  });

  it('mounts in Vite’s dev server under a prefix', async () => {
    const emulator = createEmulator();
    const root = mkdtempSync(join(tmpdir(), 'emulator-vite-'));
    const vite = await createViteServer({
      configFile: false,
      root,
      logLevel: 'silent',
      server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false, watch: null },
      plugins: [{ name: 'emulator', configureServer: (server) => void server.middlewares.use('/api-video', emulator.handler) }],
    });
    try {
      await vite.listen();
      const port = (vite.httpServer!.address() as AddressInfo).port;
      const client = new Client(`http://127.0.0.1:${port}/api-video`);
      const bytes = bytesOf(3000);
      const video = await client.upload(await client.newToken(), bytes);
      expect(video.status).toBe(201);
      expect(video.json.assets.mp4).toBe(`http://127.0.0.1:${port}/api-video/vod/${video.json.videoId}/mp4/source.mp4`);
      expect(Buffer.from(await (await fetch(video.json.assets.mp4)).arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
    } finally {
      await vite.close();
      await emulator.close();
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('uses publicUrl for links when given', async () => {
    const emulator = createEmulator({ publicUrl: 'https://videos.example.test/emu/' });
    const base = await host(emulator, '/x');
    const client = new Client(`${base}/x`);
    const video = await client.upload(await client.newToken(), bytesOf(10));
    expect(video.json.assets.hls).toBe(`https://videos.example.test/emu/vod/${video.json.videoId}/hls/manifest.m3u8`);
  });
});

describe('parts arriving at once', () => {
  let emulator: Emulator;
  let client: Client;
  beforeAll(async () => {
    ({ emulator, client } = await startEmulator());
  });
  afterAll(() => emulator.close());

  it('joins a video whose remaining parts were sent concurrently', async () => {
    const parts = [bytesOf(5 * MiB), bytesOf(5 * MiB), bytesOf(5 * MiB), bytesOf(777)];
    const token = await client.newToken();
    const videoId = (await client.upload(token, parts[0], { range: 'part 1/4' })).json.videoId;
    const replies = await Promise.all(
      parts.slice(1).map((bytes, i) => client.upload(token, bytes, { range: `part ${i + 2}/4`, videoId })),
    );
    expect(replies.map((r) => r.status)).toEqual([201, 201, 201]);
    const stored = await client.control('GET', `/videos/${videoId}`);
    expect(stored).toMatchObject({ complete: true, receivedParts: [1, 2, 3, 4], sha256: sha256(...parts) });
  });

  it('accepts one of two concurrent copies of the same part and refuses the other', async () => {
    const token = await client.newToken();
    const videoId = (await client.upload(token, bytesOf(5 * MiB), { range: 'part 1/2' })).json.videoId;
    const last = bytesOf(100);
    const replies = await Promise.all([1, 2].map(() => client.upload(token, last, { range: 'part 2/2', videoId })));
    expect(replies.map((r) => r.status).sort()).toEqual([201, 400]);
    expect((await client.control('GET', `/videos/${videoId}`)).complete).toBe(true);
  });
});

describe('the data folder', () => {
  it('is a fresh temporary folder removed on close, unless the caller chose it', async () => {
    const own = createEmulator();
    const ownClient = new Client(await own.listen(0, '127.0.0.1'));
    await ownClient.upload(await ownClient.newToken(), bytesOf(10));
    expect(existsSync(join(own.dataDir, 'videos'))).toBe(true);
    await own.close();
    expect(existsSync(own.dataDir)).toBe(false);

    const chosen = mkdtempSync(join(tmpdir(), 'emulator-chosen-'));
    try {
      const kept = createEmulator({ dataDir: chosen });
      const keptClient = new Client(await kept.listen(0, '127.0.0.1'));
      await keptClient.upload(await keptClient.newToken(), bytesOf(10));
      await kept.close();
      expect(readdirSync(join(chosen, 'videos'))).toHaveLength(1);
    } finally {
      rmSync(chosen, { recursive: true, force: true });
    }
  });
});
