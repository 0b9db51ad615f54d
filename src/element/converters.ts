import type { ComplexAttributeConverter } from 'lit';

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
