// The fetch handler in a Next.js App Router route, as a site would have it: the package installed in a minimal app
// (its server entry built as `npm run build` builds it, with the server's dependencies beside it), the route file exporting the handler as POST, PATCH and OPTIONS,
// `next build` once, then `next start` serving it, and the element uploading through it in Chromium.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  API_KEY,
  EDIT_SECRET,
  ROOT,
  expectEditThrough,
  expectOneVideoDespiteLostAnswer,
  expectPreflightAllowed,
  installServerPackage,
  resetEmulator,
  uploadThrough,
  useRig,
} from './support.js';
import { freePort } from '../../support/free-port.js';

const run = promisify(execFile);
const rig = useRig();
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string };

let app: string;
let next: ChildProcess | undefined;
let siteUrl: string;

/** The route as docs/backend.md shows it; the emulator's address and the page's origin come from the environment. */
const route = (createVideo: boolean) => `import { createUploadTokenFetchHandler } from '${pkg.name}/server';

const uploadToken = createUploadTokenFetchHandler({
  // apiKey: process.env.APIVIDEO_API_KEY (the default)
  baseUri: process.env.APIVIDEO_BASE_URI,
  allowedOrigins: [process.env.PAGE_ORIGIN],
  trustProxy: true,
  createVideo: ${createVideo},${createVideo ? '\n  metadata: { secret: process.env.UPLOAD_EDIT_SECRET },' : ''}
});

export { uploadToken as POST, uploadToken as PATCH, uploadToken as OPTIONS };
`;

/** `next start` on a free loopback port; resolves once it says it is ready. */
async function startNext(env: NodeJS.ProcessEnv): Promise<string> {
  const port = await freePort();
  const child = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-H', '127.0.0.1', '-p', String(port)], { cwd: app, env });
  next = child;
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`next start did not get ready:\n${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk;
      if (/Ready in/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`next start exited with ${code}:\n${output}`)));
  });
  return `http://127.0.0.1:${port}`;
}

beforeAll(async () => {
  app = mkdtempSync(join(tmpdir(), 'apivideo-next-'));
  await installServerPackage(join(app, 'node_modules'), ['next', 'react', 'react-dom']);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'site', private: true, type: 'module' }));
  // No lint step: the app has no ESLint, and what is tested is the route, not the app's style.
  writeFileSync(join(app, 'next.config.mjs'), 'export default { eslint: { ignoreDuringBuilds: true } };\n');
  for (const [path, createVideo] of [['upload-token', false], ['upload-token-video', true]] as const) {
    mkdirSync(join(app, 'app/api', path), { recursive: true });
    writeFileSync(join(app, 'app/api', path, 'route.js'), route(createVideo));
  }
  const env = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: '1',
    APIVIDEO_API_KEY: API_KEY,
    APIVIDEO_BASE_URI: rig.emulatorUrl,
    PAGE_ORIGIN: rig.pageOrigin,
    UPLOAD_EDIT_SECRET: EDIT_SECRET,
  };
  await run(process.execPath, ['node_modules/next/dist/bin/next', 'build'], { cwd: app, env, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 });
  siteUrl = await startNext(env);
}, 150_000);

afterAll(async () => {
  if (next && next.exitCode === null) {
    const exited = new Promise((resolve) => next!.once('exit', resolve));
    next.kill('SIGTERM');
    await exited;
  }
  if (app) rmSync(app, { recursive: true, force: true });
});

beforeEach(() => resetEmulator(rig));

describe('the fetch token handler in a Next.js App Router route', () => {
  it('answers the preflight and serves tokens to the element on a page of another origin; the upload completes', async () => {
    const tokenUrl = `${siteUrl}/api/upload-token`;
    await expectPreflightAllowed(rig, tokenUrl);
    const { errors } = await uploadThrough(rig, tokenUrl);
    expect(errors).toEqual([]);
  });

  it('refuses another origin with 403 and a bad body with a problem, as the Node handler does', async () => {
    const tokenUrl = `${siteUrl}/api/upload-token`;
    expect((await fetch(tokenUrl, { method: 'POST', headers: { Origin: 'https://evil.example' } })).status).toBe(403);
    const bad = await fetch(tokenUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"ttl":' });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toBe('application/problem+json');
  });

  it('with createVideo, leaves exactly one video when the answer to part 1 is lost', async () => {
    await expectOneVideoDespiteLostAnswer(rig, `${siteUrl}/api/upload-token-video`, 'next.mp4');
  });

  it("with metadata, takes the page's edit of its video on the route's PATCH", async () => {
    await expectEditThrough(rig, `${siteUrl}/api/upload-token-video`);
  });
});
