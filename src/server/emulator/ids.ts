import { randomBytes } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** An id shaped like api.video's: a two-letter prefix (`to`, `vi`, `pl`) and 22 base62 characters. */
export function newId(prefix: 'to' | 'vi' | 'pl'): string {
  let out = prefix;
  // Rejection sampling keeps every character equally likely (256 is not a multiple of 62).
  while (out.length < prefix.length + 22) {
    for (const byte of randomBytes(32)) {
      if (byte < 248 && out.length < prefix.length + 22) out += BASE62[byte % 62];
    }
  }
  return out;
}

export function isId(prefix: 'to' | 'vi' | 'pl', value: string): boolean {
  return new RegExp(`^${prefix}[0-9A-Za-z]{22}$`).test(value);
}
