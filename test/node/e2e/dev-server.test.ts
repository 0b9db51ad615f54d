// The dev server's backend routes over real HTTP: bad input gets a clear answer and never takes the server down, and
// with an API key the page is told it talks to api.video, never given the key.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer } from './support.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('npm start', () => {
  it('prints where to open the page and which api.video it talks to, serves the page, and stops on Ctrl-C', { timeout: 60_000 }, async () => {
    const env = { ...process.env };
    delete env.APIVIDEO_API_KEY;
    // Its own process group, as a terminal's foreground job is: Ctrl-C sends SIGINT to the whole group.
    const child = spawn('npm', ['start', '--', '--host', '127.0.0.1', '--port', '0', '--strictPort'], {
      cwd: root,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = once(child, 'exit');
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`npm start printed no address:\n${output}`)), 30_000);
        const look = () => {
          const found = output.replace(/\u001b\[[0-9;]*m/g, '').match(/Local:\s+(http:\/\/127\.0\.0\.1:\d+\/)/);
          if (found) {
            clearTimeout(timer);
            resolve(found[1]!);
          }
        };
        child.stdout.on('data', look);
        child.once('exit', () => reject(new Error(`npm start ended:\n${output}`)));
      });
      expect(output).toContain('api.video: the local api.video emulator');
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<apivideo-uploader id="uploader"');
      expect(await (await fetch(`${url}__dev/config`)).json()).toMatchObject({ target: 'emulator' });

      process.kill(-child.pid!, 'SIGINT');
      await Promise.race([exited, new Promise((_, reject) => setTimeout(() => reject(new Error('npm start kept running after SIGINT.')), 10_000))]);
      await expect(fetch(url)).rejects.toThrow();
    } finally {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
    }
  });
});

