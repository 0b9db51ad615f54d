// The page the benchmarks drive, on its own origin as a site would serve it: the bench page, its script, the
// built element bundle, and the site's token endpoint (the package's own handler, pointed at the emulator).
//
//   GET  /                         bench/page/index.html
//   GET  /bench-page.js            bench/page/bench-page.ts, compiled on request (and /recording-page.js, /resume-page.js alike)
//   GET  /apivideo-uploader.js     the element bundle (dist/apivideo-uploader.js), never cached, and beside it
//   GET  /apivideo-uploader-*.js   the chunks it fetches on demand (queue, French, recording), which import it by name
//   GET  /fingerprint.js           src/upload/fingerprint.ts bundled on request: the resume fingerprint, timed alone
//   GET  /resume-check.js          ResumeTracker, ResumeStore and the page's digests bundled on request: the resume check, timed
//   GET  /digest-worker.ts         src/upload/digest-worker.ts bundled on request: the worker the resume check's digests go to
//   GET  /load/ours|eager|mux      the `load` section's pages (bench/page/load-pages.ts): the element alone on a page
//   GET  /gz/<file>                the bundle's files and Mux Uploader's, gzipped (level 9) as a site's server sends them
//   POST /api/upload-token?ttl=N   createUploadTokenHandler: api.video's UploadToken JSON, expiresAt included
//   POST /api/upload-token-plain?ttl=N   the token alone as text/plain: the element cannot know when it expires
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { build, transform } from 'esbuild';
import { LOAD_PAGES, loadPage, type LoadPage } from '../page/load-pages.js';
import { dynamicImports, staticClosure } from './module-imports.js';
import { createUploadTokenHandler, type UploadTokenHandler } from '../../src/server/index.js';
import { EMULATOR_API_KEY } from './emulator-process.js';

export interface Site {
  readonly url: string;
  close(): Promise<void>;
}

export const MUX_FILE = 'node_modules/@mux/mux-uploader/dist/mux-uploader.mjs';
/** The `load` pages' part size: a 6 MiB file is two parts. */
export const LOAD_CHUNK_SIZE = 5 * 1024 * 1024;
/**
 * The doors of a single file's upload among the bundle's dynamic imports: what `eager` preloads, with the files they
 * import (docs/element.md names them for a page that wants the upload at once).
 */
const UPLOAD_DOORS = /-(?:upload|list)-code\.js$/;

/** The files beside the bundle that a page preloads to have a single file's upload at once. */
export function uploadPreloads(bundlePath: string): string[] {
  const first = staticClosure(bundlePath);
  const doors = first.flatMap(dynamicImports).filter((file) => UPLOAD_DOORS.test(file));
  const files = [...new Set(doors.flatMap(staticClosure))].filter((file) => !first.includes(file));
  return files.map((file) => basename(file));
}

