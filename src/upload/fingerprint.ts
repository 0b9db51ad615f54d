// What tells a file chosen again from the file it was. Its name, size, type, modification time and a digest of its
// first and last 64 KiB find the record of an earlier upload (reading 128 KiB whatever the file's size); only the
// digest of every part the server holds proves it is the same file: an edit inside the file, or a file built with the
// same name, size and date, shares all the rest. Reads and digests are asynchronous, and the parts' digests are
// taken in a worker where the page can start one (part-digests.ts): the same `partDigest`, wherever it runs.

/** Bytes read from each end of the file. */
export const SAMPLE_BYTES = 64 * 1024;

export interface FileFingerprint {
  readonly name: string;
  readonly size: number;
  readonly type: string;
  readonly lastModified: number;
  /** `sha256:<hex>` of the first and last 64 KiB (`fnv1a:<hex>` where SubtleCrypto is missing: an insecure origin). */
  readonly sample: string;
}

export async function fingerprintOf(file: File): Promise<FileFingerprint> {
  const head = file.slice(0, Math.min(file.size, SAMPLE_BYTES));
  // The tail overlaps the head for a file under 128 KiB: the whole file is read, once per end, which is still tiny.
  const tail = file.slice(Math.max(0, file.size - SAMPLE_BYTES));
  const bytes = new Uint8Array(await new Blob([head, tail]).arrayBuffer());
  return {
    name: file.name,
    size: file.size,
    type: file.type,
    lastModified: file.lastModified,
    sample: await digest(bytes),
  };
}

/** `sha256:<hex>` of the bytes `start..end` of `file`: one part, as the record keeps it for each part the server holds. */
export async function partDigest(file: Blob, start: number, end: number): Promise<string> {
  return digest(new Uint8Array(await file.slice(start, end).arrayBuffer()));
}

/** One string for one file: the key records are stored under. */
export function fingerprintKey(fingerprint: FileFingerprint): string {
  const { name, size, type, lastModified, sample } = fingerprint;
  return JSON.stringify([name, size, type, lastModified, sample]);
}

export function sameFile(a: FileFingerprint, b: FileFingerprint): boolean {
  return fingerprintKey(a) === fingerprintKey(b);
}

async function digest(bytes: Uint8Array): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (subtle) {
    const hash = new Uint8Array(await subtle.digest('SHA-256', bytes as BufferSource));
    return `sha256:${hex(hash)}`;
  }
  return `fnv1a:${fnv1a64(bytes)}`;
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * 64-bit FNV-1a in two 32-bit halves, for pages served over plain http (no SubtleCrypto there). Not a cryptographic
 * hash: it only has to tell two files apart that already share their name, size, type and modification time.
 */
export function fnv1a64(bytes: Uint8Array): string {
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  for (let i = 0; i < bytes.length; i++) {
    lo = (lo ^ bytes[i]) >>> 0;
    // × 0x100000001b3, carried over the two halves.
    const loMul = lo * 0x1b3;
    const carry = Math.floor(loMul / 0x100000000);
    hi = (Math.imul(hi, 0x1b3) + Math.imul(lo, 0x100) + carry) >>> 0;
    lo = loMul >>> 0;
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}
