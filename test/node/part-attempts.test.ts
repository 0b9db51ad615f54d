// The one place a part's failed attempts are decided, for a file and a recording alike, and the token it keeps. The
// attempts here are scripted answers, so the policy shows alone: a file's network failures end after maxRetries, a
// recording's never do (they back off, capped, and `online` cuts the wait short). Every backoff waits on fake time, so
// no test sleeps for one. End to end, against the emulator, the same paths are tested through the session
// (test/browser/upload-*.test.ts) and the recording (test/browser/record-upload.test.ts).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UploaderEvent, UploadRetryEvent, Video } from '../../src/events/index.js';
import { PartError, type Attempt } from '../../src/upload/part-sender.js';
import { PartAttempts, type PartAttemptsOptions } from '../../src/upload/part-attempts.js';
import { RateGate } from '../../src/upload/rate-gate.js';
import type { PartFailure } from '../../src/upload/retry-policy.js';
import { TokenKeeper } from '../../src/upload/token-keeper.js';

const file = new File(['x'], 'part.webm');
const video = { videoId: 'vi1' } as Video;
const networkError: PartFailure = { reason: 'NETWORK_ERROR' };

/** A part whose first `failures` attempts fail as `failure`, then succeed; counts the attempts made. */
function scripted(failures: number, failure: PartFailure, extra: { video?: () => Video | undefined } = {}) {
  const job = {
    made: 0,
    part: 2,
    attempt: (): Attempt => {
      job.made++;
      const result = job.made <= failures ? Promise.reject(new PartError(2, failure)) : Promise.resolve(video);
      return { result, cancel: () => {} };
    },
    live: () => true,
    video: (): Video | undefined => undefined,
    ...extra,
  };
  return job;
}

function attempts(extra: Partial<PartAttemptsOptions> = {}) {
  const events: UploaderEvent[] = [];
  const controller = new AbortController();
  const parts = new PartAttempts(
    { file, tokens: { staticToken: 'to1' }, signal: controller.signal, rateGate: new RateGate(), ...extra },
    (event) => events.push(event),
  );
  const retries = () => events.filter((e): e is UploadRetryEvent => e.type === 'upload-retry').map((e) => e.detail);
  return { parts, retries, controller };
}

/** Longer than every backoff of a test here put together (63 s for the longest): past it, a wait never ended. */
const FAKE_TIME_LIMIT_MS = 5 * 60_000;

/**
 * Moves fake time on in 50 ms steps until `work` settles; its value or error, and how much fake time it took. A wait
 * that never ends fails the test at once instead of at its timeout.
 */
async function onFakeTime<T>(work: Promise<T>): Promise<{ value?: T; error?: unknown; elapsedMs: number }> {
  let settled = false;
  const outcome = work.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  void outcome.then(() => (settled = true));
  let elapsedMs = 0;
  while (!settled) {
    if (elapsedMs > FAKE_TIME_LIMIT_MS) throw new Error(`still waiting after ${elapsedMs} ms of fake time`);
    await vi.advanceTimersByTimeAsync(50);
    elapsedMs += 50;
  }
  return { ...(await outcome), elapsedMs };
}

