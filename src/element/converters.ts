import type { ComplexAttributeConverter } from 'lit';
import { chunkBytes } from './chunk-size.js';

/**
 * A boolean attribute that is on by default. HTML booleans are off when absent, so this one reads the value:
 * absent, empty or anything else means true; `"false"`, `"off"`, `"no"` and `"0"` switch it off.
 */
export const defaultTrueBoolean: ComplexAttributeConverter<boolean> = {
  fromAttribute(value: string | null): boolean {
    if (value === null) return true;
    return !['false', 'off', 'no', '0'].includes(value.trim().toLowerCase());
  },
  toAttribute(value: boolean): string {
    return value ? '' : 'false';
  },
};

/** A number attribute: a missing, empty or non-numeric value is `undefined` rather than `NaN` or `0`. */
export const optionalNumber: ComplexAttributeConverter<number | undefined> = {
  fromAttribute(value: string | null): number | undefined {
    if (value === null || value.trim() === '') return undefined;
    const number = Number(value);
    return Number.isFinite(number) ? number : undefined;
  },
  toAttribute(value: number | undefined): string | null {
    return value === undefined ? null : String(value);
  },
};

/** A count set from an attribute or script (`max-files`, `concurrency`): a whole number from 1, else undefined. */
export function wholeCount(value: number | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 1 ? Math.floor(value) : undefined;
}

/** A text attribute whose removal leaves the property `undefined` (Lit's default converter gives `null`). */
export const optionalString: ComplexAttributeConverter<string | undefined> = {
  fromAttribute(value: string | null): string | undefined {
    return value ?? undefined;
  },
  toAttribute(value: string | undefined): string | null {
    return value ?? null;
  },
};

/**
 * `chunk-size`: bytes, or a size with a unit (`10MB`, `10 MiB`), read as whole bytes within api.video's limits. The
 * element warns about a value it had to correct (the converter has no element to speak for).
 */
export const chunkSizeAttribute: ComplexAttributeConverter<number | undefined> = {
  fromAttribute(value: string | null): number | undefined {
    return value === null ? undefined : chunkBytes(value);
  },
  toAttribute(value: number | undefined): string | null {
    return value === undefined ? null : String(value);
  },
};
