// The token handler under abuse and failure: a silent api.video, a body that trickles in, an api.video answer that is
// not a token, an API key in every spelling, and proxy headers a client wrote itself.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createUploadTokenFetchHandler } from '../../src/server/index.js';
import { emulatorTokens, rawRequest, serve } from './token-handler.support.js';
import { closers, emulatorUrl, logged, mount, useEmulator } from './token-handler.setup.js';

useEmulator();

/**
 * A stand-in for api.video that answers as `answer` says, and counts the connections that carry a request it has
 * not answered (`open`). An idle connection a client opens ahead of need is no request held, and is not counted.
 */
async function fakeApiVideo(answer: (req: IncomingMessage, res: ServerResponse, body: string) => void) {
  const open = new Set<Socket>();
  const requests: { path: string; authorization?: string }[] = [];
  const { url, close } = await serve((req, res) => {
    open.add(req.socket);
    req.socket.once('close', () => open.delete(req.socket));
    res.once('finish', () => open.delete(req.socket));
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      requests.push({ path: req.url ?? '', authorization: req.headers.authorization });
      answer(req, res, body);
    });
  });
  closers.push(close);
  return { url, open, requests };
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
};

async function until(check: () => boolean, ms = 3000): Promise<boolean> {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 20));
  return check();
}

describe('a call to api.video that outlives upstreamTimeoutMs', () => {
  it('is aborted on the wire, not only answered 504: no connection to api.video is left open', async () => {
    const silent = await fakeApiVideo(() => {});
    const url = await mount({ baseUri: silent.url, upstreamTimeoutMs: 200, rateLimit: false });
    const answers = await Promise.all(Array.from({ length: 20 }, () => rawRequest(url)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(504));
    // The requests did reach it (the body was read), and were then given up on.
    expect(silent.requests.length).toBe(20);
    expect(await until(() => silent.open.size === 0)).toBe(true);
    expect(logged.some((line) => line.includes('the call was aborted'))).toBe(true);
  });

  it('is aborted in the fetch handler too', async () => {
    const silent = await fakeApiVideo(() => {});
    const handler = createUploadTokenFetchHandler({ apiKey: 'key-0000', baseUri: silent.url, upstreamTimeoutMs: 200, logger: false });
    const answer = await handler(new Request('http://site.example/api/upload-token', { method: 'POST' }));
    expect(answer.status).toBe(504);
    expect(silent.requests).toHaveLength(1);
    expect(await until(() => silent.open.size === 0)).toBe(true);
  });
});

describe('a request body that trickles in', () => {
  it('is cut after bodyTimeoutMs with 408, and holds none of its client\'s rate-limit budget while it waits', async () => {
    const url = await mount({ bodyTimeoutMs: 400, rateLimit: 2 });
    const { port } = new URL(url);
    const trickled = new Promise<string>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 40\r\n\r\n{');
        const drip = setInterval(() => socket.write(' '), 50);
        socket.on('close', () => clearInterval(drip));
      });
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk));
      socket.on('close', () => resolve(answer));
      socket.on('error', () => {});
    });
    // While the slow body drips, the same client's other requests are served: it holds no part of the budget.
    expect((await rawRequest(url)).status).toBe(200);
    const answer = await trickled;
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(answer).toMatch(/connection: close/i);
    expect(answer).toContain('The request body took too long to arrive.');
    // The cut request did not count either: one more is allowed, then the limit.
    expect((await rawRequest(url)).status).toBe(200);
    expect((await rawRequest(url)).status).toBe(429);
    expect(await emulatorTokens(emulatorUrl)).toHaveLength(2);
  });
});

