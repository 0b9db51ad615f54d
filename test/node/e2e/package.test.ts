// The installable package, after a real `npm run build`: every file the exports map names, imports in Node (server
// rendering), the command lines, the manifest, Vue's template types, the package inside a site built with a bundler,
// the self-contained bundle on a plain HTML page served with no build step, uploading to the emulator, and a site's own
// end-to-end tests choosing a file on such a page with Playwright and Puppeteer (site-tests.ts).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, posix } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build as viteBuild } from 'vite';
import type { EmulatorVideoReport } from '../../../src/server/emulator/control.js';
import { reactPropOf, uploaderEvents } from '../../../src/events/index.js';
import { MiB, chooseFile, emulatorJson, launchBrowser, openPage } from './support.js';
import { installPacked, pack, type Packed, type PackedProject } from './packed-project.js';
import { describeSiteTests } from './site-tests.js';
import { installWeight } from './install-weight.js';
import { docFiles, examples, fencedBlocks, isRelative, linksOf, repositoryUrl } from '../docs/doc-examples.js';
import { serverPeers } from '../../../src/server/peers.js';
import { decodePng, differingPixels } from '../../support/png.js';
import { dynamicImports, staticClosure } from '../../../bench/lib/module-imports.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
const file = (path: string) => `${root}${path.replace(/^\.\//, '')}`;
const node = (args: string[]) => run(process.execPath, args, { cwd: root, timeout: 30_000 });

/** The build packed once, for every test that reads the tarball or its list of files: `npm pack` takes seconds. */
let packedBuild: Packed;
let packDir: string | undefined;
beforeAll(async () => {
  await run('npm', ['run', '--silent', 'build'], { cwd: root, timeout: 170_000, maxBuffer: 16 * MiB });
  packDir = mkdtempSync(join(tmpdir(), 'apivideo-tarball-'));
  packedBuild = await pack(root, packDir);
}, 240_000);
afterAll(() => {
  if (packDir) rmSync(packDir, { recursive: true, force: true });
});

/** Every file path in the exports map, with its condition. */
function exportTargets(): string[] {
  const targets: string[] = [];
  for (const value of Object.values(pkg.exports as Record<string, string | Record<string, string>>)) {
    targets.push(...(typeof value === 'string' ? [value] : Object.values(value)));
  }
  return targets;
}

