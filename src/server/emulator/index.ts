import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo, Socket } from 'node:net';
import { HttpError, problem, problems } from './problems.js';
import { applyCors, drain, readJsonObject, sendJson, sendProblem } from './http.js';
import { authenticate, refresh, requireApiAuth } from './auth.js';
import { EmulatorState, type EmulatorConfig } from './state.js';
import { Storage } from './storage.js';
import { handleUpload } from './upload.js';
import { createUploadToken, deleteUploadToken, getUploadToken, listUploadTokens } from './upload-tokens.js';
import { deleteVideo, findVideo, listVideos, serveAsset, statusJson, videoJson } from './videos.js';
import { handleControl } from './control.js';
import { parseVideoFields } from './video-fields.js';
import { RateLimit } from './rate-limit.js';
import type { Context } from './context.js';

export interface EmulatorOptions {
  /** API keys accepted by Basic auth and /auth/api-key. Default `['emulator-api-key']`. */
  apiKeys?: string[];
  /** Where uploaded bytes are kept. Default: a fresh temporary folder, removed by `close()`. */
  dataDir?: string;
  /** Refuse every upload request made with an expired token, even one continuing a video. Default false. */
  strictTokenExpiry?: boolean;
  /** The clock (ms since epoch). Default `Date.now`. */
  now?: () => number;
  /** Base URL used in links and asset URLs; default the listen URL, else derived from the Host header. */
  publicUrl?: string;
  /** Delay between a video's source being complete and its HLS manifest answering 200. Default 1000 ms. */
  hlsReadyDelayMs?: number;
  /** Largest single-request upload. Default 200 MiB, as api.video. */
  maxSingleShotBytes?: number;
  /** Smallest part but the last. Default 5 MiB, as api.video. */
  minPartBytes?: number;
  /** Largest part. Default 128 MiB, the official uploader's limit; a larger part is refused, its bytes not kept. */
  maxPartBytes?: number;
  /** Upload requests the log at `/__emulator/requests` keeps, the oldest forgotten first. Default 10000. */
  requestLogLimit?: number;
  /** Requests per minute over the API routes before 429, with X-RateLimit-* headers. Default 0: no limit. */
  rateLimitPerMinute?: number;
}

export interface Emulator {
  handler(req: IncomingMessage, res: ServerResponse, next?: (err?: unknown) => void): void;
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
  readonly url: string | undefined;
  /** where uploaded bytes are kept */
  readonly dataDir: string;
}

export const DEFAULT_API_KEY = 'emulator-api-key';
const MiB = 1024 * 1024;

