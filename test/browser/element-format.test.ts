import { expect } from '@open-wc/testing';
import { formatBytes, formatDuration, formatSpeed } from '../../src/element/format.js';
import { matchesAccept, mimeTypeOf } from '../../src/element/file-checks.js';
import { ProgressMilestones } from '../../src/element/announcer.js';
import { defaultTrueBoolean, optionalNumber } from '../../src/element/converters.js';

// Intl separates numbers and units with no-break spaces in some languages.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('element helpers', () => {
  it('formats sizes in decimal units, in the reader language', () => {
    expect(plain(formatBytes(0, 'en'))).to.equal('0 bytes');
    expect(plain(formatBytes(999, 'en'))).to.equal('999 bytes');
    expect(plain(formatBytes(999, 'fr'))).to.equal('999 octets');
    expect(plain(formatBytes(1500, 'en'))).to.equal('1.5 kB');
    expect(plain(formatBytes(12_345_678, 'en'))).to.equal('12 MB');
    expect(plain(formatBytes(2_000_000_000, 'en'))).to.equal('2 GB');
    expect(plain(formatBytes(1_250_000, 'fr'))).to.equal('1,3 Mo');
  });

  it('formats speeds and times left', () => {
    expect(plain(formatSpeed(3_200_000, 'en'))).to.equal('3.2 MB/s');
    expect(plain(formatSpeed(3_200_000, 'fr'))).to.equal('3,2 Mo/s');
    expect(plain(formatDuration(45, 'en'))).to.equal('45 sec');
    expect(plain(formatDuration(200, 'en'))).to.equal('3 min 20 sec');
    expect(plain(formatDuration(3600 + 300, 'en'))).to.equal('1 hr 5 min');
    expect(plain(formatDuration(7200, 'en'))).to.equal('2 hr');
    expect(plain(formatDuration(-3, 'en'))).to.equal('0 sec');
  });

  it('matches accept lists as a file input does', () => {
    const mp4 = new File(['x'], 'Clip.MP4', { type: 'video/mp4' });
    expect(matchesAccept(mp4, 'video/*')).to.equal(true);
    expect(matchesAccept(mp4, 'video/mp4')).to.equal(true);
    expect(matchesAccept(mp4, '.mp4')).to.equal(true);
    expect(matchesAccept(mp4, 'video/webm, .mov')).to.equal(false);
    expect(matchesAccept(mp4, '')).to.equal(true);
    expect(matchesAccept(new File(['x'], 'a.txt', { type: 'text/plain' }), 'video/*')).to.equal(false);
    expect(mimeTypeOf(new File(['x'], 'a.mkv'))).to.equal('video/x-matroska');
    expect(matchesAccept(new File(['x'], 'a.mkv'), 'video/*')).to.equal(true);
    expect(matchesAccept(new File(['x'], 'noextension'), 'video/*')).to.equal(false);
  });

  it('announces each progress milestone once, the highest when progress jumps', () => {
    const milestones = new ProgressMilestones();
    expect([10, 24.9, 25, 30].map((p) => milestones.next(p))).to.deep.equal([undefined, undefined, 25, undefined]);
    expect(milestones.next(80)).to.equal(75);
    expect(milestones.next(100)).to.equal(undefined);
    milestones.reset();
    expect(milestones.next(50)).to.equal(50);
  });

  it('reads attributes: a default-true boolean and optional numbers', () => {
    expect(['false', 'OFF', 'no', '0'].map((v) => defaultTrueBoolean.fromAttribute!(v))).to.deep.equal([false, false, false, false]);
    expect([null, '', 'true', 'yes'].map((v) => defaultTrueBoolean.fromAttribute!(v))).to.deep.equal([true, true, true, true]);
    expect([null, '', 'abc', '12', '1e3'].map((v) => optionalNumber.fromAttribute!(v))).to.deep.equal([
      undefined,
      undefined,
      undefined,
      12,
      1000,
    ]);
  });
});
