// Which packages the minified bundle's bytes come from, read from its source map: where a size goal is missed,
// this says what to cut.
import { readFileSync } from 'node:fs';

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

/** Minified bytes per owner, sorted largest first. Bytes no mapping covers are counted as "(unmapped)". */
export function bytesByOwner(bundlePath: string, owner: (source: string) => string = ownerOf): { owner: string; bytes: number }[] {
  const code = readFileSync(bundlePath, 'utf8');
  const map = JSON.parse(readFileSync(`${bundlePath}.map`, 'utf8')) as { sources: string[]; mappings: string };
  const lines = code.split('\n');
  const totals = new Map<string, number>();
  const add = (who: string, bytes: number) => totals.set(who, (totals.get(who) ?? 0) + bytes);
  let source = 0;
  map.mappings.split(';').forEach((line, lineIndex) => {
    const text = lines[lineIndex] ?? '';
    let column = 0;
    let previous: { column: number; owner: string } | undefined;
    for (const segment of line.split(',')) {
      if (!segment) continue;
      const fields = decodeSegment(segment);
      column += fields[0];
      const who = fields.length > 1 ? owner(map.sources[(source += fields[1])] ?? '?') : '(unmapped)';
      if (previous) add(previous.owner, column - previous.column);
      else add('(unmapped)', column);
      previous = { column, owner: who };
    }
    if (previous) add(previous.owner, Buffer.byteLength(text.slice(previous.column)));
    else add('(unmapped)', Buffer.byteLength(text));
  });
  return [...totals].map(([owner, bytes]) => ({ owner, bytes })).sort((a, b) => b.bytes - a.bytes);
}
