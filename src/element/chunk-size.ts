// `chunk-size` as a page author writes it: bytes (`52428800`, `5242880.0`) or a size with a unit (`10MB`, `10 MiB`).
// api.video takes parts of 5 MiB to 128 MiB. A value outside is clamped, and one that cannot be read falls back to the
// default; either way the reading carries a warning that says what was done, because a silent fallback leaves the
// author wondering why the parts are not the size they asked for.
import { DEFAULT_CHUNK_SIZE, MAX_CHUNK_SIZE, MIN_CHUNK_SIZE } from '../upload/constants.js';

const MiB = 1024 * 1024;

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

export interface ChunkSizeReading {
  /** Whole bytes per part, within api.video's limits. */
  bytes: number;
  /** Why `bytes` is not what was given, in English; absent when the value was used as it is. */
  warning?: string;
}

const mib = (bytes: number) => `${bytes / MiB} MiB`;

/**
 * Reads `chunk-size`: absent or empty means the default (50 MiB); see ChunkSizeReading. `min` is api.video's 5 MiB
 * unless the element's `minChunkSize` lowers it for a server that takes smaller parts.
 */
export function readChunkSize(value: number | string | null | undefined, min = MIN_CHUNK_SIZE): ChunkSizeReading {
  if (value === null || value === undefined) return { bytes: DEFAULT_CHUNK_SIZE };
  const text = String(value).trim();
  if (text === '') return { bytes: DEFAULT_CHUNK_SIZE };
  const given = typeof value === 'number' ? value : parseSize(text);
  if (given === undefined || !Number.isFinite(given)) {
    return { bytes: DEFAULT_CHUNK_SIZE, warning: `chunk-size "${text}" is not a size; using ${mib(DEFAULT_CHUNK_SIZE)}` };
  }
  const bytes = Math.round(given);
  if (bytes < min) {
    const least = min === MIN_CHUNK_SIZE ? `api.video's minimum part size of ${mib(min)}` : `the minimum part size of ${min} bytes`;
    return { bytes: min, warning: `chunk-size ${text} is below ${least}; using ${min === MIN_CHUNK_SIZE ? mib(min) : `${min} bytes`}` };
  }
  if (bytes > MAX_CHUNK_SIZE) {
    return {
      bytes: MAX_CHUNK_SIZE,
      warning: `chunk-size ${text} is above api.video's maximum part size of ${mib(MAX_CHUNK_SIZE)}; using ${mib(MAX_CHUNK_SIZE)}`,
    };
  }
  return { bytes };
}

function parseSize(text: string): number | undefined {
  const match = SIZE.exec(text);
  if (!match) return undefined;
  return Number(match[1]) * UNITS[(match[2] ?? 'b').toLowerCase()];
}

/**
 * One element's part size: what `value` (as the page wrote it, or a number set from script) comes to, warning once of
 * what was done to it, however often a value comes back. Read as the attribute is set too, where the page's own text
 * is at hand: "10 MBs" is quoted as written, not as the bytes it became.
 */
export class PartSizeReader {
  readonly #warned = new Set<string>();
  readonly #element: HTMLElement;

  constructor(element: HTMLElement) {
    this.#element = element;
  }

  read(value: string | number | null | undefined, min?: number): number {
    const { bytes, warning } = readChunkSize(value, min);
    if (warning && !this.#warned.has(warning)) {
      this.#warned.add(warning);
      console.warn(`<${this.#element.localName}> ${warning}`);
    }
    return bytes;
  }
}