describe('an answer from api.video that is not a token', () => {
  it('is a 502 that says so, never a token "[object Object]"', async () => {
    const answers: [number, string, unknown][] = [
      [200, 'application/json', { token: { value: 'to1' }, ttl: 60, createdAt: '2026-01-01T00:00:00+00:00' }],
      [200, 'application/json', { token: 'to1tcmSFHeYY5KzyhOqVKMKb', ttl: '60', createdAt: '2026-01-01T00:00:00+00:00' }],
      [200, 'application/json', ['to1tcmSFHeYY5KzyhOqVKMKb']],
      [200, 'text/html', '<html>maintenance</html>'],
      // Dates that cannot be read: never passed on as a token with "createdAt": "" or without its expiry, and quoted.
      [200, 'application/json', { token: 'to1tcmSFHeYY5KzyhOqVKMKb', ttl: 60, createdAt: 'yesterday', expiresAt: '2026-01-01T00:01:00+00:00' }],
      [200, 'application/json', { token: 'to1tcmSFHeYY5KzyhOqVKMKb', ttl: 60, expiresAt: '2026-01-01T00:01:00+00:00' }],
      [200, 'application/json', { token: 'to1tcmSFHeYY5KzyhOqVKMKb', ttl: 60, createdAt: '2026-01-01T00:00:00+00:00', expiresAt: 'soon' }],
    ];
    let next = 0;
    const odd = await fakeApiVideo((_req, res) => {
      const [status, type, body] = answers[next++]!;
      res.writeHead(status, { 'Content-Type': type });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    });
    const url = await mount({ baseUri: odd.url, rateLimit: false });
    const details: string[] = [];
    for (const [, type, body] of answers) {
      const response = await rawRequest(url);
      details.push(response.json.detail);
      expect(response.status, JSON.stringify(body)).toBe(502);
      expect(response.json.title).toBe('api.video answered with something this server cannot use.');
      expect(response.text).not.toContain('[object Object]');
      expect(response.json.detail, type).toMatch(/^Asked to create an upload token, api\.video answered/);
    }
    expect(details.slice(-3)).toEqual([
      'Asked to create an upload token, api.video answered an upload token whose "createdAt" is not a date ("yesterday").',
      'Asked to create an upload token, api.video answered an upload token without "createdAt".',
      'Asked to create an upload token, api.video answered an upload token whose "expiresAt" is not a date ("soon").',
    ]);
  });

  it('with createVideo, a video answer without a videoId is a 502 as well', async () => {
    const odd = await fakeApiVideo((req, res) =>
      req.url === '/upload-tokens'
        ? json(res, 200, { token: 'to1tcmSFHeYY5KzyhOqVKMKb', ttl: 60, createdAt: '2026-01-01T00:00:00+00:00' })
        : json(res, 201, { title: 'no id' }),
    );
    const url = await mount({ baseUri: odd.url, createVideo: true });
    const response = await rawRequest(url);
    expect(response.status).toBe(502);
    expect(response.json.detail).toMatch(/create the video.*videoId/);
  });
});