export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const config: EmulatorConfig = {
    strictTokenExpiry: options.strictTokenExpiry ?? false,
    hlsReadyDelayMs: options.hlsReadyDelayMs ?? 1000,
    maxSingleShotBytes: options.maxSingleShotBytes ?? 200 * MiB,
    minPartBytes: options.minPartBytes ?? 5 * MiB,
    maxPartBytes: options.maxPartBytes ?? 128 * MiB,
    requestLogLimit: options.requestLogLimit ?? 10_000,
    maxParts: 10_000,
    accessTokenTtlSeconds: 3600,
    rateLimitPerMinute: options.rateLimitPerMinute ?? 0,
  };
  const apiKeys = new Set(options.apiKeys?.length ? options.apiKeys : [DEFAULT_API_KEY]);
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'apivideo-emulator-'));
  mkdirSync(dataDir, { recursive: true });
  const state = new EmulatorState(apiKeys, config, options.now ?? Date.now);
  const rateLimit = new RateLimit(state);
  let listenUrl: string | undefined;
  let server: Server | undefined;
  const sockets = new Set<Socket>();

  const ctx: Context = {
    state,
    storage: new Storage(dataDir),
    baseUrl(req) {
      if (options.publicUrl) return options.publicUrl.replace(/\/+$/, '');
      if (listenUrl) return listenUrl;
      // Mounted under a prefix by Connect/Express/Vite (`use('/api-video', handler)`): keep the prefix in links.
      const original = (req as IncomingMessage & { originalUrl?: string }).originalUrl;
      const url = req.url ?? '/';
      const prefix = typeof original === 'string' && original !== url && original.endsWith(url) ? original.slice(0, -url.length) : '';
      const host = req.headers.host && /^[\w.:[\]-]+$/.test(req.headers.host) ? req.headers.host : '127.0.0.1';
      return `http://${host}${prefix.replace(/\/+$/, '')}`;
    },
  };

  function applyConfig(body: Record<string, unknown>): Record<string, unknown> {
    const numeric = ['hlsReadyDelayMs', 'maxSingleShotBytes', 'minPartBytes', 'maxPartBytes', 'rateLimitPerMinute', 'requestLogLimit'] as const;
    const next = { ...config };
    for (const [key, value] of Object.entries(body)) {
      if (key === 'strictTokenExpiry') {
        if (typeof value !== 'boolean') throw badConfig(key, 'strictTokenExpiry must be true or false.');
        next.strictTokenExpiry = value;
      } else if ((numeric as readonly string[]).includes(key)) {
        if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
          throw badConfig(key, `${key} must be an integer, 0 or more.`);
        }
        next[key as (typeof numeric)[number]] = value;
      } else {
        throw badConfig(key, `Unknown setting. Known: strictTokenExpiry, ${numeric.join(', ')}.`);
      }
    }
    // All or nothing: one bad setting leaves the others unchanged.
    Object.assign(config, next);
    state.trimRequestLog();
    return { ...config };
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = parseTarget(req.url);
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const params = url.searchParams;
    const method = req.method ?? 'GET';
    const allow = (...methods: string[]) => {
      if (!methods.includes(method)) throw new HttpError(problems.methodNotAllowed(), { Allow: methods.join(', ') });
    };

    if (path === '/__emulator' || path.startsWith('/__emulator/')) {
      if (await handleControl(req, res, ctx, path, applyConfig)) return;
      throw new HttpError(problems.unrecognizedUrl());
    }
    if (path === '/upload') {
      allow('POST');
      return handleUpload(req, res, ctx, { kind: 'token', token: params.get('token') }, () => rateLimit.take(res));
    }
    const sourceMatch = /^\/videos\/([^/]+)\/source$/.exec(path);
    if (sourceMatch) {
      allow('POST');
      const credential = { kind: 'api' as const, videoId: safeDecode(sourceMatch[1]), authorize: () => requireApiAuth(req, state) };
      return handleUpload(req, res, ctx, credential, () => rateLimit.take(res));
    }
    if (!path.startsWith('/vod/')) rateLimit.take(res);
    if (path === '/auth/api-key' || path === '/auth/refresh') {
      allow('POST');
      const body = await readJsonObject(req);
      sendJson(res, 200, path === '/auth/api-key' ? authenticate(state, body) : refresh(state, body));
      return;
    }
    if (path === '/upload-tokens') {
      allow('GET', 'POST');
      requireApiAuth(req, state);
      if (method === 'POST') return createUploadToken(res, ctx, await readJsonObject(req));
      return listUploadTokens(req, res, ctx, params);
    }
    const tokenMatch = /^\/upload-tokens\/([^/]+)$/.exec(path);
    if (tokenMatch) {
      allow('GET', 'DELETE');
      requireApiAuth(req, state);
      const token = safeDecode(tokenMatch[1]);
      return method === 'GET' ? getUploadToken(res, ctx, token) : deleteUploadToken(res, ctx, token);
    }
    if (path === '/videos') {
      allow('GET', 'POST');
      requireApiAuth(req, state);
      if (method === 'GET') return listVideos(req, res, ctx, params);
      const fields = parseVideoFields(await readJsonObject(req));
      sendJson(res, 201, videoJson(state.createVideo(fields), ctx.baseUrl(req)));
      return;
    }
    const videoMatch = /^\/videos\/([^/]+)(\/status)?$/.exec(path);
    if (videoMatch) {
      allow(...(videoMatch[2] ? ['GET'] : ['GET', 'DELETE']));
      requireApiAuth(req, state);
      const video = findVideo(ctx, safeDecode(videoMatch[1]));
      if (videoMatch[2]) return sendJson(res, 200, statusJson(video, ctx));
      if (method === 'DELETE') return deleteVideo(res, ctx, video);
      return sendJson(res, 200, videoJson(video, ctx.baseUrl(req)));
    }
    const assetMatch = /^\/vod\/([^/]+)\/(hls\/manifest\.m3u8|mp4\/source\.mp4|player|thumbnail\.jpg)$/.exec(path);
    if (assetMatch) {
      allow('GET', 'HEAD');
      return serveAsset(req, res, ctx, safeDecode(assetMatch[1]), assetMatch[2]);
    }
    throw new HttpError(problems.unrecognizedUrl());
  }

  function handler(req: IncomingMessage, res: ServerResponse, next?: (err?: unknown) => void): void {
    applyCors(req, res);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'Content-Length': '0' });
      res.end();
      return;
    }
    route(req, res).catch(async (err: unknown) => {
      if (err instanceof HttpError) {
        await drain(req);
        sendProblem(res, err.body, err.headers);
        return;
      }
      // A bug, not bad input: report it plainly rather than hang the client.
      if (next) return next(err);
      if (!res.headersSent && !res.destroyed) sendProblem(res, problem(500, 'server-error', 'Server error', { detail: String(err) }));
      else res.destroy();
    });
  }

  return {
    handler,
    dataDir,
    get url() {
      return listenUrl;
    },
    listen(port = 0, host = '127.0.0.1') {
      if (server) return Promise.reject(new Error('The emulator is already listening.'));
      const srv = createServer((req, res) => handler(req, res));
      srv.on('connection', (socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
      });
      server = srv;
      return new Promise<string>((resolve, reject) => {
        srv.once('error', reject);
        srv.listen(port, host, () => {
          srv.off('error', reject);
          const address = srv.address() as AddressInfo;
          const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          listenUrl = `http://${shownHost}:${address.port}`;
          resolve(listenUrl);
        });
      });
    },
    async close() {
      const srv = server;
      server = undefined;
      listenUrl = undefined;
      if (srv) {
        await new Promise<void>((resolve) => {
          srv.close(() => resolve());
          for (const socket of sockets) socket.destroy();
        });
      }
      // A folder the emulator made for itself goes with it; one the caller chose is theirs to keep.
      if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

function badConfig(name: string, detail: string): HttpError {
  return new HttpError(problems.invalidAttribute(name, detail));
}

/** An absolute-form target (`GET http://[ HTTP/1.1`) can be no URL at all: that is a bad request URL, not a bug. */
function parseTarget(target: string | undefined): URL {
  try {
    return new URL(target ?? '/', 'http://emulator.invalid');
  } catch {
    throw new HttpError(problems.unrecognizedUrl());
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
