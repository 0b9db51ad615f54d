import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';

describe('the project setup', () => {
  it('pins every dependency to an exact version, but lit, which a site shares (the lockfile pins it here)', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    const all = { ...pkg.dependencies, ...pkg.devDependencies };
    const shared = ['lit'];
    const loose = Object.entries(all).filter(([name, v]) => !shared.includes(name) && !/^\d+\.\d+\.\d+$/.test(String(v)));
    expect(loose).toEqual([]);
    for (const name of shared) expect(pkg.dependencies[name]).toMatch(/^\^\d+\.\d+\.\d+$/);
    const lock = JSON.parse(readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8'));
    for (const name of shared) expect(lock.packages[`node_modules/${name}`].version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('gives each peer dependency a range (the site\'s own copy) and pins the copy this project tests with', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    for (const [name, range] of Object.entries(pkg.peerDependencies as Record<string, string>)) {
      expect(range, name).toMatch(/^[~^]\d+\.\d+\.\d+/);
      expect(pkg.devDependencies[name], name).toMatch(/^\d+\.\d+\.\d+$/);
    }
  });
});