describe('the dev server on the emulator', () => {
  let server: DevServer;
  beforeAll(async () => {
    server = await startDevServer();
  }, 60_000);
  afterAll(() => server?.close());

  const json = async (path: string, init?: RequestInit) => {
    const response = await fetch(`${server.url}${path}`, init);
    return { status: response.status, body: await response.json() };
  };
  const post = (path: string, body: string) =>
    json(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });

  it('tells the page it talks to the emulator, mounted on the same origin', async () => {
    expect(await json('/__dev/config')).toEqual({
      status: 200,
      body: { target: 'emulator', apiHost: '/api.video', emulatorPath: '/api.video', maxTtl: 3600 },
    });
    const emulator = await fetch(`${server.url}/api.video/__emulator/config`);
    expect(emulator.status).toBe(200);
  });

  it('hands out tokens through the token endpoint, with the life asked for in ?ttl=', async () => {
    const { status, body } = await post('/api/upload-token?ttl=42', '{"fileName":"a.mp4","fileSize":1,"fileType":"video/mp4"}');
    expect(status).toBe(200);
    expect(body).toMatchObject({ token: expect.stringMatching(/^to/), ttl: 42 });
    expect((await post('/api/upload-token?ttl=soon', '{}')).body).toMatchObject({
      status: 400,
      title: 'ttl must be a whole number of seconds, 0 or more.',
    });
    // Longer than the dev server grants: capped.
    expect((await post('/api/upload-token?ttl=999999', '{}')).body.ttl).toBe(3600);
  });

  it('makes the video with the token and lets the page edit it on the same URL; a renewal asked with ?ttl= keeps its video', async () => {
    const first = await post('/api/upload-token?ttl=600', '{"fileName":"trip.mp4","fileSize":1,"fileType":"video/mp4"}');
    expect(first.body).toMatchObject({ ttl: 600, videoId: expect.stringMatching(/^vi\w+$/), capability: expect.stringMatching(/^v1\./) });
    const { videoId, capability } = first.body as { videoId: string; capability: string };
    // The ttl of the query joins the element's body: the renewal's videoId is kept, no video is made, no capability given.
    const renewal = await post('/api/upload-token?ttl=60', JSON.stringify({ fileName: 'trip.mp4', videoId }));
    expect(renewal.body).toMatchObject({ ttl: 60, videoId });
    expect(renewal.body).not.toHaveProperty('capability');
    const edit = { videoId, capability, video: { title: 'Named on the dev page' }, thumbnailTimecode: '00:00:01.00' };
    const edited = await json('/api/upload-token?ttl=600', { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(edit) });
    expect(edited).toEqual({ status: 200, body: { videoId, video: { title: 'Named on the dev page', description: '', tags: [] }, thumbnailTimecode: '00:00:01.00' } });
    const videos = (await (await fetch(`${server.emulatorUrl}/__emulator/videos`)).json()) as { videoId: string; title: string; thumbnailTimecode: string }[];
    expect(videos.map(({ videoId, title, thumbnailTimecode }) => ({ videoId, title, thumbnailTimecode }))).toContainEqual({
      videoId,
      title: 'Named on the dev page',
      thumbnailTimecode: '00:00:01.00',
    });
    expect(videos.filter((video) => video.videoId === videoId)).toHaveLength(1);
  });

  it('answers bad token manager requests in words, and keeps serving', async () => {
    const cases: [string, RequestInit | undefined, number, string][] = [
      ['/__dev/tokens?sortBy=size', undefined, 400, 'sortBy must be createdAt or ttl.'],
      ['/__dev/tokens?pageSize=0', undefined, 400, 'pageSize must be a whole number from 1 to 100.'],
      ['/__dev/tokens?currentPage=first', undefined, 400, 'currentPage must be a whole number from 1 to 1000000.'],
      ['/__dev/tokens', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"ttl":' }, 400, 'The request body is not valid JSON.'],
      ['/__dev/tokens', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"ttl":-5}' }, 400, 'ttl must be a whole number of seconds from 0 to 2147483647.'],
      ['/__dev/tokens/not-a-token', undefined, 400, 'That is not an upload token.'],
      ['/__dev/tokens/to%E0%A4%A', undefined, 400, 'That is not an upload token.'],
      ['/__dev/tokens/to0000000000000000000000', undefined, 404, 'There is no such token (it may have expired or been deleted).'],
      ['/__dev/tokens/to0000000000000000000000', { method: 'DELETE' }, 404, 'There is no such token (it may have expired or been deleted).'],
      ['/__dev/tokens', { method: 'PUT' }, 405, 'PUT is not allowed here.'],
    ];
    for (const [path, init, status, title] of cases) {
      const answer = await json(path, init);
      expect({ path, status: answer.status, title: answer.body.title }).toEqual({ path, status, title });
    }
    const created = await post('/__dev/tokens', '{"ttl":60}');
    expect(created).toMatchObject({ status: 200, body: { ttl: 60 } });
    const shown = await json(`/__dev/tokens/${created.body.token}`);
    expect(shown.body).toEqual(created.body);
    expect((await fetch(`${server.url}/__dev/tokens/${created.body.token}`, { method: 'DELETE' })).status).toBe(204);
  });
});

describe('the dev server with APIVIDEO_API_KEY', () => {
  let server: DevServer;
  const key = 'a-sandbox-key-that-must-stay-on-the-server';
  beforeAll(async () => {
    process.env.APIVIDEO_API_KEY = key;
    delete process.env.APIVIDEO_ENV;
    try {
      server = await startDevServer();
    } finally {
      delete process.env.APIVIDEO_API_KEY;
    }
  }, 60_000);
  afterAll(() => server?.close());

  it('tells the page it talks to the api.video sandbox, without the key, and mounts no emulator', async () => {
    const response = await fetch(`${server.url}/__dev/config`);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ target: 'sandbox', apiHost: 'sandbox.api.video', maxTtl: 3600 });
    expect(text).not.toContain(key);
    const emulator = await fetch(`${server.url}/api.video/__emulator/config`);
    expect(emulator.headers.get('content-type') ?? '').not.toContain('application/json');
  });
});
