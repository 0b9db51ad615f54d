// web-test-runner plugin: a site's token endpoint, on the test page's own origin, that tests can make misbehave.
// It gets real tokens from an emulator and answers api.video's UploadToken JSON as a site backend would.
//
//   POST /test-token            the endpoint itself (answers according to the mode)
//   POST /test-token/mode       {mode, status?, ttl?, times?, body?}; `times` answers in that mode, then back to 'ok'
//   GET  /test-token/count      {count, requests: [{method, body, headers, token?}]}
//   POST /test-token/reset      mode 'ok', count 0
//   POST /test-token/lanes      {lane, emulatorUrl}: a private emulator and endpoint state for one test file
//   DELETE /test-token/lanes/ID closes it
//   * /test-token/handler       this package's token handler, making the video first and signing the page's permission
//                               to edit it (`metadata`); POST /test-token/handler/restart: a new instance of it, with
//                               the same secret ({secret} for another), as a backend restarted or scaled out
//   POST /test-token/refusing   {url}: a new token handler of this package on another origin (a port of its own),
//                               refusing the test page's origin; GET /test-token/refusing/log: the lines it logged
// Every route takes `?lane=ID`; without it, the shared emulator of browser-env.ts is used. Test files run two at a
// time against one server, and emulator faults, clock and config are global: a file that injects them uses a lane.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Plugin } from '@web/dev-server-core';
import { DEFAULT_API_KEY, createEmulator, type Emulator } from '../../src/server/emulator/index.js';
import { createUploadTokenHandler } from '../../src/server/token-handler/index.js';
import { browserEnv } from './browser-env.js';

export type TokenEndpointMode = 'ok' | 'plain-text' | 'status' | 'html' | 'no-token' | 'timeout' | 'network-error';
const MODES: readonly TokenEndpointMode[] = ['ok', 'plain-text', 'status', 'html', 'no-token', 'timeout', 'network-error'];

interface Behaviour {
  mode: TokenEndpointMode;
  status: number;
  ttl: number;
  times: number | undefined;
  body: string | undefined;
}

interface Lane {
  emulator?: Emulator;
  /** The package's own token handler for this lane, made on first use. */
  handler?: { handle: (req: IncomingMessage, res: ServerResponse) => void; secret: string };
  emulatorUrl?: string;
  behaviour: Behaviour;
  count: number;
  /** Each request received, with the token it was answered (when one was). */
  requests: { method: string; body: unknown; headers: Record<string, string | undefined>; token?: string }[];
}

const PREFIX = '/test-token';
const MAX_BODY = 64 * 1024;
const TIMEOUT_HOLD_MS = 60_000;

/** The secret the lanes' token handlers sign edit capabilities with (a site's own, in its environment). */
const HANDLER_SECRET = 'test-secret-for-edit-capabilities-0123456789';

function laneHandler(lane: Lane, secret = HANDLER_SECRET): NonNullable<Lane['handler']> {
  const handle = createUploadTokenHandler({
    apiKey: DEFAULT_API_KEY,
    baseUri: lane.emulatorUrl ?? browserEnv().emulatorUrl,
    createVideo: true,
    metadata: { secret, fields: ['title', 'description', 'tags'] },
    rateLimit: false,
    logger: false,
  });
  return { handle: (req, res) => void handle(req, res), secret };
}

const okBehaviour = (): Behaviour => ({ mode: 'ok', status: 500, ttl: 3600, times: undefined, body: undefined });

