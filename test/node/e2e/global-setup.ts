// Before the e2e files: the element's bundle and the package's server entry, built once for the run (each took a Vite
// build in every framework test file), side by side, into a temporary folder removed after the run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildElementBundle, buildServerEntry } from '../frameworks/builds.js';

export default async function setup(project: TestProject): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), 'apivideo-e2e-builds-'));
  const serverDist = join(dir, 'server');
  const [elementBundle] = await Promise.all([buildElementBundle(join(dir, 'bundle')), buildServerEntry(serverDist)]);
  project.provide('elementBundle', elementBundle);
  project.provide('serverDist', serverDist);
  return () => rmSync(dir, { recursive: true, force: true });
}