describe('npm run build', () => {
  it('leaves docs/api.md matching the JSDoc (run `npm run docs` after changing it)', () => {
    const reference = readFileSync(file('docs/api.md'), 'utf8');
    const start = reference.indexOf('<!-- api-reference:start');
    const end = reference.indexOf('<!-- api-reference:end -->');
    expect(start).toBeGreaterThan(0);
    const section = reference.slice(reference.indexOf('-->', start) + 3, end).trim();
    expect(section).toBe(readFileSync(file('dist/api-reference.md'), 'utf8').trim());
  });

  it('names in the API reference every attribute, property, method, event, slot, CSS part and custom property', () => {
    const manifest = JSON.parse(readFileSync(file(pkg.customElements), 'utf8'));
    const element = manifest.modules.flatMap((m: { declarations?: unknown[] }) => m.declarations ?? []).find(
      (d: { tagName?: string }) => d.tagName === 'apivideo-uploader',
    );
    const reference = readFileSync(file('dist/api-reference.md'), 'utf8');
    const sections = ['attributes', 'members', 'events', 'slots', 'cssParts', 'cssProperties'];
    const names = sections.flatMap((section) => (element[section] as { name: string }[]).map((item) => item.name).filter(Boolean));
    expect(names.length).toBeGreaterThan(100);
    expect(names.filter((name) => !reference.includes(`\`${name}\``))).toEqual([]);
  });

  it('writes every file that package.json points to', () => {
    const typesVersions = Object.values(pkg.typesVersions as Record<string, Record<string, string[]>>).flatMap((paths) => Object.values(paths).flat());
    const pointed = [...exportTargets(), ...typesVersions, pkg.main, pkg.module, pkg.types, pkg.customElements, ...Object.values(pkg.bin as object)];
    expect(pointed).toEqual(
      expect.arrayContaining(['./dist/index.js', './dist/react.js', './dist/server.js', './dist/emulator.js', './dist/apivideo-uploader.js']),
    );
    expect(pointed.filter((path) => !existsSync(file(path)))).toEqual([]);
    for (const subpath of ['.', './react', './server', './emulator', './apivideo-uploader.js', './custom-elements.json']) {
      expect(Object.keys(pkg.exports)).toContain(subpath);
    }
  });

  it('ships a LICENSE, each source map a shipped file points to, and runtime dependencies that shipped files import', () => {
    const packed = packedBuild.files;
    expect(packed).toContain('LICENSE');
    expect(readFileSync(file('LICENSE'), 'utf8')).toMatch(/^MIT License/);
    const shippedJs = packed.filter((path) => path.endsWith('.js'));
    for (const path of shippedJs) {
      const pointer = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(file(path), 'utf8'));
      if (pointer) expect(packed, `${path} points to ${pointer[1]}`).toContain(join(path, '..', pointer[1]!));
    }
    // Maps for the minified bundle and its chunks only: the module build reads as it is (vite.lib.config.ts).
    const maps = packed.filter((path) => path.endsWith('.map'));
    expect(maps).toContain('dist/apivideo-uploader.js.map');
    expect(maps.filter((path) => !/^dist\/apivideo-uploader[\w-]*\.js\.map$/.test(path))).toEqual([]);
    // A dependency is installed with the package on every site: each must be one that a shipped file imports.
    const imported = new Set(
      shippedJs.flatMap((path) =>
        [...readFileSync(file(path), 'utf8').matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["']([^"'.][^"']*)["']/g)].map((m) => m[1]!),
      ),
    );
    const unused = Object.keys(pkg.dependencies).filter((name) => ![...imported].some((id) => id === name || id.startsWith(`${name}/`)));
    expect(unused).toEqual([]);
    // lit as a range, so that a site that already uses lit installs one copy of it, not two; nothing else.
    expect(pkg.dependencies).toEqual({ lit: expect.stringMatching(/^\^3\./) });
  });

  it('names the repository, its page and its issues, all at one address', () => {
    expect(pkg.repository).toEqual({ type: 'git', url: `git+${repositoryUrl}.git` });
    expect(pkg.homepage).toBe(`${repositoryUrl}#readme`);
    expect(pkg.bugs).toEqual({ url: `${repositoryUrl}/issues` });
    expect(pkg.keywords).toEqual(expect.arrayContaining(['web-component', 'api.video']));
  });

  it('ships the docs a user reads, every relative link of the packed README and docs leading to a packed file', () => {
    const packed = packedBuild.files;
    const pages = packed.filter((path) => path.endsWith('.md'));
    expect(pages).toEqual(expect.arrayContaining(['README.md', 'docs/api.md', 'docs/backend.md', 'docs/element.md', 'docs/emulator.md']));
    // Working on the project is the repository's business; the API reference ships once, as docs/api.md.
    expect(pages).not.toEqual(expect.arrayContaining(['docs/development.md']));
    expect(packed).not.toContain('dist/api-reference.md');
    const links = pages.flatMap((page) => linksOf(root, page).filter(isRelative).map((target) => ({ page, target })));
    expect(links.length).toBeGreaterThan(20);
    const broken = links.filter(({ page, target }) => !packed.includes(posix.normalize(posix.join(posix.dirname(page), target))));
    expect(broken).toEqual([]);
  });

  it('leaves the server\'s dependencies to the sites that run it: optional peers, kept by the project for its tests', () => {
    const optional = Object.keys(pkg.peerDependenciesMeta).filter((name) => pkg.peerDependenciesMeta[name].optional);
    expect(optional.sort()).toEqual(Object.keys(pkg.peerDependencies).sort());
    expect(optional).toEqual(expect.arrayContaining([...serverPeers]));
    for (const name of serverPeers) {
      expect(pkg.dependencies[name], name).toBeUndefined();
      expect(pkg.devDependencies[name], name).toMatch(/^\d+\.\d+\.\d+$/);
    }
  });

  it('keeps lit and React out of the module builds, and nothing out of the self-contained bundle', () => {
    const bareImports = (path: string) =>
      [...readFileSync(file(path), 'utf8').matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["']([^"'.][^"']*)["']/g)].map((m) => m[1]);
    expect(bareImports('dist/index.js')).toEqual(expect.arrayContaining(['lit']));
    expect(bareImports('dist/index.js').filter((id) => !id!.startsWith('lit'))).toEqual([]);
    // @lit/react is bundled into the wrapper, with its licence (src/react.ts says why).
    expect(bareImports('dist/react.js')).toEqual(['react']);
    expect(readFileSync(file('dist/react.js'), 'utf8')).toContain('SPDX-License-Identifier: BSD-3-Clause');
    expect(bareImports('dist/apivideo-uploader.js')).toEqual([]);
    // The uploader library comes from its sources, without the core-js its published bundle carries.
    const bundle = readFileSync(file('dist/apivideo-uploader.js'), 'utf8');
    expect(bundle).not.toMatch(/core-js/);
    // lit's production build, not its development one with warnings.
    expect(bundle).not.toContain('Lit is in dev mode');
    expect(readFileSync(file('dist/react.js'), 'utf8')).toMatch(/from "\.\/index\.js"/);
  });

  it('keeps the French strings and the queue out of what a page loads first, in both browser builds', () => {
    const french = 'Choisir une vidéo';
    for (const entry of ['dist/apivideo-uploader.js', 'dist/index.js']) {
      const first = staticClosure(file(entry));
      const later = first.flatMap(dynamicImports).filter((chunk) => !first.includes(chunk));
      const text = (files: string[]) => files.map((path) => readFileSync(path, 'utf8')).join('\n');
      expect(text(first), entry).not.toContain(french);
      // The queue's list of rows, in its view's template (templates stay as they are in the minified bundle; the
      // rows' part names are in the element's documentation comments too).
      expect(text(first), entry).not.toContain('role="list"');
      expect(text(later.flatMap(staticClosure)), entry).toContain('role="list"');
      expect(text(later.flatMap(staticClosure)), entry).toContain(french);
      expect(later.map((path) => path.replace(/^.*[\\/]/, '')), entry).toEqual(
        expect.arrayContaining([expect.stringMatching(/strings-fr/), expect.stringMatching(/queue-mode/)]),
      );
    }
  });

  // The engine: a sentence of the token source (the session's) and the uploader library's header name. The list: the
  // bar of a file under way (its view's template), a declaration of its view's rules, and one of the upload's English
  // sentences. (Part names will not do: the element's documentation comments, kept in the module build, list them.)
  it.each([
    { what: 'the upload engine', words: ['The token provider failed', 'Content-Range'], door: 'apivideo-uploader-upload-code.js' },
    {
      what: 'the list of uploads and the views of a file',
      words: ['role="progressbar"', 'unicode-bidi', 'is not the one uploaded earlier'],
      door: 'apivideo-uploader-list-code.js',
    },
  ])('keeps $what out of what a page loads first, in a chunk it fetches later, in both browser builds', ({ words, door }) => {
    for (const entry of ['dist/apivideo-uploader.js', 'dist/index.js']) {
      const first = staticClosure(file(entry));
      const later = first.flatMap(dynamicImports).filter((chunk) => !first.includes(chunk));
      const text = (files: string[]) => files.map((path) => readFileSync(path, 'utf8')).join('\n');
      for (const word of words) {
        expect(text(first), `${entry}: ${word}`).not.toContain(word);
        expect(text(later.flatMap(staticClosure)), `${entry}: ${word}`).toContain(word);
      }
    }
    // The bundle's: the door a page names in a modulepreload link (docs/element.md) leads to the upload's file, which
    // holds the list and the engine.
    const upload = readFileSync(file('dist/apivideo-uploader-upload.js'), 'utf8');
    for (const word of words) expect(upload, word).toContain(word);
    const doors = dynamicImports(file('dist/apivideo-uploader.js')).filter((path) => path.endsWith(door));
    expect(doors).toHaveLength(1);
    expect(staticClosure(doors[0]!)).toContain(file('dist/apivideo-uploader-upload.js'));
  });

  it('imports in Node without a DOM (server rendering), by the package name', async () => {
    const { stdout } = await node([
      '--input-type=module',
      '-e',
      `const main = await import('${pkg.name}');
       const react = await import('${pkg.name}/react');
       const server = await import('${pkg.name}/server');
       const emulator = await import('${pkg.name}/emulator');
       console.log(JSON.stringify({
         element: typeof main.ApiVideoUploader, event: typeof main.UploadProgressEvent, react: typeof react.ApiVideoUploader,
         handler: typeof server.createUploadTokenHandler, fetchHandler: typeof server.createUploadTokenFetchHandler,
         emulator: typeof emulator.createEmulator,
       }));`,
    ]);
    expect(JSON.parse(stdout)).toEqual({
      element: 'function',
      event: 'function',
      react: 'object',
      handler: 'function',
      fetchHandler: 'function',
      emulator: 'function',
    });
    // Each built server entry checks its dependencies, then hands on every export of its source.
    const built = Object.keys(await import(file(pkg.exports['./server'].default)));
    expect(built.sort()).toEqual(Object.keys(await import('../../../src/server/index.js')).sort());
    const builtEmulator = Object.keys(await import(file(pkg.exports['./emulator'].default)));
    expect(builtEmulator.sort()).toEqual(Object.keys(await import('../../../src/server/emulator/index.js')).sort());
  });

  it('keeps the token handler\'s entry free of Node: no `node:` module, busboy or Node client on its path', () => {
    // Every built file the entry loads, now or by `import()`, and the packages and built-ins they name.
    const seen = new Set([file(pkg.exports['./server'].default)]);
    for (const current of seen) for (const next of [...staticClosure(current), ...dynamicImports(current)]) seen.add(next);
    const named = [...seen].flatMap((path) =>
      [...readFileSync(path, 'utf8').matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w*{}\s,$]+from\s*|\(\s*)?["']([^"'.][^"']*)["']/g)].map((m) => m[1]!),
    );
    // The one dependency, from its own file: the library's index would load its cluster store (node:cluster).
    expect([...new Set(named)]).toEqual(['rate-limiter-flexible/lib/RateLimiterMemory.js']);
    // The emulator's entry, by the same reading, does name them: the reading sees what it looks for.
    const emulator = staticClosure(file(pkg.exports['./emulator'].default)).flatMap((path) => dynamicImports(path).flatMap(staticClosure));
    const emulatorNamed = emulator.flatMap((path) =>
      [...readFileSync(path, 'utf8').matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w*{}\s,$]+from\s*|\(\s*)?["']([^"'.][^"']*)["']/g)].map((m) => m[1]!),
    );
    expect(emulatorNamed).toEqual(expect.arrayContaining(['busboy', 'node:http']));
  });

  it('builds both command lines so that plain node runs them', async () => {
    for (const [name, path] of Object.entries(pkg.bin as Record<string, string>)) {
      expect(readFileSync(file(path), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
      const { stdout } = await node([file(path), '--help']);
      expect(stdout).toContain(`Usage: ${name}`);
    }
    const emulator = await node([
      '--input-type=module',
      '-e',
      `import { spawn } from 'node:child_process';
       const child = spawn(process.execPath, ['${file(pkg.bin['apivideo-emulator'])}', '--port', '0']);
       child.stdout.once('data', async (line) => {
         const url = String(line).match(/http:\\/\\/\\S+/)[0];
         const token = await (await fetch(url + '/__emulator/tokens', { method: 'POST', body: '{"ttl":60}' })).json();
         const listed = await (await fetch(url + '/upload-tokens', { headers: { Authorization: 'Basic ' + btoa('emulator-api-key:') } })).json();
         console.log(JSON.stringify({ made: token.token, listed: listed.data.map((t) => t.token) }));
         child.kill('SIGTERM');
       });`,
    ]);
    const { made, listed } = JSON.parse(emulator.stdout);
    expect(listed).toEqual([made]);
  });

  it('writes custom-elements.json describing <apivideo-uploader> without the analyzer’s guesses', () => {
    const manifest = JSON.parse(readFileSync(file(pkg.customElements), 'utf8'));
    const element = manifest.modules.flatMap((m: { declarations?: unknown[] }) => m.declarations ?? []).find(
      (d: { tagName?: string }) => d.tagName === 'apivideo-uploader',
    );
    expect(element.customElement).toBe(true);
    const events = element.events.map((e: { name: string }) => e.name);
    expect(events).toEqual(expect.arrayContaining(['upload-progress', 'upload-success', 'token-refresh', 'upload-error']));
    expect(events.every((name: unknown) => typeof name === 'string' && /^[a-z]+(-[a-z]+)+$/.test(name))).toBe(true);
    expect(element.attributes.map((a: { name: string }) => a.name)).toEqual(expect.arrayContaining(['token-url', 'api-host', 'chunk-size']));
    expect(element.members.some((m: { privacy?: string }) => m.privacy === 'private')).toBe(false);
    expect(element.cssParts.length).toBeGreaterThan(10);
    expect(element.cssProperties.length).toBeGreaterThan(5);
  });

  it('derives the manifest\'s events and the Vue types\' `on…` props from the events table', () => {
    const manifest = JSON.parse(readFileSync(file(pkg.customElements), 'utf8'));
    const element = manifest.modules.flatMap((m: { declarations?: unknown[] }) => m.declarations ?? []).find(
      (d: { tagName?: string }) => d.tagName === 'apivideo-uploader',
    );
    const table = uploaderEvents.map((event) => event.eventName);
    expect(table.length).toBeGreaterThanOrEqual(14);
    expect(element.events.map((e: { name: string }) => e.name)).toEqual(table);
    for (const e of element.events) expect(e.description, e.name).toMatch(/\w/);
    // The React wrapper builds its `on…` props with reactPropOf over the same table (src/react.ts).
    const props = table.map((name) => reactPropOf(name));
    expect(props).toContain('onUploadProgress');
    const vueProps = [...readFileSync(file('dist/vue.d.ts'), 'utf8').matchAll(/^\s+(on[A-Z]\w+)\?:/gm)].map((m) => m[1]);
    expect([...vueProps].sort()).toEqual([...props].sort());
  });

  /**
   * One vue-tsc run for the two Vue tests below (each run takes seconds): vue-types/'s components, and the Vue examples
   * of the README and docs/ as printed, each again with one prop of the wrong type, in one program with vue-types/'s
   * compiler options. Every file imports the package's Vue types itself or through main.ts, so each is checked as in a
   * run of its own. Started by the first test that asks; its `error` lines.
   */
  let vueCheck: Promise<{ blocks: ReturnType<typeof fencedBlocks>; errors: string[] }> | undefined;
  const checkVue = () =>
    (vueCheck ??= (async () => {
      const blocks = docFiles(root).flatMap((doc) => fencedBlocks(root, doc)).filter((block) => block.language === 'vue');
      const dir = file('.test-results/vue-docs');
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      blocks.forEach((block, i) => writeFileSync(join(dir, `Doc${i}.vue`), `${block.code}\n`));
      // Each example again with one prop of the wrong type: vue-tsc must still check the element's props there (a plain
      // attribute whose value holds `//`, as api-host="http://…", has it stop checking them, with no error of its own).
      const wrongProp = `:max-files="'ten'"`;
      blocks.forEach((block, i) => {
        writeFileSync(join(dir, `Wrong${i}.vue`), `${block.code.replace('<apivideo-uploader\n', `<apivideo-uploader ${wrongProp}\n`)}\n`);
      });
      // What the README's main.ts does once for the whole app: the package's Vue types.
      writeFileSync(join(dir, 'main.ts'), `import '${pkg.name}/vue';\nexport {};\n`);
      const include = ['*.vue', 'main.ts', '../../test/node/e2e/vue-types/*.vue'];
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: '../../test/node/e2e/vue-types/tsconfig.json', include }));
      const errors = await run(process.execPath, [file('node_modules/vue-tsc/bin/vue-tsc.js'), '-p', join(dir, 'tsconfig.json')], { cwd: root, timeout: 120_000 }).then(
        () => [],
        (error: { stdout?: string }) => String(error.stdout ?? error).split('\n').filter((line) => line.includes('error')),
      );
      return { blocks, errors };
    })());

  it('gives Vue users template types: vue-tsc accepts typed props and @events and refuses wrong ones', async () => {
    const errors = (await checkVue()).errors.filter((line) => line.includes('error TS'));
    expect(errors.filter((line) => line.includes('Good.vue'))).toEqual([]);
    expect(errors.filter((line) => line.includes('Bad.vue'))).toEqual([
      expect.stringContaining("Type 'string' is not assignable to type 'number'"),
      expect.stringContaining("Property 'noSuchField' does not exist on type 'UploadProgressDetail'"),
    ]);
  }, 130_000);
  it('typechecks the Vue examples of the README and docs/ with vue-tsc, as printed', async () => {
    const { blocks, errors: all } = await checkVue();
    expect(blocks.length).toBeGreaterThan(0);
    // Each example holds the line its wrong copy changes.
    for (const block of blocks) expect(block.code, `${block.file}:${block.line}`).toContain('<apivideo-uploader\n');
    // vue-types/'s own files are the test above's.
    const errors = all.filter((line) => !/[\\/]vue-types[\\/]/.test(line));
    expect(errors.filter((line) => line.includes('Doc'))).toEqual([]);
    expect(errors).toEqual(
      blocks.map((_, i) => expect.stringMatching(new RegExp(`[\\\\/]Wrong${i}\\.vue\\(\\d+,\\d+\\): error TS2322: Type 'string' is not assignable to type 'number'`))),
    );
  }, 130_000);
});

