// A project outside this folder that installed the package from the tarball `npm pack` makes: only the files that
// package.json's `files` lets in, resolved through its `exports`, `types` and `typesVersions`, as a user gets them.
// The package's dependencies are links to this folder's node_modules, so no registry is needed.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PackedProject {
  dir: string;
  /** Runs this folder's TypeScript on a tsconfig of the project; the `error TS` lines it printed. */
  typecheck(tsconfig: string): Promise<string[]>;
}

/** What `npm pack` made: the tarball and the paths of the files in it, as npm lists them. */
export interface Packed {
  tarball: string;
  files: string[];
}

/** `npm pack` of `root` into `dir`. */
export async function pack(root: string, dir: string): Promise<Packed> {
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], {
    cwd: root,
    timeout: 60_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  const [{ filename, files }] = JSON.parse(stdout) as [{ filename: string; files: { path: string }[] }];
  return { tarball: join(dir, filename), files: files.map((file) => file.path) };
}

/**
 * `tarball` (`root` packed) unpacked into a new project's node_modules, next to links to `links` (package names) in
 * `root`'s node_modules. One tarball serves every such project of a run: `npm pack` takes seconds.
 */
export async function installPacked(root: string, tarball: string, links: string[]): Promise<PackedProject> {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string };
  const dir = mkdtempSync(join(tmpdir(), 'apivideo-packed-'));
  const installed = join(dir, 'node_modules', pkg.name);
  mkdirSync(installed, { recursive: true });
  await run('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1'], { timeout: 30_000 });
  for (const name of links) {
    const link = join(dir, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(root, 'node_modules', name), link, 'dir');
  }
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'site', private: true, type: 'module' }));
  return {
    dir,
    async typecheck(tsconfig) {
      const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
      const output = await run(process.execPath, [tsc, '-p', join(dir, tsconfig)], { cwd: dir, timeout: 120_000 }).then(
        ({ stdout }) => stdout,
        (error: { stdout?: string }) => String(error.stdout ?? error),
      );
      return output.split('\n').filter((line) => line.includes('error TS'));
    },
  };
}