export function testTokenEndpointPlugin(): Plugin {
  const lanes = new Map<string, Lane>([['default', { behaviour: okBehaviour(), count: 0, requests: [] }]]);
  let nextLane = 1;
  let refusing: { server: Server; url: string; log: string[] } | undefined;

  /** A new handler refusing the page's origin (its default: a site that forgot allowedOrigins), with a log of its own. */
  async function startRefusingHandler(): Promise<NonNullable<typeof refusing>> {
    refusing?.server.closeAllConnections();
    refusing?.server.close();
    const log: string[] = [];
    const handler = createUploadTokenHandler({
      apiKey: DEFAULT_API_KEY,
      baseUri: browserEnv().emulatorUrl,
      logger: { error: (line: string) => log.push(line) },
    });
    const server = createServer((req, res) => handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    refusing = { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/upload-token`, log };
    return refusing;
  }

  const laneOf = (req: IncomingMessage): Lane | undefined => {
    const id = new URL(req.url ?? '/', 'http://x').searchParams.get('lane') ?? 'default';
    return lanes.get(id);
  };

  async function handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const method = req.method ?? 'GET';
    if (path === `${PREFIX}/lanes` && method === 'POST') {
      const emulator = createEmulator();
      const emulatorUrl = await emulator.listen(0, '127.0.0.1');
      const lane = String(nextLane++);
      lanes.set(lane, { emulator, emulatorUrl, behaviour: okBehaviour(), count: 0, requests: [] });
      return json(res, 200, { lane, emulatorUrl });
    }
    const laneMatch = new RegExp(`^${PREFIX}/lanes/(\\d+)$`).exec(path);
    if (laneMatch && method === 'DELETE') {
      const lane = lanes.get(laneMatch[1]);
      lanes.delete(laneMatch[1]);
      await lane?.emulator?.close();
      return json(res, 200, { closed: Boolean(lane) });
    }
    if (path === `${PREFIX}/refusing` && method === 'POST') {
      return json(res, 200, { url: (await startRefusingHandler()).url });
    }
    if (path === `${PREFIX}/refusing/log` && method === 'GET') return json(res, 200, { log: refusing?.log ?? [] });
    const lane = laneOf(req);
    if (!lane) return json(res, 404, { error: 'No such lane.' });
    if (path === `${PREFIX}/mode` && method === 'POST') {
      const body = (await readJson(req)) as Partial<Behaviour> & { mode?: string; body?: unknown };
      if (!body || !MODES.includes(body.mode as TokenEndpointMode)) {
        return json(res, 400, { error: `mode must be one of ${MODES.join(', ')}.` });
      }
      lane.behaviour = {
        mode: body.mode as TokenEndpointMode,
        status: typeof body.status === 'number' ? body.status : 500,
        ttl: typeof body.ttl === 'number' ? body.ttl : 3600,
        times: typeof body.times === 'number' ? body.times : undefined,
        body: body.body === undefined ? undefined : typeof body.body === 'string' ? body.body : JSON.stringify(body.body),
      };
      return json(res, 200, lane.behaviour);
    }
    if (path === `${PREFIX}/count` && method === 'GET') {
      return json(res, 200, { count: lane.count, requests: lane.requests });
    }
    if (path === `${PREFIX}/reset` && method === 'POST') {
      lane.behaviour = okBehaviour();
      lane.count = 0;
      lane.requests = [];
      return json(res, 200, { reset: true });
    }
    if (path === PREFIX) return answerToken(req, res, lane);
    if (path === `${PREFIX}/handler/restart` && method === 'POST') {
      const body = (await readJson(req)) as { secret?: string } | null;
      lane.handler = laneHandler(lane, body?.secret ?? HANDLER_SECRET);
      return json(res, 200, { restarted: true });
    }
    if (path === `${PREFIX}/handler`) {
      lane.count++;
      lane.requests.push({ method, body: undefined, headers: { 'content-type': req.headers['content-type'] } });
      lane.handler ??= laneHandler(lane);
      return lane.handler.handle(req, res);
    }
    return json(res, 404, { error: `No route ${method} ${path}.` });
  }

  async function answerToken(req: IncomingMessage, res: ServerResponse, lane: Lane): Promise<void> {
    const body = await readJson(req).catch(() => null);
    lane.count++;
    const record: Lane['requests'][number] = {
      method: req.method ?? 'GET',
      body,
      headers: {
        'content-type': req.headers['content-type'],
        'x-test-header': req.headers['x-test-header'] as string | undefined,
        cookie: req.headers.cookie,
      },
    };
    lane.requests.push(record);
    const behaviour = lane.behaviour;
    if (behaviour.times !== undefined && --behaviour.times <= 0) lane.behaviour = okBehaviour();
    switch (behaviour.mode) {
      case 'network-error':
        // Torn after the head: a connection cut before any byte would be silently re-sent by the browser.
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '4096' });
        res.write('{"tok');
        setTimeout(() => res.destroy(), 20);
        return;
      case 'timeout':
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, TIMEOUT_HOLD_MS);
          res.on('close', () => {
            clearTimeout(timer);
            resolve();
          });
        });
        if (!res.writableEnded && !res.destroyed) json(res, 504, { error: 'held until timeout' });
        return;
      case 'status':
        res.writeHead(behaviour.status, { 'Content-Type': 'application/json' });
        res.end(behaviour.body ?? JSON.stringify({ error: 'The test token endpoint was told to fail.' }));
        return;
      case 'html':
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end(behaviour.body ?? '<!doctype html><html><body><h1>Please sign in</h1></body></html>');
        return;
      case 'no-token':
        return json(res, 200, behaviour.body === undefined ? { ok: true } : JSON.parse(behaviour.body));
    }
    const emulatorUrl = lane.emulatorUrl ?? browserEnv().emulatorUrl;
    const upstream = await fetch(`${emulatorUrl}/__emulator/tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ttl: behaviour.ttl }),
    });
    const uploadToken = (await upstream.json()) as { token: string };
    if (!upstream.ok) return json(res, 502, uploadToken);
    record.token = uploadToken.token;
    if (behaviour.mode === 'plain-text') {
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(uploadToken.token);
      return;
    }
    return json(res, 200, uploadToken);
  }

  return {
    name: 'test-token-endpoint',
    async serve(context) {
      if (context.path !== PREFIX && !context.path.startsWith(`${PREFIX}/`)) return undefined;
      // The dev server only answers 200 from `serve`; statuses, HTML and torn sockets need the raw response.
      context.respond = false;
      // Koa's default status is 404, and the test runner reports 404s; the raw response sets the real one.
      context.status = 200;
      context.res.statusMessage = '';
      try {
        await handle(context.req, context.res, context.path);
      } catch (error) {
        if (!context.res.headersSent) json(context.res, 500, { error: String(error) });
        else context.res.destroy();
      }
      return undefined;
    },
    async serverStop() {
      await Promise.all([...lanes.values()].map((lane) => lane.emulator?.close()));
      refusing?.server.closeAllConnections();
      refusing?.server.close();
      lanes.clear();
    },
  };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : null;
}
