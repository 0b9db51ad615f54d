// The dev server's backend, as a Vite plugin: the api.video emulator, the token endpoint and the token manager's
// routes, mounted as middleware so `npm start` works offline with no API key. With APIVIDEO_API_KEY set, the same
// routes talk to the real api.video (sandbox unless APIVIDEO_ENV=production) and the emulator is not mounted.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Plugin, ViteDevServer } from 'vite';
import { BodyError, parseJsonBody, readNodeBody } from '../../src/server/http/body.js';
import { sendJson } from '../../src/server/http/json.js';
import { createDevTokenRoutes } from './token-routes.js';
import { createEmulator, DEFAULT_API_KEY, type Emulator } from '../../src/server/emulator/index.js';
import { createUploadTokenHandler } from '../../src/server/token-handler/index.js';
import { API_VIDEO_HOSTS } from '../../src/server/api-video/index.js';

/** Paths the page uses; one place so the page, the tests and the README agree. */
export const DEV_ROUTES = {
  emulator: '/api.video',
  uploadToken: '/api/upload-token',
  tokens: '/__dev/tokens',
  config: '/__dev/config',
} as const;

export type DevTarget = 'emulator' | 'sandbox' | 'production';

/** What `GET /__dev/config` tells the page. Never the API key. */
export interface DevConfig {
  target: DevTarget;
  /** The element's `api-host`: a path on the dev server for the emulator (the page makes it absolute), else a host. */
  apiHost: string;
  /** Where the emulator's control routes live, when the target is the emulator. */
  emulatorPath?: string;
  /** Longest token life the token endpoint grants, in seconds. */
  maxTtl: number;
}

export interface DevServerOptions {
  /** Defaults to process.env.APIVIDEO_API_KEY; without one the emulator plays api.video. */
  apiKey?: string;
  /** Defaults to process.env.APIVIDEO_ENV: `production`, else `sandbox`. */
  environment?: 'sandbox' | 'production';
  /**
   * With an API key: where the token endpoint and the token manager reach api.video's API, when not at the
   * environment's own address (a proxy, or an emulator standing in for it in tests). The page still names the
   * environment, and the element still uploads to its host.
   */
  baseUri?: string;
  /** The emulator's options when it is the target. */
  emulator?: Parameters<typeof createEmulator>[0];
}

/** The longest life the dev page's token endpoint grants, in seconds (the page may ask for less). */
const DEV_TOKEN_TTL = 3600;

/** The address the dev server listens on, for Node-side clients (the token handler) that call the emulator. */
function ownOrigin(server: ViteDevServer): string {
  const address = server.httpServer?.address() as AddressInfo | string | null | undefined;
  if (!address || typeof address === 'string') throw new Error('The dev server is not listening on a TCP port yet.');
  const host = address.address === '::' || address.address === '0.0.0.0' ? '127.0.0.1' : address.address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}

/**
 * The page asks for a token life with `?ttl=` on the token URL, so the ttl control needs no change to the element:
 * the ttl joins the element's own body (the file's name and size, and a renewal's videoId, which keeps it in its
 * video), and the token handler reads the body parsed here. Only a token's POST: the page's edit (PATCH) goes to the
 * same URL, and has no ttl.
 */
async function ttlFromQuery(req: IncomingMessage): Promise<void> {
  const ttl = new URL(req.url ?? '/', 'http://dev.invalid').searchParams.get('ttl');
  if (req.method !== 'POST' || ttl === null) return;
  const text = await readNodeBody(req, { maxBytes: 4096, timeoutMs: 10_000 });
  let body: unknown;
  try {
    body = parseJsonBody(text, req.headers['content-type']);
  } catch {
    // As it came: the token handler says what is wrong with it.
    (req as IncomingMessage & { body?: unknown }).body = text;
    return;
  }
  const fields = body && typeof body === 'object' && !Array.isArray(body) ? body : {};
  (req as IncomingMessage & { body?: unknown }).body = { ...fields, ttl: /^\d+$/.test(ttl) ? Number(ttl) : ttl };
}


export function apiVideoDevServer(options: DevServerOptions = {}): Plugin {
  return {
    name: 'apivideo-dev-server',
    configureServer(server) {
      const realKey = options.apiKey ?? process.env.APIVIDEO_API_KEY ?? '';
      const environment = options.environment ?? (process.env.APIVIDEO_ENV === 'production' ? 'production' : 'sandbox');
      let emulator: Emulator | undefined;
      let config: DevConfig;
      let apiKey: string;
      let baseUri: () => string;

      if (realKey) {
        apiKey = realKey;
        const uri = options.baseUri ?? API_VIDEO_HOSTS[environment];
        baseUri = () => uri;
        config = { target: environment, apiHost: new URL(API_VIDEO_HOSTS[environment]).host, maxTtl: DEV_TOKEN_TTL };
      } else {
        emulator = createEmulator({ strictTokenExpiry: false, ...options.emulator });
        apiKey = options.emulator?.apiKeys?.[0] ?? DEFAULT_API_KEY;
        baseUri = () => `${ownOrigin(server)}${DEV_ROUTES.emulator}`;
        config = { target: 'emulator', apiHost: DEV_ROUTES.emulator, emulatorPath: DEV_ROUTES.emulator, maxTtl: DEV_TOKEN_TTL };
        const running = emulator;
        server.middlewares.use(DEV_ROUTES.emulator, (req, res, next) => running.handler(req, res, next));
        server.httpServer?.once('close', () => void running.close());
      }

      // The handler is made on first use: with the emulator, its address is known only once the server listens.
      let uploadToken: ReturnType<typeof createUploadTokenHandler> | undefined;
      // The page names its video while it uploads, as a site lets it: with a secret of this process's own.
      const editSecret = randomBytes(32).toString('base64url');
      server.middlewares.use(DEV_ROUTES.uploadToken, (req, res, next) => {
        const handler = (uploadToken ??= createUploadTokenHandler({
          apiKey,
          baseUri: baseUri(),
          ttl: DEV_TOKEN_TTL,
          rateLimit: false,
          createVideo: true,
          metadata: { secret: editSecret },
        }));
        ttlFromQuery(req).then(
          () => handler(req, res, next),
          (error: unknown) => {
            if (!(error instanceof BodyError)) return next(error);
            sendJson(res, error.status, { status: error.status, title: error.title, detail: error.detail }, { Connection: 'close' });
          },
        );
      });
      server.middlewares.use(DEV_ROUTES.tokens, createDevTokenRoutes({ apiKey, baseUri }));
      server.middlewares.use(DEV_ROUTES.config, (_req, res) => sendJson(res, 200, config, { 'Cache-Control': 'no-store' }));
      server.httpServer?.once('listening', () => {
        const where =
          config.target === 'emulator'
            ? `the local api.video emulator at ${DEV_ROUTES.emulator} (no API key; set APIVIDEO_API_KEY for the real one)`
            : `api.video ${config.target} (${config.apiHost}) with APIVIDEO_API_KEY`;
        server.config.logger.info(`  ➜  api.video: ${where}`);
      });
    },
  };
}
