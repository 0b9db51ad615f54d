// The README and docs/ as a reader meets them: a short README, every code block labelled, every example a module that
// uses the package by its public name, and every link to a file of this repository pointing at one that exists.
// The examples are typechecked against the packed package in test/node/e2e/package.test.ts.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { blockLanguages, docFiles, examples, fencedBlocks, isRelative, linksOf, repositoryUrl } from './doc-examples.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const files = docFiles(root);

describe('README.md and docs/', () => {
  it('keeps the README short: a page for users, the details in docs/', () => {
    expect(readFileSync(join(root, 'README.md'), 'utf8').split('\n').length).toBeLessThanOrEqual(260);
    expect(files).toEqual(expect.arrayContaining(['docs/api.md', 'docs/backend.md', 'docs/emulator.md', 'docs/theming.md']));
  });

  it('labels every code block with a known language', () => {
    const unlabelled = files
      .flatMap((file) => fencedBlocks(root, file))
      .filter((block) => !(blockLanguages as readonly string[]).includes(block.language))
      .map((block) => `${block.file}:${block.line} \`\`\`${block.language}`);
    expect(unlabelled).toEqual([]);
  });

  it('gathers the examples meant as code, each importing the package by its public name, never a repository path', () => {
    const found = examples(root);
    // The README's page script, React component, Vue set-up and both token handlers at least.
    expect(found.filter((e) => e.from.file === 'README.md').length).toBeGreaterThanOrEqual(6);
    expect(found.some((e) => e.name.endsWith('.tsx'))).toBe(true);
    for (const example of found) {
      expect(example.source, `${example.from.file}:${example.from.line}`).not.toMatch(/from '\.{1,2}\/(src|test|demo)\//);
    }
  });

  it('links only to files that exist', () => {
    const broken: string[] = [];
    for (const file of files) {
      for (const target of linksOf(root, file).filter(isRelative)) {
        if (!existsSync(join(root, dirname(file), target))) broken.push(`${file} → ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  // Pages that do not ship in the package (working on the project, the benchmarks) are linked from the shipped ones
  // by their address in the repository, so that the links work on npm too; those addresses must name files that exist.
  it('links to files of the repository on GitHub only when they exist here', () => {
    const blob = `${repositoryUrl}/blob/main/`;
    const linked = files.flatMap((file) => linksOf(root, file).filter((target) => target.startsWith(repositoryUrl)).map((target) => [file, target]));
    expect(linked.length).toBeGreaterThan(0);
    const broken = linked.filter(([, target]) => !target!.startsWith(blob) || !existsSync(join(root, target!.slice(blob.length))));
    expect(broken).toEqual([]);
  });
});