export async function startSite(root: string, emulatorUrl: string, bundlePath: string): Promise<Site> {
  const handlers = new Map<number, UploadTokenHandler>();
  const handlerFor = (ttl: number) => {
    let handler = handlers.get(ttl);
    if (!handler) {
      handler = createUploadTokenHandler({ apiKey: EMULATOR_API_KEY, baseUri: emulatorUrl, ttl, rateLimit: false, logger: false });
      handlers.set(ttl, handler);
    }
    return handler;
  };
  const scripts = new Map<string, string>();
  let fingerprint: string | undefined;
  let resumeCheck: string | undefined;
  let digestWorker: string | undefined;
  const bundleName = basename(bundlePath, '.js');
  const gzipped = new Map<string, Buffer>();
  const gzip = async (path: string) => {
    let body = gzipped.get(path);
    if (!body) gzipped.set(path, (body = gzipSync(await readFile(path), { level: 9 })));
    return body;
  };

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const ttl = Math.max(0, Math.floor(Number(url.searchParams.get('ttl') ?? 0)) || 0);
    if (url.pathname === '/api/upload-token') return handlerFor(ttl)(req, res);
    if (url.pathname === '/api/upload-token-plain' && req.method === 'POST') {
      req.resume();
      const answer = await fetch(`${emulatorUrl}/upload-tokens`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Basic ${Buffer.from(`${EMULATOR_API_KEY}:`).toString('base64')}` },
        body: JSON.stringify({ ttl }),
      });
      const { token } = (await answer.json()) as { token: string };
      return send(res, answer.ok ? 200 : 502, 'text/plain', token ?? '');
    }
    if (req.method !== 'GET') return send(res, 405, 'text/plain', 'Method not allowed.');
    if (url.pathname === '/') return send(res, 200, 'text/html', await readFile(join(root, 'bench/page/index.html')));
    const load = /^\/load\/(\w+)$/.exec(url.pathname)?.[1] as LoadPage | undefined;
    if (load && LOAD_PAGES.includes(load)) {
      const options = { apiHost: emulatorUrl, tokenUrl: '/api/upload-token?ttl=3600', chunkSize: LOAD_CHUNK_SIZE, preload: uploadPreloads(bundlePath) };
      return send(res, 200, 'text/html', loadPage(load, options));
    }
    const zipped = /^\/gz\/([\w.-]+\.m?js)$/.exec(url.pathname)?.[1];
    if (zipped) {
      const path = zipped === 'mux-uploader.mjs' ? join(root, MUX_FILE) : new RegExp(`^${bundleName}(?:-[\\w-]+)?\\.js$`).test(zipped) ? join(dirname(bundlePath), zipped) : undefined;
      if (!path) return send(res, 404, 'text/plain', 'Not found.');
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Content-Encoding': 'gzip', 'Cache-Control': 'no-store' });
      res.end(await gzip(path));
      return;
    }
    const page = /^\/((?:bench|recording|resume)-page)\.js$/.exec(url.pathname)?.[1];
    if (page) {
      if (!scripts.has(page)) {
        const source = await readFile(join(root, `bench/page/${page}.ts`), 'utf8');
        scripts.set(page, (await transform(source, { loader: 'ts', format: 'esm', target: 'es2022' })).code);
      }
      return send(res, 200, 'text/javascript', scripts.get(page)!);
    }
    // The bundle and its chunks by their own names: a chunk imports the bundle by name, and under another URL the
    // page would run the element's module twice.
    const bundled = new RegExp(`^/(${bundleName}(?:-[\\w-]+)?\\.js)$`).exec(url.pathname)?.[1];
    if (bundled) return send(res, 200, 'text/javascript', await readFile(join(dirname(bundlePath), bundled)));
    if (url.pathname === '/fingerprint.js') {
      fingerprint ??= (
        await build({ entryPoints: [join(root, 'src/upload/fingerprint.ts')], bundle: true, format: 'esm', target: 'es2022', minify: true, write: false })
      ).outputFiles[0].text;
      return send(res, 200, 'text/javascript', fingerprint);
    }
    if (url.pathname === '/resume-check.js') {
      const contents = [
        "export { ResumeTracker } from './src/upload/resume-tracker.ts';",
        "export { ResumeStore } from './src/upload/resume-store.ts';",
        "export { pageDigests } from './src/upload/part-digests.ts';",
      ].join('\n');
      resumeCheck ??= (
        await build({ stdin: { contents, resolveDir: root, loader: 'ts' }, bundle: true, format: 'esm', target: 'es2022', minify: true, write: false })
      ).outputFiles[0].text;
      return send(res, 200, 'text/javascript', resumeCheck);
    }
    // The resume check starts its digest worker at `new URL('./digest-worker.ts', import.meta.url)`, as in the sources.
    if (url.pathname === '/digest-worker.ts') {
      digestWorker ??= (
        await build({ entryPoints: [join(root, 'src/upload/digest-worker.ts')], bundle: true, format: 'esm', target: 'es2022', minify: true, write: false })
      ).outputFiles[0].text;
      return send(res, 200, 'text/javascript', digestWorker);
    }
    if (url.pathname === '/favicon.ico') return send(res, 204, 'text/plain', '');
    return send(res, 404, 'text/plain', 'Not found.');
  }

  const server = createServer((req, res) => {
    serve(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, 'text/plain', error instanceof Error ? error.message : String(error));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'Content-Type': `${type}; charset=utf-8`, 'Cache-Control': 'no-store' });
  res.end(body);
}
