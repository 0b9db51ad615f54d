// Which packages the minified bundle's bytes come from, read from its source map: where a size goal is missed,
// this says what to cut. Minified bytes say how much code; what a module costs a page compressed is its marginal: the
// file's gzip size less the gzip size of the file without that module's bytes.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((c, i) => [c, i]));

function decodeSegment(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = DIGIT.get(char);
    if (digit === undefined) throw new Error(`bad VLQ character ${char}`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

/** The package (or `src` for the project's own code) a source path belongs to. */
export function ownerOf(source: string): string {
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  if (inModules) return inModules[1];
  return /(^|\/)src\//.test(source) ? 'this project (src/)' : source;
}

/** Each byte of the minified file, named by the owner of the source it maps to ("(unmapped)" where none). */
function ownersOfBytes(bundlePath: string, owner: (source: string) => string): { bytes: Buffer; owners: string[] } {
  const code = readFileSync(bundlePath, 'utf8');
  const map = JSON.parse(readFileSync(`${bundlePath}.map`, 'utf8')) as { sources: string[]; mappings: string };
  const lines = code.split('\n');
  const owners: string[] = [];
  let source = 0;
  map.mappings.split(';').forEach((line, lineIndex) => {
    const text = lines[lineIndex] ?? '';
    const named: string[] = new Array(Buffer.byteLength(text)).fill('(unmapped)');
    let column = 0;
    let previous: { column: number; owner: string } | undefined;
    const fill = (from: number, to: number, who: string) => {
      const start = Buffer.byteLength(text.slice(0, from));
      const end = Buffer.byteLength(text.slice(0, to));
      for (let i = start; i < end; i++) named[i] = who;
    };
    for (const segment of line.split(',')) {
      if (!segment) continue;
      const fields = decodeSegment(segment);
      column += fields[0];
      const who = fields.length > 1 ? owner(map.sources[(source += fields[1])] ?? '?') : '(unmapped)';
      if (previous) fill(previous.column, column, previous.owner);
      previous = { column, owner: who };
    }
    if (previous) fill(previous.column, text.length, previous.owner);
    owners.push(...named);
    if (lineIndex < lines.length - 1) owners.push('(unmapped)');
  });
  return { bytes: Buffer.from(code, 'utf8'), owners };
}

/** Minified bytes per owner, sorted largest first. Bytes no mapping covers are counted as "(unmapped)". */
export function bytesByOwner(bundlePath: string, owner: (source: string) => string = ownerOf): { owner: string; bytes: number }[] {
  const { owners } = ownersOfBytes(bundlePath, owner);
  const totals = new Map<string, number>();
  for (const who of owners) totals.set(who, (totals.get(who) ?? 0) + 1);
  return [...totals].map(([owner, bytes]) => ({ owner, bytes })).sort((a, b) => b.bytes - a.bytes);
}

/**
 * Minified bytes and gzip -9 marginal per owner, largest marginal first: what the file would weigh gzipped less
 * without that owner's bytes. The marginals add up to about the file's gzip size, not exactly.
 */
export function gzipByOwner(
  bundlePath: string,
  owner: (source: string) => string = ownerOf,
): { owner: string; bytes: number; gzip: number }[] {
  const { bytes, owners } = ownersOfBytes(bundlePath, owner);
  const whole = gzipSync(bytes, { level: 9 }).length;
  const names = [...new Set(owners)];
  return names
    .map((name) => {
      const rest = Buffer.from(bytes.filter((_, i) => owners[i] !== name));
      return { owner: name, bytes: bytes.length - rest.length, gzip: whole - gzipSync(rest, { level: 9 }).length };
    })
    .sort((a, b) => b.gzip - a.gzip);
}
