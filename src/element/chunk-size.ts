// `chunk-size` as a page author writes it: bytes (`52428800`, `5242880.0`) or a size with a unit (`10MB`, `10 MiB`).
// api.video takes parts of 5 MiB to 128 MiB. A value outside is clamped, and one that cannot be read falls back to the
// default. What the element makes of a value is here, in the first file (the property holds it as it is set); the
// warning that says what was done, because a silent fallback leaves the author wondering why the parts are not the size
// they asked for, comes with the list (part-size.ts).
import { DEFAULT_CHUNK_SIZE, MAX_CHUNK_SIZE, MIN_CHUNK_SIZE } from '../upload/constants.js';

/** Bytes per unit: decimal prefixes are powers of 1000, binary ones (`KiB`, `MiB`, `GiB`) powers of 1024. */
const UNITS: Readonly<Record<string, number>> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
};

/** A decimal number (no sign: a size is never negative), an optional exponent, an optional unit after it. */
const SIZE = /^((?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s*([kmg]i?b|b)?$/i;

export type ChunkSizeValue = number | string | null | undefined;

/** The whole bytes `value` gives: undefined when absent or empty (the default, without a word), NaN when not a size. */
export function givenChunkSize(value: ChunkSizeValue): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = String(value).trim();
  if (text === '') return undefined;
  const match = typeof value === 'number' ? undefined : SIZE.exec(text);
  const given = typeof value === 'number' ? value : match ? Number(match[1]) * UNITS[(match[2] ?? 'b').toLowerCase()] : NaN;
  return Number.isFinite(given) ? Math.round(given) : NaN;
}

/**
 * The part size `value` comes to: within api.video's limits, the default (50 MiB) when absent or not a size. `min` is
 * api.video's 5 MiB unless the element's `minChunkSize` lowers it for a server that takes smaller parts.
 */
export function chunkBytes(value: ChunkSizeValue, min = MIN_CHUNK_SIZE): number {
  const given = givenChunkSize(value);
  return given === undefined || Number.isNaN(given) ? DEFAULT_CHUNK_SIZE : Math.min(MAX_CHUNK_SIZE, Math.max(min, given));
}
