// Which built files a module fetches: the relative `import … from`, `export … from` and bare `import "…"` of an ES
// module (minified or not) load before it runs; `import("…")` only when its code asks.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const STATIC = /(?:\bfrom|\bimport)\s*["'`](\.{1,2}\/[^"'`]+)["'`]/g;
const DYNAMIC = /\bimport\(\s*["'`](\.{1,2}\/[^"'`]+)["'`]\s*\)/g;

const relative = (file: string, pattern: RegExp) =>
  [...readFileSync(file, 'utf8').matchAll(pattern)].map((match) => join(dirname(file), match[1]!));

/** `file` and every file it imports statically, recursively: what a page that loads it fetches before it runs. */
export function staticClosure(file: string): string[] {
  const seen = new Set<string>([file]);
  for (const current of seen) for (const imported of relative(current, STATIC)) seen.add(imported);
  return [...seen];
}

/** The files `file` imports with `import()`. */
export function dynamicImports(file: string): string[] {
  return relative(file, DYNAMIC);
}
