// createUploadTokenFetchHandler on plain Request objects: what Next.js route handlers, Hono, Deno, Bun and Workers
// hand it. The same core as the Node handler, so the same answers; what differs is how a request is read.
import { describe, expect, it } from 'vitest';
import { createUploadTokenFetchHandler, type UploadTokenFetchHandlerOptions } from '../../src/server/index.js';
import { API_KEY, emulatorTokens } from './token-handler.support.js';
import { emulatorUrl, logged, useEmulator } from './token-handler.setup.js';

useEmulator();

const SITE = 'https://www.example.com';

function handler(options: UploadTokenFetchHandlerOptions = {}) {
  return createUploadTokenFetchHandler({
    apiKey: API_KEY,
    baseUri: emulatorUrl,
    logger: { error: (line: string) => logged.push(line) },
    ...options,
  });
}

function post(body?: BodyInit, headers: Record<string, string> = {}, init: RequestInit = {}): Request {
  return new Request(`${SITE}/api/upload-token`, {
    method: 'POST',
    headers: { Host: 'www.example.com', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
    body,
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
    ...init,
  } as RequestInit);
}

async function emulatorVideos(): Promise<{ videoId: string; title: string }[]> {
  return (await fetch(`${emulatorUrl}/__emulator/videos`)).json() as Promise<{ videoId: string; title: string }[]>;
}

describe('createUploadTokenFetchHandler: tokens', () => {
  it("answers a POST with api.video's UploadToken JSON, for a token api.video holds", async () => {
    const response = await handler()(post(JSON.stringify({ fileName: 'clip.mp4', fileSize: 10, fileType: 'video/mp4' })));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const json = (await response.json()) as { token: string; ttl: number; expiresAt: string };
    expect(json.ttl).toBe(3600);
    expect((await emulatorTokens(emulatorUrl)).map((t) => t.token)).toEqual([json.token]);
    expect(await emulatorVideos()).toEqual([]);
  });

  it('caps the ttl a client asks for at the server ttl, and refuses bad bodies with problem+json', async () => {
    const tokens = handler({ ttl: 600 });
    expect(((await (await tokens(post('{"ttl":60}'))).json()) as { ttl: number }).ttl).toBe(60);
    expect(((await (await tokens(post('{"ttl":86400}'))).json()) as { ttl: number }).ttl).toBe(600);
    const cases: [BodyInit, Record<string, string>, number, RegExp][] = [
      ['{"ttl": 60', {}, 400, /not valid JSON/],
      ['[1]', {}, 400, /JSON object/],
      ['{"ttl":-1}', {}, 400, /ttl must be a whole number/],
      ['ttl=60', { 'Content-Type': 'application/x-www-form-urlencoded' }, 415, /must be JSON/],
      ['x'.repeat(5000), {}, 413, /too large/],
    ];
    for (const [body, headers, status, title] of cases) {
      const response = await tokens(post(body, headers));
      expect(response.status, String(body).slice(0, 20)).toBe(status);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(((await response.json()) as { title: string }).title).toMatch(title);
    }
    expect(await emulatorTokens(emulatorUrl)).toHaveLength(2);
  });

  it('answers other methods with 405, and a preflight from a listed origin with CORS', async () => {
    const tokens = handler({ allowedOrigins: ['https://app.example.net'] });
    const get = await tokens(new Request(`${SITE}/api/upload-token`));
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST, OPTIONS');
    const preflight = await tokens(
      new Request(`${SITE}/api/upload-token`, {
        method: 'OPTIONS',
        headers: { Origin: 'https://app.example.net', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
      }),
    );
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.example.net');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type');
    expect(await preflight.text()).toBe('');
    const foreign = await tokens(post(undefined, { Origin: 'https://evil.example.org' }));
    expect(foreign.status).toBe(403);
    // Its own site, known by the Host header (Next.js gives route handlers a request.url on "localhost").
    const own = await tokens(new Request('http://localhost:3000/api/upload-token', { method: 'POST', headers: { Host: 'www.example.com', Origin: SITE } }));
    expect(own.status).toBe(200);
  });

  it('hands the Request to authorize(), and ignores a second argument that is not request info (Next.js context)', async () => {
    const tokens = handler({ authorize: (request) => request.headers.get('cookie') === 'session=ok' });
    expect((await tokens(post(undefined, { Cookie: 'session=ok' }), { params: Promise.resolve({}) })).status).toBe(200);
    const refused = await tokens(post(undefined, { Cookie: 'session=old' }));
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { title: string }).title).toBe('You must be signed in to upload videos.');
  });

  it('cuts a body that trickles in after bodyTimeoutMs with 408, having asked api.video for nothing', async () => {
    let cancelled = false;
    const trickle = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"ttl":'));
      },
      cancel() {
        cancelled = true;
      },
    });
    const started = Date.now();
    const response = await handler({ bodyTimeoutMs: 200 })(post(trickle));
    expect(response.status).toBe(408);
    expect(response.headers.get('connection')).toBe('close');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(cancelled).toBe(true);
    expect(await emulatorTokens(emulatorUrl)).toHaveLength(0);
  });
});

describe('createUploadTokenFetchHandler: clients and the rate limit', () => {
  it('counts clients by the address a server hands it, by X-Forwarded-For behind a trusted proxy, else as one', async () => {
    const byAddress = handler({ rateLimit: 1 });
    expect((await byAddress(post(), { clientAddress: '203.0.113.1' })).status).toBe(200);
    expect((await byAddress(post(), { clientAddress: '203.0.113.1' })).status).toBe(429);
    expect((await byAddress(post(), { clientAddress: '203.0.113.2' })).status).toBe(200);

    const proxied = handler({ rateLimit: 1, trustProxy: true });
    const from = (chain: string) => proxied(post(undefined, { 'X-Forwarded-For': chain }));
    expect((await from('10.0.0.1, 198.51.100.7')).status).toBe(200);
    // The first entries are the client's to write; the last is the proxy's.
    expect((await from('10.0.0.2, 198.51.100.7')).status).toBe(429);

    logged.length = 0;
    const blind = handler({ rateLimit: 1 });
    expect((await blind(post())).status).toBe(200);
    expect((await blind(post())).status).toBe(429);
    expect(logged.filter((line) => line.includes('cannot tell clients apart'))).toHaveLength(1);
  });
});

