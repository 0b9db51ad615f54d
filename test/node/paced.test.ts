// The pace of the element's numbers: progress offered as fast as it comes, shown at most once per interval, the
// latest never left behind. Logic over an injected clock and faked timers, tested in Node.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Paced } from '../../src/element/paced.js';

describe('Paced: the numbers at most ten times a second', () => {
  let now = 0;
  let caughtUp = 0;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    now = 0;
    caughtUp = 0;
  });
  afterEach(() => vi.useRealTimers());

  const paced = () => new Paced<number>(() => caughtUp++, 100, () => now);
  /** Moves the clock and the timers on together. */
  const wait = (ms: number) => {
    now += ms;
    vi.advanceTimersByTime(ms);
  };

  it('shows the first value at once, holds the ones within the interval, then shows the latest of them', () => {
    const text = paced();
    text.offer(1);
    expect(text.value).toBe(1);
    const shown: (number | undefined)[] = [];
    // A report every millisecond for a quarter of a second: what the numbers show, millisecond by millisecond.
    for (let value = 2; value <= 250; value++) {
      wait(1);
      text.offer(value);
      shown.push(text.value);
    }
    // Each interval's end shows the latest value offered in it, and tells the host to render it.
    const changes = shown.filter((value, i) => value !== (i === 0 ? 1 : shown[i - 1]));
    expect(changes).toEqual([100, 200]);
    expect(caughtUp).toBe(2);
    // The last value offered is not lost: it is shown at the end of its interval.
    wait(100);
    expect(text.value).toBe(250);
    expect(caughtUp).toBe(3);
  });

  it('shows a value offered after a quiet interval at once', () => {
    const text = paced();
    text.offer(1);
    wait(500);
    text.offer(2);
    expect(text.value).toBe(2);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('shows the latest at once on a flush (a pause, a part stored), and forgets everything on a reset', () => {
    const text = paced();
    text.offer(1);
    wait(10);
    text.offer(2);
    expect(text.value).toBe(1);
    text.flush();
    expect(text.value).toBe(2);
    expect(vi.getTimerCount()).toBe(0);
    text.reset();
    expect(text.value).toBe(undefined);
    // A new upload's first figure shows at once.
    text.offer(3);
    expect(text.value).toBe(3);
    expect(caughtUp).toBe(0);
  });
});
