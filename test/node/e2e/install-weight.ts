// What installing a package costs a site: `npm install` of one package into a new, empty project, from the registry
// npm is configured with, as a site would run it; then what npm added, its weight on disk and what npm warned about.
import { execFile } from 'node:child_process';
import { lstatSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface InstallWeight {
  /** Every package npm put in node_modules, by name. */
  packages: string[];
  /** node_modules on disk, in blocks as `du` counts them. */
  bytesOnDisk: number;
  /** npm's `npm warn` lines. */
  warnings: string[];
}

/** Bytes that `path` takes on disk, links not followed, as `du -s` counts them. */
function diskUsage(path: string): number {
  const stat = lstatSync(path);
  const own = stat.blocks * 512;
  if (!stat.isDirectory()) return own;
  return readdirSync(path).reduce((sum, name) => sum + diskUsage(join(path, name)), own);
}

/** Installs `spec` (a name@version or a tarball's path) into an empty project, measures it, and removes the project. */
export async function installWeight(spec: string): Promise<InstallWeight> {
  const dir = mkdtempSync(join(tmpdir(), 'apivideo-weight-'));
  try {
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'site', private: true }));
    const { stdout, stderr } = await run('npm', ['install', spec, '--no-audit', '--no-fund'], {
      cwd: dir,
      timeout: 180_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    const lock = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
    const packages = Object.keys(lock.packages)
      .filter((path) => path.startsWith('node_modules/'))
      .map((path) => path.replace(/^.*node_modules\//, ''));
    const warnings = `${stdout}\n${stderr}`.split('\n').filter((line) => /^npm warn/i.test(line));
    return { packages, bytesOnDisk: diskUsage(join(dir, 'node_modules')), warnings };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