/** The browser saying the network is back, every 50 ms (of fake time), as `online` on the global scope. */
function keepSayingOnline(): () => void {
  const online = setInterval(() => globalThis.dispatchEvent(new Event('online')), 50);
  return () => clearInterval(online);
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  // Node's global scope is no EventTarget; a page's is, and PartAttempts listens there for `online`.
  const scope = new EventTarget();
  vi.stubGlobal('addEventListener', scope.addEventListener.bind(scope));
  vi.stubGlobal('removeEventListener', scope.removeEventListener.bind(scope));
  vi.stubGlobal('dispatchEvent', scope.dispatchEvent.bind(scope));
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('PartAttempts: the one failure path of files and recordings', () => {
  it("fails a file's part on a network failure once maxRetries are spent", async () => {
    const { parts, retries } = attempts({ maxRetries: 1 });
    const job = scripted(5, networkError);

    const { error, elapsedMs } = await onFakeTime(parts.send(job));

    expect(error).toBeInstanceOf(PartError);
    expect(job.made).toBe(2);
    expect(retries().map((r) => [r.attempt, r.delayMs, r.reason])).toEqual([[1, 500, 'network error']]);
    expect(parts.describe(error)).toMatchObject({ code: 'network', retriable: true, part: 2 });
    // The resend waited out its backoff: no `online` came to cut it short.
    expect(elapsedMs).toBeGreaterThanOrEqual(500);
  });

  it("never fails a recording's part on network failures: backoff capped at 16 s, each wait cut short by online", async () => {
    const { parts, retries } = attempts({ maxRetries: 1, outagesNeverFinal: true, retriable: false });
    const job = scripted(8, networkError);
    // The browser keeps saying the network is back: each wait ends then, not at its backoff (up to 16 s, 63 s in all).
    const stop = keepSayingOnline();

    const { value: answer, elapsedMs } = await onFakeTime(parts.send(job)).finally(stop);

    expect(answer).toBe(video);
    expect(job.made).toBe(9);
    expect(parts.attemptsAt(2)).toBe(9);
    expect(retries().map((r) => r.delayMs)).toEqual([500, 1000, 2000, 4000, 8000, 16000, 16000, 16000]);
    // Eight waits, each ended by `online` within 50 ms: far less than the shortest backoff alone, 500 ms.
    expect(elapsedMs).toBeLessThan(1000);
  });

  it("never fails a recording's part on api.video's 5xx or 429 either, however many come in a row", async () => {
    const { parts, retries } = attempts({ maxRetries: 1, outagesNeverFinal: true, retriable: false });
    const job = scripted(7, { status: 503 });
    const stop = keepSayingOnline();

    const { value: answer } = await onFakeTime(parts.send(job)).finally(stop);

    expect(answer).toBe(video);
    expect(job.made).toBe(8);
    expect(retries().every((r) => r.reason === 'the server answered 503')).toBe(true);
    // A file's part still fails once its retries are spent.
    const file = attempts({ maxRetries: 1 });
    const { error } = await onFakeTime(file.parts.send(scripted(7, { status: 503 })));
    expect(error).toBeInstanceOf(PartError);
  });

  it("waits out a recording's token URL out of reach, as its parts' network failures, and fails a file's at once", async () => {
    // The token URL's fetch fails as a network error twice (fetch rejects with a TypeError), then answers.
    let asked = 0;
    vi.stubGlobal('fetch', async () => {
      asked++;
      if (asked <= 2) throw new TypeError('Failed to fetch');
      return new Response(JSON.stringify({ token: 'to2' }), { headers: { 'Content-Type': 'application/json' } });
    });
    const stop = keepSayingOnline();
    try {
      const recording = attempts({ tokens: { url: '/token' }, outagesNeverFinal: true, retriable: false });
      const job = scripted(0, networkError);
      expect((await onFakeTime(recording.parts.send(job))).value).toBe(video);
      expect(asked).toBe(3);
      expect(recording.retries().map((r) => [r.delayMs, r.reason])).toEqual([
        [500, 'the token URL could not be reached'],
        [1000, 'the token URL could not be reached'],
      ]);

      asked = 0;
      const file = attempts({ tokens: { url: '/token' } });
      const { error } = await onFakeTime(file.parts.send(scripted(0, networkError)));
      expect(asked).toBe(1);
      expect(file.parts.describe(error)).toMatchObject({ code: 'token-request-failed', reason: 'network' });
    } finally {
      stop();
    }
  });

  it('counts a part the server already holds as acknowledged, whichever part it is', async () => {
    const alreadySent: PartFailure = { status: 400, type: 'https://docs.api.video/reference/part-already-sent' };
    const { parts } = attempts();
    const job = scripted(1, alreadySent, { video: () => video });
    expect((await onFakeTime(parts.send(job))).value).toBe(video);
    expect(job.made).toBe(1);
  });

  it('ends a part as aborted once its upload is no longer live, without another attempt', async () => {
    const { parts, retries } = attempts({ outagesNeverFinal: true });
    const failing = scripted(1, { status: 503 });
    // The upload is paused while its first attempt is on its way.
    failing.live = () => failing.made === 0;

    const error = (await onFakeTime(parts.send(failing))).error as PartError;

    expect(error.failure.reason).toBe('ABORTED');
    expect(failing.made).toBe(1);
    expect(retries()).toEqual([]);
  });
});

describe('PartAttempts: the clock it waits by', () => {
  it('asks a backoff of the wait it is given, and a 429 of its rate gate\'s, no timer running', async () => {
    let now = 1_000_000;
    const asked: { by: string; ms: number }[] = [];
    const skipping = (by: string) => async (ms: number) => {
      asked.push({ by, ms });
      now += ms;
    };
    const rateGate = new RateGate(() => now, skipping('gate'));
    const { parts } = attempts({ rateGate, wait: skipping('session'), now: () => now, retryDelays: [700] });
    const job = scripted(1, { status: 503 });
    const rateLimited = scripted(1, { status: 429, retryAfterSeconds: 2 });

    // No fake time moves on here: a wait left to a timer would never end.
    await expect(parts.send(job)).resolves.toBe(video);
    await expect(parts.send(rateLimited)).resolves.toBe(video);

    expect(asked).toEqual([{ by: 'session', ms: 700 }, { by: 'gate', ms: 2000 }]);
    expect(job.made + rateLimited.made).toBe(4);
  });
});

describe('TokenKeeper', () => {
  it('asks once for parts that need a token at the same moment, with one token-refresh', async () => {
    const events: UploaderEvent[] = [];
    let asked = 0;
    const keeper = new TokenKeeper(
      { file, tokens: { provider: async () => `to${++asked}` }, signal: new AbortController().signal },
      (event) => events.push(event),
    );

    await Promise.all([keeper.acquire('rejected'), keeper.acquire('rejected'), keeper.acquire('rejected')]);

    expect(asked).toBe(1);
    expect(keeper.current?.token).toBe('to1');
    expect(events.map((e) => e.type)).toEqual(['token-refresh']);
    expect(keeper.replaced({ status: 401, sentWithToken: 'to0' })).toBe(true);
    expect(keeper.replaced({ status: 401, sentWithToken: 'to1' })).toBe(false);
  });

  it("renews before a part only when the token would expire on the way; a token not used yet without the part's time", async () => {
    let now = 1_000_000;
    const keeper = new TokenKeeper(
      { file, tokens: { provider: () => ({ token: 'to1', expiresAt: new Date(now + 60_000) }) }, signal: new AbortController().signal, now: () => now },
      () => {},
    );
    await keeper.acquire();

    // Fresh: a part of 2 minutes does not make it renew (another as short would not last longer).
    expect(keeper.shouldRenew(120_000)).toBe(false);
    keeper.take();
    expect(keeper.shouldRenew(120_000)).toBe(true);
    expect(keeper.shouldRenew(30_000)).toBe(false);
    now += 56_000;
    // Within the 5 s margin, whatever the part.
    expect(keeper.shouldRenew(0)).toBe(true);
  });
});