describe('createUploadTokenFetchHandler: the video made first', () => {
  it('with createVideo: true makes the video titled after the file, and answers its videoId with the token', async () => {
    const response = await handler({ createVideo: true })(post(JSON.stringify({ fileName: '  vidéo 😀.mp4 ', fileSize: 9 })));
    expect(response.status).toBe(200);
    const json = (await response.json()) as { token: string; ttl: number; expiresAt: string; videoId: string };
    expect(Object.keys(json).sort()).toEqual(['createdAt', 'expiresAt', 'token', 'ttl', 'videoId']);
    expect(json.videoId).toMatch(/^vi\w+$/);
    expect(await emulatorVideos()).toMatchObject([{ videoId: json.videoId, title: 'vidéo 😀.mp4' }]);
  });

  it('sets the fields a function returns (description, tags, metadata, public, player) on the video', async () => {
    const seen: unknown[] = [];
    const tokens = handler({
      createVideo: async (request, body) => {
        seen.push(body, request.headers.get('x-user'));
        return { description: 'From the site', tags: ['user-ann'], metadata: [{ key: 'user', value: 'ann' }], public: false, playerId: 'pl45KFKdlddgk654dspkze' };
      },
    });
    const response = await tokens(post(JSON.stringify({ fileName: 'talk.webm', fileSize: 5 }), { 'X-User': 'ann' }));
    const { videoId } = (await response.json()) as { videoId: string };
    expect(seen).toEqual([{ fileName: 'talk.webm', fileSize: 5 }, 'ann']);
    const video = await (await fetch(`${emulatorUrl}/videos/${videoId}`, { headers: { Authorization: `Basic ${btoa(`${API_KEY}:`)}` } })).json();
    expect(video).toMatchObject({
      title: 'talk.webm',
      description: 'From the site',
      tags: ['user-ann'],
      metadata: [{ key: 'user', value: 'ann' }],
      public: false,
      playerId: 'pl45KFKdlddgk654dspkze',
    });
  });

  it('answers 500 and makes nothing when the function throws or returns a field api.video does not take', async () => {
    logged.length = 0;
    const throwing = handler({
      createVideo: () => {
        throw new Error('profile service down');
      },
    });
    const broken = await throwing(post('{}'));
    expect(broken.status).toBe(500);
    expect(await broken.text()).not.toContain('profile service down');
    const typo = await handler({ createVideo: () => ({ tag: ['x'] }) as never })(post('{}'));
    expect(typo.status).toBe(500);
    expect(logged.join('\n')).toContain('profile service down');
    expect(logged.join('\n')).toContain('"tag"');
    expect(await emulatorVideos()).toEqual([]);
  });

  it('makes no new video for a token asked with the videoId an upload already goes into (a renewal, a resume)', async () => {
    const asked: unknown[] = [];
    const tokens = handler({ createVideo: (_request, body) => (asked.push(body), {}) });
    const first = (await (await tokens(post(JSON.stringify({ fileName: 'long.mp4', fileSize: 9 })))).json()) as { videoId: string; token: string };
    expect(await emulatorVideos()).toHaveLength(1);
    const renewals = [];
    for (let i = 0; i < 3; i++) {
      const response = await tokens(post(JSON.stringify({ fileName: 'long.mp4', fileSize: 9, videoId: first.videoId })));
      expect(response.status).toBe(200);
      renewals.push((await response.json()) as { videoId: string; token: string });
    }
    // A fresh token each time, into the same video; api.video holds the one video still, and the site's function ran once.
    expect(renewals.map((r) => r.videoId)).toEqual([first.videoId, first.videoId, first.videoId]);
    expect(new Set([first.token, ...renewals.map((r) => r.token)]).size).toBe(4);
    expect((await emulatorVideos()).map((v) => v.videoId)).toEqual([first.videoId]);
    expect(asked).toHaveLength(1);
    // A POST without a body still gets a video of its own.
    const bare = (await (await tokens(post())).json()) as { videoId: string };
    expect(bare.videoId).not.toBe(first.videoId);
    expect(await emulatorVideos()).toHaveLength(2);
  });

  it('answers 400, and makes neither token nor video, to a videoId that is not a video id', async () => {
    const tokens = handler({ createVideo: true });
    for (const videoId of [42, '', 'x', 'vi', 'to1tcmSFHeYY5KzyhOqVKMKb', 'vi../../etc', `vi${'a'.repeat(63)}`, { id: 'vi1' }, ['vi1']]) {
      const response = await tokens(post(JSON.stringify({ videoId })));
      expect(response.status, JSON.stringify(videoId)).toBe(400);
      const problem = (await response.json()) as { title: string; detail: string };
      expect(problem.title).toBe('videoId must be an api.video video id.');
      expect(problem.detail).toContain(`Got ${JSON.stringify(videoId)}`);
    }
    expect(await emulatorVideos()).toEqual([]);
    expect(await emulatorTokens(emulatorUrl)).toEqual([]);
  });

  it('refuses createVideo that is neither true nor a function, at start-up', () => {
    expect(() => handler({ createVideo: 'yes' as never })).toThrow(/createVideo must be a function/);
  });
});