describe('an answer from api.video of any size', () => {
  const MiB = 1024 * 1024;

  /** A valid token answer padded to `size` bytes, streamed as the reader takes it; counts what went out before the reader left. */
  async function hugeApiVideo(size: number, declareLength: boolean) {
    const sent = { bytes: 0, closed: false };
    const upstream = await fakeApiVideo((_req, res) => {
      const head = Buffer.from('{"token":"to1tcmSFHeYY5KzyhOqVKMKb","ttl":60,"createdAt":"2026-01-01T00:00:00+00:00","padding":"');
      const tail = Buffer.from('"}');
      const chunk = Buffer.alloc(64 * 1024, 'a');
      res.writeHead(200, { 'Content-Type': 'application/json', ...(declareLength ? { 'Content-Length': String(size) } : {}) });
      res.on('close', () => (sent.closed = true));
      res.write(head);
      sent.bytes = head.length;
      const pump = () => {
        while (!sent.closed && sent.bytes + tail.length < size) {
          const piece = chunk.subarray(0, Math.min(chunk.length, size - tail.length - sent.bytes));
          sent.bytes += piece.length;
          if (!res.write(piece)) return void res.once('drain', pump);
        }
        if (!sent.closed) res.end(tail);
      };
      pump();
    });
    return { url: upstream.url, sent };
  }

  it('is read up to 1 MiB: past that, a 502 that says so, and the rest is never read', async () => {
    const huge = await hugeApiVideo(64 * MiB, false);
    const url = await mount({ baseUri: huge.url, rateLimit: false });
    const response = await rawRequest(url);
    expect(response.status).toBe(502);
    expect(response.json.title).toBe('api.video answered with something this server cannot use.');
    expect(response.json.detail).toBe('Asked to create an upload token, api.video answered HTTP 200 with more than 1 MiB; an answer to this call is a few hundred bytes.');
    expect(await until(() => huge.sent.closed)).toBe(true);
    // What left api.video before the handler hung up: the cap and what the sockets' buffers held, not the 64 MiB.
    expect(huge.sent.bytes).toBeLessThan(16 * MiB);
    expect(logged.some((line) => line.includes('with more than 1 MiB'))).toBe(true);
  });

  it('declared larger than 1 MiB by its Content-Length, is refused before it is read, in the fetch handler too', async () => {
    const huge = await hugeApiVideo(64 * MiB, true);
    const handler = createUploadTokenFetchHandler({ apiKey: 'key-0000', baseUri: huge.url, logger: false, rateLimit: false });
    const answer = await handler(new Request('http://site.example/api/upload-token', { method: 'POST' }));
    expect(answer.status).toBe(502);
    expect(((await answer.json()) as { detail: string }).detail).toContain('with more than 1 MiB');
    expect(await until(() => huge.sent.closed)).toBe(true);
    expect(huge.sent.bytes).toBeLessThan(16 * MiB);
  });
});

describe('the API key, in every spelling', () => {
  it('is redacted from answers and logs: as it is, JSON-escaped, URL-encoded and as a Basic credential', async () => {
    const key = 'sk_live "quoted"/é+ key';
    const basic = Buffer.from(`${key}:`).toString('base64');
    const spellings = [key, JSON.stringify(key).slice(1, -1), encodeURIComponent(key), encodeURIComponent(key).replace(/%20/g, '+'), basic, basic.replace(/=+$/, '')];
    // An api.video that echoes the credential it got, in every form, in its refusal.
    const echo = await fakeApiVideo((req, res) =>
      json(res, 401, {
        title: `The API key ${key} is invalid.`,
        detail: `Got ${req.headers.authorization} (${encodeURIComponent(key)}, ${encodeURIComponent(key).replace(/%20/g, '+')}, ${basic.replace(/=+$/, '')})`,
      }),
    );
    logged.length = 0;
    const url = await mount({ apiKey: key, baseUri: echo.url });
    const response = await rawRequest(url);
    expect(response.status).toBe(502);
    expect(echo.requests[0]!.authorization).toBe(`Basic ${basic}`);
    const text = response.raw.toString('utf8');
    expect(text).toContain('[redacted]');
    expect(logged.join('\n')).toContain('[redacted]');
    for (const spelling of spellings) {
      expect(text).not.toContain(spelling);
      for (const line of logged) expect(line).not.toContain(spelling);
    }
  });
});

describe('behind a trusted proxy', () => {
  it('reads X-Forwarded-Host and X-Forwarded-For from the same end: the last entry, the one the proxy added', async () => {
    const url = await mount({ trustProxy: true, rateLimit: 1 });
    // The client wrote the first entries; the proxy appended the real host and address.
    const through = (origin: string, clientHost: string, clientAddress: string) =>
      rawRequest(url, {
        headers: { Origin: origin, 'X-Forwarded-Host': `${clientHost}, www.example.com`, 'X-Forwarded-For': `${clientAddress}, 203.0.113.9` },
      });
    // A page on evil.example that claims to be the site is another origin.
    expect((await through('https://evil.example', 'evil.example', '10.0.0.1')).status).toBe(403);
    expect((await through('https://www.example.com', 'evil.example', '10.0.0.2')).status).toBe(200);
    // Same proxy-seen address, whatever the client claimed: one budget.
    expect((await through('https://www.example.com', 'www.example.com', '10.0.0.3')).status).toBe(429);
  });
});
