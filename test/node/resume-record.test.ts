// Resume records and file fingerprints: pure parts, tested in Node (which has File and SubtleCrypto).
import { describe, expect, it } from 'vitest';
import { fingerprintKey, fingerprintOf, fnv1a64, sameFile, SAMPLE_BYTES } from '../../src/upload/fingerprint.js';
import {
  RECORD_VERSION, acknowledgedBytes, acknowledgedPercent, decideResume, firstMissingPart, isExpired, readRecord, recordKey,
  type ResumeRecord,
} from '../../src/upload/resume-record.js';

const MiB = 1024 * 1024;

function bytes(size: number, seed: number): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

const file = (data: Uint8Array, name = 'holiday.mp4', lastModified = 1_700_000_000_000) =>
  new File([data as BlobPart], name, { type: 'video/mp4', lastModified });

const fingerprint = { name: 'holiday.mp4', size: 36 * MiB + 10, type: 'video/mp4', lastModified: 1_700_000_000_000, sample: 'sha256:ab' };

function record(overrides: Partial<ResumeRecord> = {}): ResumeRecord {
  return {
    version: RECORD_VERSION,
    key: recordKey('', 'ws.api.video', fingerprint),
    namespace: '',
    apiHost: 'ws.api.video',
    fingerprint,
    videoId: 'vi4blUQJFrYWbaG44NChkH27',
    chunkSize: 5 * MiB,
    parts: 8,
    acknowledged: [1, 2, 3, 4],
    digests: { 1: 'sha256:01', 2: 'sha256:02', 3: 'sha256:03', 4: 'sha256:04' },
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_100_000,
    ...overrides,
  };
}

describe('file fingerprints', () => {
  it('are equal for the same bytes and metadata, and differ by the bytes at either end', async () => {
    const data = bytes(3 * SAMPLE_BYTES, 1);
    const same = await fingerprintOf(file(data));
    expect(sameFile(same, await fingerprintOf(file(data.slice())))).toBe(true);
    expect(same).toMatchObject({ name: 'holiday.mp4', size: data.length, type: 'video/mp4', lastModified: 1_700_000_000_000 });
    expect(same.sample).toMatch(/^sha256:[0-9a-f]{64}$/);

    const head = data.slice();
    head[0] ^= 1;
    const tail = data.slice();
    tail[tail.length - 1] ^= 1;
    expect(sameFile(same, await fingerprintOf(file(head)))).toBe(false);
    expect(sameFile(same, await fingerprintOf(file(tail)))).toBe(false);
    expect(sameFile(same, await fingerprintOf(file(data, 'holiday.mp4', 1_700_000_000_001)))).toBe(false);
    expect(sameFile(same, await fingerprintOf(file(data, 'other.mp4')))).toBe(false);
  });

  it('read a file smaller than the sample whole', async () => {
    const small = bytes(100, 2);
    const changed = small.slice();
    changed[50] ^= 1;
    expect(sameFile(await fingerprintOf(file(small)), await fingerprintOf(file(changed)))).toBe(false);
    expect(fingerprintKey(await fingerprintOf(file(new Uint8Array(0))))).toContain('sha256:e3b0c442');
  });

  it('fall back to 64-bit FNV-1a, with its published values', () => {
    const text = (s: string) => new TextEncoder().encode(s);
    expect(fnv1a64(new Uint8Array(0))).toBe('cbf29ce484222325');
    expect(fnv1a64(text('a'))).toBe('af63dc4c8601ec8c');
    expect(fnv1a64(text('foobar'))).toBe('85944171f73967e8');
  });
});

describe('resume decisions', () => {
  const plan = { apiHost: 'ws.api.video', chunkSize: 5 * MiB, parts: 8 };

  it('continue a record made the same way, into its video, with its parts', () => {
    expect(decideResume(record(), plan)).toEqual({ resume: true, videoId: 'vi4blUQJFrYWbaG44NChkH27', acknowledged: [1, 2, 3, 4] });
    expect(decideResume(record(), { ...plan, videoId: 'vi4blUQJFrYWbaG44NChkH27' }).resume).toBe(true);
  });

  it('start over, saying why, when the part size or the named video differ; without a record there is nothing to say', () => {
    expect(decideResume(undefined, plan)).toEqual({ resume: false });
    expect(decideResume(record(), { ...plan, chunkSize: 6 * MiB, parts: 7 })).toEqual({ resume: false, reason: 'part-size-changed' });
    expect(decideResume(record(), { ...plan, videoId: 'viOTHER00000000000000000' })).toEqual({ resume: false, reason: 'other-video' });
  });

  it('start at the first part not acknowledged, and count the bytes the server holds', () => {
    expect(firstMissingPart([1, 2, 3, 4], 8)).toBe(5);
    expect(firstMissingPart([1, 3], 8)).toBe(2);
    expect(firstMissingPart([], 8)).toBe(1);
    expect(acknowledgedBytes([1, 2, 8], 36 * MiB + 10, 5 * MiB)).toBe(10 * MiB + MiB + 10);
    expect(acknowledgedPercent(record())).toBe(55);
    expect(acknowledgedPercent(record({ acknowledged: [1, 2, 3, 4, 5, 6, 7] }))).toBe(97);
  });

  it('expire after their maximum age since the last part', () => {
    const r = record();
    expect(isExpired(r, r.updatedAt + 1000, 1000)).toBe(false);
    expect(isExpired(r, r.updatedAt + 1001, 1000)).toBe(true);
  });
});

describe('stored records read back', () => {
  it('are taken as they were written, parts sorted once each', () => {
    expect(readRecord(record())).toEqual(record());
    expect(readRecord({ ...record(), acknowledged: [3, 1, 2, 1] })?.acknowledged).toEqual([1, 2, 3]);
    // Only the digests of the parts acknowledged are kept.
    expect(readRecord({ ...record(), acknowledged: [3, 1] })?.digests).toEqual({ 1: 'sha256:01', 3: 'sha256:03' });
  });

  it('are dropped when damaged, of another version, or filed under another key', () => {
    const bad: unknown[] = [
      null,
      'text',
      { ...record(), version: 1 },
      { ...record(), digests: undefined },
      { ...record(), digests: { 1: 'sha256:01', 2: 'sha256:02', 3: 'sha256:03' } },
      { ...record(), digests: { ...record().digests, 4: '' } },
      { ...record(), videoId: '' },
      { ...record(), chunkSize: '5242880' },
      { ...record(), parts: 0 },
      { ...record(), acknowledged: [1, 9] },
      { ...record(), acknowledged: [0] },
      { ...record(), acknowledged: '1,2' },
      { ...record(), fingerprint: { ...fingerprint, size: -1 } },
      { ...record(), fingerprint: { ...fingerprint, sample: '' } },
      { ...record(), updatedAt: Number.NaN },
      { ...record(), key: recordKey('', 'sandbox.api.video', fingerprint) },
    ];
    for (const value of bad) expect(readRecord(value), JSON.stringify(value)).toBe(undefined);
  });
});
