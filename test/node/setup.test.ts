import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';

describe('the project setup', () => {
  it('pins every dependency to an exact version', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    const all = { ...pkg.dependencies, ...pkg.devDependencies };
    const loose = Object.entries(all).filter(([, v]) => !/^\d+\.\d+\.\d+$/.test(String(v)));
    expect(loose).toEqual([]);
  });
});
