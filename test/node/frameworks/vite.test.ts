// The Node handler in Vite, with the plugin of docs/backend.md as printed (only its options pointed at the emulator
// and the page's origin): the site run by `vite` and, once built, by `vite preview`, each through Vite's own command
// line, and the element on a page of another origin uploading through the token URL of each.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { API_KEY, ROOT, expectPreflightAllowed, installServerPackage, resetEmulator, uploadThrough, useRig } from './support.js';
import { fencedBlocks } from '../docs/doc-examples.js';
import { freePort } from '../../support/free-port.js';

const run = promisify(execFile);
const rig = useRig();
let app: string;

/** The recipe's vite.config.ts, its handler's options (`environment: 'sandbox'`) swapped for the emulator's. */
function recipe(): string {
  const block = fencedBlocks(ROOT, 'docs/backend.md').find((b) => b.code.startsWith('// vite.config.ts'));
  const options = "createUploadTokenHandler({ environment: 'sandbox' })";
  expect(block?.code).toContain(options);
  const ours = `createUploadTokenHandler({ apiKey: '${API_KEY}', baseUri: '${rig.emulatorUrl}', allowedOrigins: ['${rig.pageOrigin}'] })`;
  return block!.code.replace(options, ours);
}

beforeAll(async () => {
  app = mkdtempSync(join(tmpdir(), 'apivideo-vite-'));
  await installServerPackage(join(app, 'node_modules'), ['vite']);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'site', private: true, type: 'module' }));
  writeFileSync(join(app, 'index.html'), '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Site</title></head><body></body></html>\n');
  writeFileSync(join(app, 'vite.config.ts'), recipe());
  // What `vite preview` serves.
  await run(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'error'], { cwd: app, timeout: 60_000 });
}, 90_000);

afterAll(() => {
  if (app) rmSync(app, { recursive: true, force: true });
});

beforeEach(() => resetEmulator(rig));

/** Vite's command line (`vite` or `vite preview`) on a free loopback port; resolves with its address once it listens. */
async function startVite(args: string[]): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['node_modules/vite/bin/vite.js', ...args, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    cwd: app,
    env: { ...process.env, NO_COLOR: '1' },
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk;
      if (output.includes(`http://127.0.0.1:${port}/`)) resolve();
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`vite ${args.join(' ')} exited with ${code}:\n${output}`)));
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

describe.each([
  { command: 'vite', args: [] },
  { command: 'vite preview', args: ['preview'] },
])('the token handler mounted by the Vite plugin of docs/backend.md, in $command', ({ args }) => {
  let vite: { url: string; child: ChildProcess } | undefined;

  beforeAll(async () => {
    vite = await startVite(args);
  }, 30_000);

  afterAll(async () => {
    const child = vite?.child;
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('serves tokens to the element on a page of another origin, preflight included, and the upload completes', async () => {
    const tokenUrl = `${vite!.url}/api/upload-token`;
    // The handler itself answers (a server without the route answers 404, or its page).
    const answer = await fetch(tokenUrl, { method: 'POST', headers: { Origin: rig.pageOrigin } });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ token: expect.stringMatching(/^to\w+$/) });
    await expectPreflightAllowed(rig, tokenUrl);
    const { errors } = await uploadThrough(rig, tokenUrl);
    expect(errors).toEqual([]);
  });
});