// Stand-ins for the modules examples import that no test installs, typed as far as the examples use them, so a wrong
// option still fails: Vite's Vue plugin; Playwright's test runner, whose pages are playwright-core's (its `test` and
// `expect` as the testing guide uses them); puppeteer, which is puppeteer-core and a browser download.
const ambient = `declare module '@vitejs/plugin-vue' {
  interface Options { template?: { compilerOptions?: { isCustomElement?: (tag: string) => boolean } } }
  export default function vue(options?: Options): { name: string };
}
declare module '@playwright/test' {
  import type { Locator, Page } from 'playwright-core';
  export * from 'playwright-core';
  export function test(title: string, body: (fixtures: { page: Page }) => Promise<void>): void;
  export function expect(locator: Locator): {
    toHaveAttribute(name: string, value: string | RegExp, options?: { timeout?: number }): Promise<void>;
  };
}
declare module 'puppeteer' {
  export * from 'puppeteer-core';
}
`;

describe('the packed package in a TypeScript project', () => {
  let project: PackedProject;
  // What a site compiles: every entry's types used, wrong uses refused (so the types are not `any`), and the README's
  // React and plain-page examples as they are printed; then every example of the README and docs/.
  const site = `import { ApiVideoUploader, DEFAULT_CHUNK_SIZE, type UploadErrorDetail, type UploadProgressEvent, type UploadState } from '${pkg.name}';
import { ApiVideoUploader as ReactUploader, type ApiVideoUploaderElement } from '${pkg.name}/react';
import { createUploadTokenFetchHandler, createUploadTokenHandler } from '${pkg.name}/server';
import { createEmulator, type Emulator } from '${pkg.name}/emulator';
import type { CustomElements } from '${pkg.name}/vue';

const element: ApiVideoUploader = document.createElement('apivideo-uploader');
const wrapped: ApiVideoUploaderElement = element;
element.chunkSize = DEFAULT_CHUNK_SIZE;
element.addEventListener('upload-progress', (event: UploadProgressEvent) => console.log(event.detail.percent));
element.addEventListener('upload-error', (event) => {
  const detail: UploadErrorDetail = event.detail;
  console.log(detail.code);
  // @ts-expect-error: the detail has no such field
  console.log(event.detail.noSuchField);
});
// @ts-expect-error: a chunk size is a number
element.chunkSize = 'five';
const state: UploadState = element.state;
type VueProps = InstanceType<CustomElements['apivideo-uploader']>['$props'];
const vueProps: VueProps = { tokenUrl: '/api/upload-token', onUploadProgress: (event) => console.log(event.detail.percent) };
// @ts-expect-error: a chunk size is a number
const wrongVueProps: VueProps = { chunkSize: 'five' };
const handler = createUploadTokenHandler({ apiKey: 'key', environment: 'sandbox' });
const fetchHandler: (request: Request) => Promise<Response> = createUploadTokenFetchHandler({ apiKey: 'key' });
// @ts-expect-error: no such option
createUploadTokenFetchHandler({ apiKeys: ['key'] });
const emulator: Emulator = createEmulator({ apiKeys: ['key'] });
console.log(ReactUploader, wrapped, state, vueProps, wrongVueProps, handler, fetchHandler, emulator);
`;

  const docExamples = examples(root);
  // The README's browser examples compile under every resolution a site may use; the server recipes import
  // frameworks (Express, Hono…) whose own types need `exports`, so all examples are checked once, with `bundler`.
  const readmeBrowser = docExamples.filter((e) => e.from.file === 'README.md' && ['tsx', 'html'].includes(e.from.language));

  beforeAll(async () => {
    project = await installPacked(root, packedBuild.tarball, [
      ...Object.keys(pkg.dependencies as object),
      ...Object.keys(pkg.peerDependencies as object),
      '@types/react',
      '@types/node',
      // What the docs' backend recipes import.
      ...['express', '@types/express', 'fastify', 'hono', '@hono/node-server', 'ioredis', 'vite'],
      // What the testing guide's examples drive the browser with.
      ...['playwright-core', 'puppeteer-core'],
    ]);
    writeFileSync(join(project.dir, 'site.ts'), site);
    writeFileSync(join(project.dir, 'ambient.d.ts'), ambient);
    for (const example of docExamples) writeFileSync(join(project.dir, example.name), example.source);
  }, 90_000);

  afterAll(() => {
    if (project) rmSync(project.dir, { recursive: true, force: true });
  });

  it.each([
    { moduleResolution: 'bundler', module: 'esnext' },
    { moduleResolution: 'node16', module: 'node16' },
    { moduleResolution: 'nodenext', module: 'nodenext' },
    // The resolution of older setups, which reads no `exports`: subpaths find their types through `typesVersions`.
    { moduleResolution: 'node10', module: 'esnext', ignoreDeprecations: '6.0' },
  ])('typechecks with moduleResolution $moduleResolution, the README examples included', async (options) => {
    const tsconfig = `tsconfig.${options.moduleResolution}.json`;
    writeFileSync(
      join(project.dir, tsconfig),
      JSON.stringify({
        compilerOptions: {
          ...options,
          target: 'es2022',
          lib: ['es2022', 'dom', 'dom.iterable'],
          jsx: 'react-jsx',
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: ['node'],
        },
        files: ['site.ts', ...readmeBrowser.map((e) => e.name)],
      }),
    );
    expect(readmeBrowser.length).toBeGreaterThanOrEqual(2);
    expect(await project.typecheck(tsconfig)).toEqual([]);
  }, 130_000);

  it('typechecks every example of the README and docs/, as printed', async () => {
    writeFileSync(
      join(project.dir, 'tsconfig.docs.json'),
      JSON.stringify({
        compilerOptions: {
          moduleResolution: 'bundler',
          module: 'esnext',
          target: 'es2022',
          lib: ['es2022', 'dom', 'dom.iterable'],
          jsx: 'react-jsx',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          esModuleInterop: true,
          types: ['node'],
        },
        files: ['ambient.d.ts', ...docExamples.map((e) => e.name)],
      }),
    );
    // Each error line names the example's file, which names the page and line it came from (doc-docs-backend-42.ts).
    expect(await project.typecheck('tsconfig.docs.json')).toEqual([]);
  }, 130_000);
});

