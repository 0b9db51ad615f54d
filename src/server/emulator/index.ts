// The local api.video emulator, and the package's "apivideo-uploader-element/emulator" entry (built through
// ./entry.ts, which checks busboy first). Node only.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mkdirSync } from 'node:fs';
import { HttpError, problem } from './problems.js';
import { applyCors, drain, sendProblem } from './http.js';
import { EmulatorState } from './state.js';
import { Storage } from './storage.js';
import { RateLimit } from './rate-limit.js';
import { NetworkShaper } from './network-shaping.js';
import { route } from './routes.js';
import { createListener } from './listener.js';
import { makeOwnDataDir, removeOwnDataDir } from './data-dir.js';
import { configFrom, DEFAULT_API_KEY, type EmulatorOptions } from './options.js';
import type { Context } from './context.js';

export { DEFAULT_API_KEY, type EmulatorOptions };

export interface Emulator {
  handler(req: IncomingMessage, res: ServerResponse, next?: (err?: unknown) => void): void;
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
  readonly url: string | undefined;
  /** where uploaded bytes are kept */
  readonly dataDir: string;
}

export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const config = configFrom(options);
  const apiKeys = new Set(options.apiKeys?.length ? options.apiKeys : [DEFAULT_API_KEY]);
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? makeOwnDataDir();
  mkdirSync(dataDir, { recursive: true });
  const state = new EmulatorState(apiKeys, config, options.now ?? Date.now);
  const rateLimit = new RateLimit(state);
  const listener = createListener((req, res) => handler(req, res));

  const ctx: Context = {
    state,
    storage: new Storage(dataDir),
    network: new NetworkShaper(config),
    baseUrl(req) {
      if (options.publicUrl) return options.publicUrl.replace(/\/+$/, '');
      if (listener.url) return listener.url;
      // Mounted under a prefix by Connect/Express/Vite (`use('/api-video', handler)`): keep the prefix in links.
      const original = (req as IncomingMessage & { originalUrl?: string }).originalUrl;
      const url = req.url ?? '/';
      const prefix = typeof original === 'string' && original !== url && original.endsWith(url) ? original.slice(0, -url.length) : '';
      const host = req.headers.host && /^[\w.:[\]-]+$/.test(req.headers.host) ? req.headers.host : '127.0.0.1';
      return `http://${host}${prefix.replace(/\/+$/, '')}`;
    },
  };

  function handler(req: IncomingMessage, res: ServerResponse, next?: (err?: unknown) => void): void {
    applyCors(req, res);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'Content-Length': '0' });
      res.end();
      return;
    }
    route(req, res, ctx, rateLimit).catch(async (err: unknown) => {
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
      return listener.url;
    },
    listen: (port = 0, host = '127.0.0.1') => listener.listen(port, host),
    async close() {
      state.releaseAllHolds();
      await listener.close();
      // A folder the emulator made for itself goes with it; one the caller chose is theirs to keep.
      if (ownsDataDir) await removeOwnDataDir(dataDir);
    },
  };
}
