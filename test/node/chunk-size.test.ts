// `chunk-size` read as a page author writes it: bytes or a size with a unit, kept within api.video's part limits,
// with a warning whenever the value used is not the value given.
import { describe, expect, it } from 'vitest';
import { readChunkSize } from '../../src/element/part-size.js';

const MiB = 1024 * 1024;

describe('readChunkSize', () => {
  it('reads bytes, with or without a fraction or an exponent', () => {
    expect(readChunkSize('52428800')).toEqual({ bytes: 52428800 });
    expect(readChunkSize('5242880.0')).toEqual({ bytes: 5242880 });
    expect(readChunkSize(' 6000000 ')).toEqual({ bytes: 6_000_000 });
    expect(readChunkSize('6e6')).toEqual({ bytes: 6_000_000 });
    expect(readChunkSize('6000000B')).toEqual({ bytes: 6_000_000 });
    expect(readChunkSize(8 * MiB)).toEqual({ bytes: 8 * MiB });
  });

  it('reads decimal units as powers of 1000 and binary ones as powers of 1024, in any case, spaced or not', () => {
    expect(readChunkSize('10MB')).toEqual({ bytes: 10_000_000 });
    expect(readChunkSize('10 mb')).toEqual({ bytes: 10_000_000 });
    expect(readChunkSize('10MiB')).toEqual({ bytes: 10 * MiB });
    expect(readChunkSize('10 mib')).toEqual({ bytes: 10 * MiB });
    expect(readChunkSize('7500KB')).toEqual({ bytes: 7_500_000 });
    expect(readChunkSize('7500KiB')).toEqual({ bytes: 7500 * 1024 });
    expect(readChunkSize('0.1GB')).toEqual({ bytes: 100_000_000 });
    expect(readChunkSize('0.125GiB')).toEqual({ bytes: 128 * MiB });
    expect(readChunkSize('5.5MiB')).toEqual({ bytes: Math.round(5.5 * MiB) });
  });

  it('rounds to whole bytes', () => {
    expect(readChunkSize('5242880.4')).toEqual({ bytes: 5242880 });
    expect(readChunkSize(6_000_000.6)).toEqual({ bytes: 6_000_001 });
  });

  it('uses the default, 50 MiB, without a word when nothing is given', () => {
    for (const value of [undefined, null, '', '   ']) expect(readChunkSize(value)).toEqual({ bytes: 50 * MiB });
  });

  it('falls back to 50 MiB on a value that is not a size, and says so', () => {
    expect(readChunkSize('abc')).toEqual({ bytes: 50 * MiB, warning: 'chunk-size "abc" is not a size; using 50 MiB' });
    for (const value of ['10 MBs', '-6MB', '10M', '0x500000', 'MB', '1.2.3', Number.NaN, Number.POSITIVE_INFINITY]) {
      const reading = readChunkSize(value);
      expect(reading.bytes, String(value)).toBe(50 * MiB);
      expect(reading.warning, String(value)).toBe(`chunk-size "${String(value)}" is not a size; using 50 MiB`);
    }
  });

  it('clamps into 5 MiB–128 MiB, and says so', () => {
    expect(readChunkSize('1MB')).toEqual({
      bytes: 5 * MiB,
      warning: "chunk-size 1MB is below api.video's minimum part size of 5 MiB; using 5 MiB",
    });
    // 5 MB is not 5 MiB: the decimal unit falls short of the minimum.
    expect(readChunkSize('5MB').bytes).toBe(5 * MiB);
    expect(readChunkSize('5MB').warning).toContain('below');
    expect(readChunkSize(0).warning).toBe("chunk-size 0 is below api.video's minimum part size of 5 MiB; using 5 MiB");
    expect(readChunkSize('200MiB')).toEqual({
      bytes: 128 * MiB,
      warning: "chunk-size 200MiB is above api.video's maximum part size of 128 MiB; using 128 MiB",
    });
    expect(readChunkSize('1GB').bytes).toBe(128 * MiB);
  });

  it('goes down to a lower minimum when given one (a server that takes smaller parts), and clamps to it', () => {
    expect(readChunkSize(64 * 1024, 64 * 1024)).toEqual({ bytes: 64 * 1024 });
    expect(readChunkSize('1000', 64 * 1024)).toEqual({
      bytes: 64 * 1024,
      warning: 'chunk-size 1000 is below the minimum part size of 65536 bytes; using 65536 bytes',
    });
  });

  it('takes both limits as they are', () => {
    expect(readChunkSize('5MiB')).toEqual({ bytes: 5 * MiB });
    expect(readChunkSize('128MiB')).toEqual({ bytes: 128 * MiB });
    expect(readChunkSize(String(128 * MiB + 1)).bytes).toBe(128 * MiB);
  });
});
