// The checks of values a person typed (a query parameter, a command-line flag), shared by the emulator, the dev
// routes and the token command line; each turns a ValueError into its own kind of answer.

export class ValueError extends Error {
  constructor(
    /** What was wrong: not a whole number at all, a whole number out of range, or not one of the allowed words. */
    readonly kind: 'not-a-whole-number' | 'out-of-range' | 'not-allowed',
    /** The rule, as a sentence: "pageSize must be a whole number from 1 to 100." */
    readonly rule: string,
    /** What was given. */
    readonly raw: string,
  ) {
    super(`${rule.replace(/\.$/, '')} (got "${raw}").`);
  }
}

/** A whole number from min to max, written in decimal; undefined when absent or empty. */
export function wholeNumber(raw: string | null | undefined, name: string, min: number, max: number): number | undefined {
  if (raw === null || raw === undefined || raw.trim() === '') return undefined;
  const rule = `${name} must be a whole number from ${min} to ${max}.`;
  if (!/^-?\d+$/.test(raw.trim())) throw new ValueError('not-a-whole-number', rule, raw);
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min || value > max) throw new ValueError('out-of-range', rule, raw);
  return value;
}

/** One of the allowed words; undefined when absent or empty. */
export function oneOf<T extends string>(raw: string | null | undefined, name: string, allowed: readonly T[]): T | undefined {
  if (raw === null || raw === undefined || raw === '') return undefined;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ValueError('not-allowed', `${name} must be ${allowed.join(' or ')}.`, raw);
  }
  return raw as T;
}
