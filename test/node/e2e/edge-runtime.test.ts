// The token handler's fetch door on an edge runtime: "apivideo-uploader-element/server" as the build makes it
// (dist/server.js: the run's one build of it by the project's own build config, global-setup.ts, into a folder of its
// own, so that it does not clash with a build of dist/ running beside it), bundled as an edge platform bundles a
// function (esbuild, with Node's modules left out: an edge runtime has none), then run in Vercel's edge runtime
// (in-edge-runtime.mjs): web globals only, no `require`, no `node:` module. It hands out a token from the emulator on
// 127.0.0.1; the emulator's entry, bundled and run the same way, does not even load.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
// What `inject` hands over: the build's folder.
import '../frameworks/builds.js';
import { createEmulator, type Emulator } from '../../../src/server/emulator/index.js';
import { capabilities } from '../../../src/server/token-handler/capability.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const API_KEY = 'emulator-api-key';

let dir: string;
let emulator: Emulator;
let emulatorUrl: string;

/** A built entry as an edge platform bundles it: one ES module, the packages it imports inside, Node's modules out. */
async function edgeBundle(entry: string): Promise<string> {
  const outfile = join(dir, `edge-${entry.replace(/\W/g, '_')}.mjs`);
  await esbuild({
    entryPoints: [join(inject('serverDist'), entry)],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    // What Vercel's and Cloudflare's bundlers ask of a package's exports.
    conditions: ['edge-light', 'worker', 'browser'],
    mainFields: ['module', 'main'],
    nodePaths: [join(root, 'node_modules')],
    external: ['node:*', ...builtinModules],
    logLevel: 'silent',
  });
  return outfile;
}

interface EdgeOutcome {
  loaded: boolean;
  globals: Record<string, string>;
  error?: string;
  status?: number;
  headers?: Record<string, string>;
  body?: string;
}

/** Runs `call` against the bundled `entry` in the edge runtime (in-edge-runtime.mjs says what `call` holds). */
async function inEdgeRuntime(entry: string, call: object): Promise<EdgeOutcome> {
  const module = await edgeBundle(entry);
  const callFile = join(dir, 'call.json');
  writeFileSync(callFile, JSON.stringify(call));
  const { stdout } = await run(
    process.execPath,
    ['--experimental-vm-modules', '--no-warnings', join(root, 'test/node/e2e/in-edge-runtime.mjs'), module, callFile],
    { cwd: root, timeout: 30_000 },
  );
  return JSON.parse(stdout) as EdgeOutcome;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'apivideo-edge-'));
  emulator = createEmulator({ apiKeys: [API_KEY] });
  emulatorUrl = await emulator.listen(0, '127.0.0.1');
});

afterAll(async () => {
  await emulator?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the token handler\'s fetch door in an edge runtime', () => {
  it('loads with web globals only and hands out a token from api.video (the emulator)', async () => {
    const outcome = await inEdgeRuntime('server.js', {
      export: 'createUploadTokenFetchHandler',
      // No `process` there: the key is passed, as a Worker passes it from its `env`.
      options: { apiKey: API_KEY, baseUri: emulatorUrl, ttl: 120 },
      request: { url: 'https://site.example/api/upload-token', method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"ttl":60}' },
    });
    // The runtime is the one an edge function has: nothing of Node's.
    expect(outcome.globals).toEqual({ require: 'undefined', process: 'undefined', Buffer: 'undefined', fetch: 'function', Request: 'function' });
    expect(outcome.error).toBeUndefined();
    expect(outcome).toMatchObject({ loaded: true, status: 200 });
    expect(outcome.headers).toMatchObject({ 'content-type': 'application/json', 'x-ratelimit-limit': '30' });
    const grant = JSON.parse(outcome.body!) as { token: string; ttl: number };
    expect(grant).toMatchObject({ token: expect.stringMatching(/^to\w+$/), ttl: 60 });
    // The token is api.video's (the emulator's), made with the API key over the edge runtime's fetch.
    const listed = (await (
      await fetch(`${emulatorUrl}/upload-tokens`, { headers: { Authorization: `Basic ${btoa(`${API_KEY}:`)}` } })
    ).json()) as { data: { token: string }[] };
    expect(listed.data.map((t) => t.token)).toContain(grant.token);
  }, 60_000);

  it('answers api.video\'s refusal as the handler does in Node: a wrong API key is a 502 that says so', async () => {
    const outcome = await inEdgeRuntime('server.js', {
      export: 'createUploadTokenFetchHandler',
      options: { apiKey: 'not-the-key', baseUri: emulatorUrl, logger: false },
      request: { url: 'https://site.example/api/upload-token', method: 'POST' },
    });
    expect(outcome).toMatchObject({ loaded: true, status: 502 });
    expect(outcome.body).not.toContain('not-the-key');
  }, 60_000);

  it('signs and checks the capability of an edit with Web Crypto there, as in Node: the page names its video', async () => {
    const secret = 'an edge secret of 32 characters or more';
    const options = { apiKey: API_KEY, baseUri: emulatorUrl, createVideo: true, metadata: { secret } };
    const made = await inEdgeRuntime('server.js', {
      export: 'createUploadTokenFetchHandler',
      options,
      request: { url: 'https://site.example/api/upload-token', method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"fileName":"edge.mp4"}' },
    });
    expect(made.error).toBeUndefined();
    const { videoId, capability } = JSON.parse(made.body!) as { videoId: string; capability: string };
    // Signed at the edge, checked in Node: the same MAC for the same secret, video and expiry.
    expect(await capabilities(secret, 86_400, Date.now).check(capability, videoId)).toBe('valid');

    // Signed in Node, checked at the edge.
    const signed = await capabilities(secret, 600, Date.now).sign(videoId);
    const body = JSON.stringify({ videoId, capability: signed, video: { title: 'Named at the edge' } });
    const edited = await inEdgeRuntime('server.js', {
      export: 'createUploadTokenFetchHandler',
      options,
      request: { url: 'https://site.example/api/upload-token', method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body },
    });
    expect(edited.error).toBeUndefined();
    expect(edited).toMatchObject({ loaded: true, status: 200 });
    expect(JSON.parse(edited.body!)).toEqual({ videoId, video: { title: 'Named at the edge', description: '', tags: [] } });
  }, 60_000);

  it('refuses what needs Node: the emulator\'s entry (node:http, busboy) does not load there', async () => {
    const outcome = await inEdgeRuntime('emulator.js', { export: 'createEmulator', options: {}, request: { url: 'http://x/' } });
    expect(outcome.loaded).toBe(false);
    expect(outcome.error).toMatch(/the edge runtime has no module "node:|Dynamic require of "\w+" is not supported/);
  }, 60_000);
});