describe('the packed package in a site without the server\'s dependencies', () => {
  let project: PackedProject;
  const inProject = (args: string[]) =>
    run(process.execPath, args, { cwd: project.dir, timeout: 30_000 }).then(
      ({ stdout }) => ({ code: 0, stdout, stderr: '' }),
      (error: { code?: number; stdout?: string; stderr?: string }) => ({ code: error.code, stdout: String(error.stdout), stderr: String(error.stderr) }),
    );
  const importServer = ['--input-type=module', '-e', `await import('${pkg.name}/server')`];
  const importEmulator = ['--input-type=module', '-e', `await import('${pkg.name}/emulator')`];
  const bin = (name: string) => join(project.dir, 'node_modules', pkg.name, pkg.bin[name]);

  beforeAll(async () => {
    project = await installPacked(root, packedBuild.tarball, Object.keys(pkg.dependencies as object));
  }, 90_000);

  afterAll(() => {
    if (project) rmSync(project.dir, { recursive: true, force: true });
  });

  it('imports the element, and names what to install when a server entry or a command line is used', async () => {
    expect((await inProject(['--input-type=module', '-e', `await import('${pkg.name}')`])).code).toBe(0);
    // Each entry names what it needs, and only that.
    const server = await inProject(importServer);
    expect(server.code).toBe(1);
    expect(server.stderr).toContain('apivideo-uploader-element/server needs rate-limiter-flexible: npm install rate-limiter-flexible\n');
    const emulator = await inProject(importEmulator);
    expect(emulator.code).toBe(1);
    expect(emulator.stderr).toContain('apivideo-uploader-element/emulator needs busboy: npm install busboy\n');
    // A command line prints the sentence alone, no stack, and fails.
    expect(await inProject([bin('apivideo-tokens'), '--help'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'apivideo-tokens needs @api.video/nodejs-client: npm install @api.video/nodejs-client\n',
    });
    expect(await inProject([bin('apivideo-emulator'), '--help'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'apivideo-emulator needs busboy: npm install busboy\n',
    });
  });

  it('runs each entry once its own dependencies are installed: the token handler needs neither busboy nor the Node client', async () => {
    symlinkSync(file('node_modules/rate-limiter-flexible'), join(project.dir, 'node_modules', 'rate-limiter-flexible'), 'dir');
    const handler = await inProject([
      '--input-type=module',
      '-e',
      `const { createUploadTokenFetchHandler, createUploadTokenHandler } = await import('${pkg.name}/server');
       createUploadTokenHandler({ apiKey: 'key' });
       const answer = await createUploadTokenFetchHandler({ apiKey: 'key' })(new Request('http://site.example/', { method: 'GET' }));
       console.log(answer.status);`,
    ]);
    expect(handler).toEqual({ code: 0, stdout: '405\n', stderr: '' });
    expect((await inProject(importEmulator)).stderr).toContain('apivideo-uploader-element/emulator needs busboy: npm install busboy\n');
    symlinkSync(file('node_modules/busboy'), join(project.dir, 'node_modules', 'busboy'), 'dir');
    expect((await inProject(importEmulator)).code).toBe(0);
    const emulator = await inProject([bin('apivideo-emulator'), '--help']);
    expect(emulator).toMatchObject({ code: 0, stdout: expect.stringContaining('Usage: apivideo-emulator') });
  });
});

describe('what installing the package costs a site that uses only the element, beside Mux Uploader', () => {
  it('installs at most 12 packages, no server dependency and no types for React, with no warning about install scripts', async () => {
    // Both installs at once: each waits mostly on the registry.
    const [ours, mux] = await Promise.all([installWeight(packedBuild.tarball), installWeight('@mux/mux-uploader@1.5.0')]);
    const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
    console.log(
      `install: ${pkg.name} ${ours.packages.length} packages, ${mib(ours.bytesOnDisk)} MiB on disk; ` +
        `@mux/mux-uploader@1.5.0 ${mux.packages.length} packages, ${mib(mux.bytesOnDisk)} MiB on disk`,
    );
    expect(ours.packages).toContain(pkg.name);
    expect(ours.packages.length).toBeLessThanOrEqual(12);
    expect(ours.packages.filter((name) => [...serverPeers, '@types/react', '@lit/react'].includes(name))).toEqual([]);
    expect(ours.warnings.filter((line) => /install.?scripts?/i.test(line))).toEqual([]);
    expect(mux.packages).toContain('@mux/mux-uploader');
  }, 400_000);
});

/** Serves a folder's files, nothing else: what a static host does. */
function serveFolder(dir: string): Promise<{ server: Server; url: string }> {
  const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript' };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://site.invalid').pathname;
    const target = join(dir, path === '/' ? 'index.html' : path);
    if (!target.startsWith(dir) || !existsSync(target)) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': types[extname(target)] ?? 'application/octet-stream' });
    res.end(readFileSync(target));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` });
    }),
  );
}

describe('the package in a site built with a bundler', () => {
  let project: string;
  let site: { server: Server; url: string };
  let browser: Browser;

  beforeAll(async () => {
    // A site that installed the package (a link to this folder, as `npm link` makes) and React.
    project = mkdtempSync(join(tmpdir(), 'apivideo-site-'));
    mkdirSync(join(project, 'node_modules'));
    symlinkSync(root, join(project, 'node_modules', pkg.name), 'dir');
    for (const dep of ['react', 'react-dom']) symlinkSync(file(`node_modules/${dep}`), join(project, 'node_modules', dep), 'dir');
    writeFileSync(
      join(project, 'index.html'),
      `<!doctype html><meta charset="utf-8"><title>Site</title>
       <apivideo-uploader id="plain" token-url="/plain-token"></apivideo-uploader><div id="root"></div>
       <script type="module" src="./main.js"></script>`,
    );
    writeFileSync(
      join(project, 'main.js'),
      `import '${pkg.name}';
       import { createElement } from 'react';
       import { createRoot } from 'react-dom/client';
       import { ApiVideoUploader } from '${pkg.name}/react';
       createRoot(document.getElementById('root')).render(
         createElement(ApiVideoUploader, { id: 'from-react', tokenUrl: '/react-token', chunkSize: 6291456, onUploadStart: () => {} }),
       );`,
    );
    // A page whose only use of the package is the import that registers the element: kept only if package.json's
    // `sideEffects` names the file that registers it.
    writeFileSync(
      join(project, 'plain.html'),
      `<!doctype html><meta charset="utf-8"><title>Plain</title>
       <apivideo-uploader token-url="/plain-token"></apivideo-uploader>
       <script type="module" src="./plain.js"></script>`,
    );
    // Vue's types module too, imported as the README's Vue quick start does: it must resolve and cost nothing.
    writeFileSync(join(project, 'plain.js'), `import '${pkg.name}';\nimport '${pkg.name}/vue';`);
    await viteBuild({
      root: project,
      configFile: false,
      logLevel: 'error',
      build: { outDir: 'dist', rollupOptions: { input: [join(project, 'index.html'), join(project, 'plain.html')] } },
    });
    site = await serveFolder(join(project, 'dist'));
    // Chromium alone: what is checked here is the package as built (what a bundler keeps of it), the same in every
    // engine; the element's behaviour in each engine is tested under test/browser and by the dev page's tests.
    browser = await launchBrowser('chromium');
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => site?.server.close(resolve));
    if (project) rmSync(project, { recursive: true, force: true });
  });

  it('registers the element once, for plain markup and for the React wrapper alike', async () => {
    const { page, errors } = await openPage(browser, site.url);
    await page.waitForSelector('#from-react');
    const seen = await page.evaluate(() => {
      const plain = document.querySelector('#plain') as HTMLElementTagNameMap['apivideo-uploader'];
      const fromReact = document.querySelector('#from-react') as HTMLElementTagNameMap['apivideo-uploader'];
      return {
        defined: customElements.get('apivideo-uploader') === plain.constructor,
        sameClass: plain.constructor === fromReact.constructor,
        plainRendered: Boolean(plain.shadowRoot?.querySelector('[part~="drop-zone"]')),
        plain: plain.tokenUrl,
        react: [fromReact.tokenUrl, fromReact.chunkSize],
      };
    });
    expect(seen).toEqual({ defined: true, sameClass: true, plainRendered: true, plain: '/plain-token', react: ['/react-token', 6291456] });
    expect(errors).toEqual([]);
    await page.close();
  });
  it('keeps the registering import of a page that uses nothing else from the package', async () => {
    const { page, errors } = await openPage(browser, `${site.url}/plain.html`);
    await page.waitForFunction(() => customElements.get('apivideo-uploader') !== undefined, { timeout: 10_000 });
    const rendered = await page.evaluate(
      () => Boolean(document.querySelector('apivideo-uploader')?.shadowRoot?.querySelector('[part~="drop-zone"]')),
    );
    expect(rendered).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });
});

/**
 * The frames of the browser suite's screenshot test (test/browser/element-looks.screenshots.test.ts), drawn by the
 * bundle: its templates are minified at build time, the suite's come from the sources.
 */
const LOOKS = [
  { name: 'idle-480-light-ltr', width: 480, dir: 'ltr', attributes: 'theme="light"' },
  { name: 'idle-480-dark-ltr', width: 480, dir: 'ltr', attributes: 'theme="dark"' },
  { name: 'idle-240-light-ltr', width: 240, dir: 'ltr', attributes: 'theme="light" max-file-size="2000000000" max-duration="600"' },
  { name: 'paused-320-light-ltr', width: 320, dir: 'ltr', attributes: 'theme="light"', paused: true },
  { name: 'paused-320-light-rtl', width: 320, dir: 'rtl', attributes: 'theme="light"', paused: true },
] as const;

/** One frame at the top of a page of its own, as each screenshot of the suite is taken. */
function looksPage({ name, width, dir, attributes, ...rest }: (typeof LOOKS)[number], emulatorUrl: string): string {
  const upload = 'paused' in rest ? ` api-host="${emulatorUrl}" chunk-size="5242880" token-url="/api/upload-token"` : '';
  return `<!doctype html>
<html>
  <head><meta charset="utf-8"><script type="module" src="/apivideo-uploader.js"></script>
  <style>
    body { margin: 0; background: #808080; font-family: sans-serif; }
    .frame { padding: 8px; display: inline-block; }
    apivideo-uploader::part(progress-indicator), apivideo-uploader::part(drop-zone), apivideo-uploader::part(button) { transition: none; }
    apivideo-uploader::part(video-id) { visibility: hidden; }
    apivideo-uploader::part(stats) { display: none; }
  </style></head>
  <body><div class="frame" id="${name}" dir="${dir}" style="width: ${width}px"><apivideo-uploader ${attributes}${upload}></apivideo-uploader></div></body>
</html>`;
}

describe('the self-contained bundle on a plain HTML page', () => {
  let site: Server;
  let siteUrl: string;
  let emulator: { listen(port: number, host: string): Promise<string>; close(): Promise<void> };
  let emulatorUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    // The built server entries, as a site's backend would use them: the emulator plays api.video, the handler hands out tokens.
    const server = await import(file('dist/server.js'));
    emulator = (await import(file('dist/emulator.js'))).createEmulator();
    emulatorUrl = await emulator.listen(0, '127.0.0.1');
    const tokens = server.createUploadTokenHandler({ apiKey: 'emulator-api-key', baseUri: emulatorUrl, rateLimit: false });
    site = createServer((req, res) => {
      if (req.url === '/api/upload-token') return tokens(req, res);
      // The bundle and the chunks beside it, as a site copying dist/ would serve them.
      if (req.url && /^\/apivideo-uploader(-[\w-]+)?\.js$/.test(req.url)) {
        res.writeHead(200, { 'Content-Type': 'text/javascript' });
        return res.end(readFileSync(file(`dist${req.url}`)));
      }
      const look = LOOKS.find(({ name }) => req.url === `/looks/${name}`);
      if (look) {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        return res.end(looksPage(look, emulatorUrl));
      }
      if (req.url === '/') {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        return res.end(`<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>Plain page</title>
  <script type="module" src="/apivideo-uploader.js"></script></head>
  <body>
    <apivideo-uploader token-url="/api/upload-token" api-host="${emulatorUrl}" chunk-size="5242880"></apivideo-uploader>
  </body>
</html>`);
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    const address = site.address();
    siteUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    // Chromium alone: what is checked here is that the built bundle alone registers and runs the element; how each
    // engine runs the element is tested under test/browser and by the dev page's tests.
    browser = await launchBrowser('chromium');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => site?.close(resolve));
    await emulator?.close();
  });

  /** A page of the site, at 800 × 900, once the bundle registered the element: its uncaught errors and the paths it fetched. */
  async function openPlainPage(path: string): Promise<{ page: Page; errors: string[]; fetched: string[] }> {
    const page = await browser.newPage();
    await page.setViewport({ width: 800, height: 900 });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    const fetched: string[] = [];
    page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
    await page.goto(`${siteUrl}${path}`);
    await page.waitForFunction(() => customElements.get('apivideo-uploader') !== undefined);
    return { page, errors, fetched };
  }

  it('registers the element and uploads a file in parts through the token URL', async () => {
    const { page, errors, fetched } = await openPlainPage('/');

    const bytes = Buffer.alloc(11 * MiB + 777);
    for (let i = 0; i < bytes.length; i += 512) bytes[i] = (i / 512) % 251;
    const dir = mkdtempSync(join(tmpdir(), 'apivideo-plain-'));
    try {
      writeFileSync(join(dir, 'plain.mp4'), bytes);
      await chooseFile(page, 'apivideo-uploader >>> input[type=file]', join(dir, 'plain.mp4'));
      await page.waitForSelector('apivideo-uploader[state="success"]', { timeout: 30_000 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    const videoId = await page.evaluate(() => document.querySelector('apivideo-uploader')!.videoId);
    const stored = await emulatorJson<EmulatorVideoReport>(emulatorUrl, `videos/${videoId}`);
    expect(stored).toMatchObject({ complete: true, size: bytes.length, receivedParts: [1, 2, 3] });
    expect(stored.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    // The bundle first, then the list and the upload engine beside it (at the file given, if the page was not idle
    // before), the frame decoder for the file's poster frame, and the worker that takes the parts' digests for the
    // resume record, in whatever order they come: no module graph, no build step, no French strings, no queue.
    const scripts = fetched.filter((path) => path.endsWith('.js'));
    expect(scripts[0]).toBe('/apivideo-uploader.js');
    expect([...scripts].sort()).toEqual([
      '/apivideo-uploader-digest-worker.js',
      '/apivideo-uploader-frames-code.js',
      '/apivideo-uploader-frames.js',
      '/apivideo-uploader-list-code.js',
      '/apivideo-uploader-upload-code.js',
      '/apivideo-uploader-upload.js',
      '/apivideo-uploader.js',
    ]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('draws the idle and paused element as the screenshot references of the browser suite show it', async () => {
    const differing: Record<string, number> = {};
    for (const look of LOOKS) {
      const { page } = await openPlainPage(`/looks/${look.name}`);
      await page.evaluate(async (still) => {
        const el = document.querySelector('apivideo-uploader')!;
        if (still) {
          // The suite's file as the element shows it: its still video (a frame beside the name) followed by zeros to
          // 10 MiB under a long name, paused once part 1 of 2 is stored.
          el.addEventListener('upload-part', () => el.pause(), { once: true });
          const video = Uint8Array.from(atob(still), (c) => c.charCodeAt(0));
          const file = new File([video, new Uint8Array(10 * 1024 * 1024 - video.length)], 'holiday in the mountains, summer 2026.webm', { type: 'video/webm' });
          void el.upload(file);
          while (el.state !== 'paused') await new Promise((resolve) => setTimeout(resolve, 20));
          for (;;) {
            const poster = el.shadowRoot!.querySelector<HTMLImageElement>('[part~="poster"]');
            if (poster?.complete && poster.naturalWidth > 0) {
              await poster.decode();
              break;
            }
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
        }
        await el.updateComplete;
        for (const animation of el.shadowRoot!.getAnimations()) animation.finish();
        await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      }, 'paused' in look ? readFileSync(file('test/fixtures/still.webm')).toString('base64') : '');
      const png = await (await page.$('.frame'))!.screenshot({ type: 'png' });
      differing[look.name] = differingPixels(decodePng(png), decodePng(readFileSync(file(`test/browser/screenshots/chromium/${look.name}.png`))));
      if (differing[look.name]) writeFileSync(join(tmpdir(), `bundle-${look.name}.png`), png);
      await page.close();
    }
    expect(differing).toEqual(Object.fromEntries(LOOKS.map(({ name }) => [name, 0])));
  });

  it('fetches the queue once an element sets `multiple`, and uploads two files through it', async () => {
    const { page, errors, fetched } = await openPlainPage('/');
    const outcome = await page.evaluate(async () => {
      const el = document.querySelector('apivideo-uploader')!;
      el.multiple = true;
      const complete = new Promise<unknown>((resolve) => el.addEventListener('queue-complete', (event) => resolve((event as CustomEvent).detail)));
      const video = (name: string) => new File([new Uint8Array(6 * 1024 * 1024).fill(name.length)], name, { type: 'video/mp4' });
      void el.upload(video('one.mp4'));
      void el.upload(video('second.mp4'));
      return { detail: await complete, files: el.files.map((entry) => [entry.file.name, entry.state]) };
    });
    expect(outcome).toEqual({
      detail: expect.objectContaining({ succeeded: 2 }),
      files: [['one.mp4', 'success'], ['second.mp4', 'success']],
    });
    expect(fetched.filter((path) => path.endsWith('.js')).sort()).toEqual(
      [
        '/apivideo-uploader-digest-worker.js',
        '/apivideo-uploader-frames-code.js',
        '/apivideo-uploader-frames.js',
        '/apivideo-uploader-list-code.js',
        '/apivideo-uploader-queue-mode.js',
        '/apivideo-uploader-queue.js',
        '/apivideo-uploader-upload-code.js',
        '/apivideo-uploader-upload.js',
        '/apivideo-uploader.js',
      ],
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it('fetches the French strings, once, when the page switches to French, and shows them', async () => {
    const { page, errors, fetched } = await openPlainPage('/');
    const prompt = () =>
      page.evaluate(() => document.querySelector('apivideo-uploader')!.shadowRoot!.querySelector('[part~="drop-zone"]')!.textContent!);
    expect(await prompt()).toContain('Choose a video');
    await page.evaluate(() => (document.documentElement.lang = 'fr'));
    await page.waitForFunction(
      () => document.querySelector('apivideo-uploader')!.shadowRoot!.querySelector('[part~="drop-zone"]')!.textContent!.includes('Choisir'),
      { timeout: 10_000 },
    );
    await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<apivideo-uploader lang="fr"></apivideo-uploader>'));
    await page.evaluate(() => document.querySelectorAll('apivideo-uploader')[1]!.updateComplete);
    // The upload (its list and its engine) comes too once the page is idle, whenever that is: not counted here.
    const scripts = fetched.filter((path) => path.endsWith('.js') && !/^\/apivideo-uploader-(upload|list)/.test(path));
    expect(scripts).toEqual(['/apivideo-uploader.js', '/apivideo-uploader-strings-fr.js']);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describeSiteTests(file('dist'));
