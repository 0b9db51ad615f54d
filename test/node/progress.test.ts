// Progress as a person reads it: pure maths, tested in Node.
import { describe, expect, it } from 'vitest';
import { ProgressTracker, fixedTotals } from '../../src/upload/progress.js';

describe('progress maths', () => {
  it('never goes backwards when a part restarts at zero, never passes 100, and reaches 100 once, at the end', () => {
    let now = 0;
    const tracker = new ProgressTracker(fixedTotals(1000, 2), () => now);
    const seen = [tracker.update(100, 1), (now += 1000, tracker.update(600, 2)), (now += 1000, tracker.update(500, 2)), tracker.update(5000, 2)];
    // Every byte sent, the last part's answer not yet in: not 100 yet.
    expect(seen.map((p) => p.percent)).to.deep.equal([10, 60, 60, 99.9]);
    expect(seen.map((p) => p.uploadedBytes)).to.deep.equal([100, 600, 600, 1000]);
    expect(tracker.complete()).to.deep.include({ percent: 100, etaSeconds: 0, part: 2, parts: 2 });
  });

  it('averages speed over the active time only, and estimates the time left from it', () => {
    let now = 0;
    const tracker = new ProgressTracker(fixedTotals(10_000, 1), () => now);
    tracker.update(0, 1);
    now = 1000;
    expect(tracker.update(1000, 1)).to.deep.include({ bytesPerSecond: 1000, etaSeconds: 9 });
    tracker.suspend();
    now = 60_000; // paused for a minute: not counted
    tracker.update(1000, 1);
    now = 61_000;
    expect(tracker.update(2000, 1)).to.deep.include({ bytesPerSecond: 1000, etaSeconds: 8 });
  });

  it('starts a resumed upload where the server stands, never counting those bytes as speed, and can start over at 0', () => {
    let now = 0;
    const tracker = new ProgressTracker(fixedTotals(10_000, 10), () => now);
    expect(tracker.restartAt(4000, 5)).to.deep.include({ uploadedBytes: 4000, percent: 40, part: 5, bytesPerSecond: 0 });
    tracker.update(4000, 5);
    now = 1000;
    expect(tracker.update(5000, 5)).to.deep.include({ bytesPerSecond: 1000, etaSeconds: 5 });
    expect(tracker.restartAt(0, 1)).to.deep.include({ uploadedBytes: 0, percent: 0, part: 1 });
  });

  it('has no estimate before it can measure one', () => {
    const tracker = new ProgressTracker(fixedTotals(10, 1), () => 0);
    expect(tracker.update(0, 1)).to.deep.include({ bytesPerSecond: 0, etaSeconds: null, percent: 0 });
  });
});
