export type ContentRange =
  | { kind: 'none' }
  | { kind: 'part'; part: number; total: number | null }
  | { kind: 'bytes'; from: number; to: number; total: number | null }
  | { kind: 'malformed' };

// api.video's grammar: `part <part>/<total_parts|*>` or `bytes <from>-<to>/<total_bytes|*>`.
const GRAMMAR = /^(?:bytes (\d{1,16})-(\d{1,16})|part (\d{1,16}))\/(\d{1,16}|\*)$/;

export function parseContentRange(header: string | string[] | undefined): ContentRange {
  if (header === undefined) return { kind: 'none' };
  if (Array.isArray(header)) return { kind: 'malformed' };
  const m = GRAMMAR.exec(header.trim());
  if (!m) return { kind: 'malformed' };
  const total = m[4] === '*' ? null : Number(m[4]);
  const numbers = [m[1], m[2], m[3], m[4]].filter((x) => x !== undefined && x !== '*').map(Number);
  if (numbers.some((n) => !Number.isSafeInteger(n))) return { kind: 'malformed' };
  if (m[3] !== undefined) return { kind: 'part', part: Number(m[3]), total };
  return { kind: 'bytes', from: Number(m[1]), to: Number(m[2]), total };
}
