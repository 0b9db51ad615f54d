// What the element says of a `chunk-size` it could not take as it is (chunk-size.ts reads it): clamped into api.video's
// limits, or not a size at all. With the list: the values given before it arrived are read, and warned about, then.
import { MIN_CHUNK_SIZE } from '../upload/constants.js';
import { chunkBytes, givenChunkSize, type ChunkSizeValue } from './chunk-size.js';

export interface ChunkSizeReading {
  /** Whole bytes per part, within api.video's limits. */
  bytes: number;
  /** Why `bytes` is not what was given, in English; absent when the value was used as it is. */
  warning?: string;
}

const mib = (bytes: number) => `${bytes / (1024 * 1024)} MiB`;

/**
 * Reads `chunk-size`: absent or empty means the default (50 MiB); see ChunkSizeReading. `min` is api.video's 5 MiB
 * unless the element's `minChunkSize` lowers it.
 */
export function readChunkSize(value: ChunkSizeValue, min = MIN_CHUNK_SIZE): ChunkSizeReading {
  const given = givenChunkSize(value);
  const bytes = chunkBytes(value, min);
  if (given === undefined || given === bytes) return { bytes };
  const text = String(value).trim();
  if (Number.isNaN(given)) return { bytes, warning: `chunk-size "${text}" is not a size; using ${mib(bytes)}` };
  if (bytes !== MIN_CHUNK_SIZE && bytes === min) {
    return { bytes, warning: `chunk-size ${text} is below the minimum part size of ${min} bytes; using ${min} bytes` };
  }
  const [side, limit] = bytes === MIN_CHUNK_SIZE ? ['below', 'minimum'] : ['above', 'maximum'];
  return { bytes, warning: `chunk-size ${text} is ${side} api.video's ${limit} part size of ${mib(bytes)}; using ${mib(bytes)}` };
}

/**
 * One element's part size: what `value` (as the page wrote it, or a number set from script) comes to, warning once of
 * what was done to it, however often a value comes back. The element hands it each value as the attribute is set too,
 * where the page's own text is at hand: "10 MBs" is quoted as written, not as the bytes it became.
 */
export class PartSizeReader {
  readonly #warned = new Set<string>();
  readonly #element: HTMLElement;

  constructor(element: HTMLElement) {
    this.#element = element;
  }

  read(value: ChunkSizeValue, min?: number): number {
    const { bytes, warning } = readChunkSize(value, min);
    if (warning && !this.#warned.has(warning)) {
      this.#warned.add(warning);
      console.warn(`<${this.#element.localName}> ${warning}`);
    }
    return bytes;
  }
}
