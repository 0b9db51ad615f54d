// The one place a part's failed attempts are decided, for a file and a recording alike, and the token it keeps. The
// attempts here are scripted answers, so the policy shows alone: a file's network failures end after maxRetries, a
// recording's never do (they back off, capped, and `online` cuts the wait short). End to end, against the emulator,
// the same paths are tested through the session (upload-*.test.ts) and the recording (record-upload.test.ts).
import { expect } from '@open-wc/testing';
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

describe('PartAttempts: the one failure path of files and recordings', () => {
  it("fails a file's part on a network failure once maxRetries are spent", async () => {
    const { parts, retries } = attempts({ maxRetries: 1 });
    const job = scripted(5, networkError);

    const error = await parts.send(job).then(() => undefined, (e: unknown) => e);

    expect(error).to.be.instanceOf(PartError);
    expect(job.made).to.equal(2);
    expect(retries().map((r) => [r.attempt, r.delayMs, r.reason])).to.deep.equal([[1, 500, 'network error']]);
    expect(parts.describe(error)).to.deep.include({ code: 'network', retriable: true, part: 2 });
  });

  it("never fails a recording's part on network failures: backoff capped at 16 s, each wait cut short by online", async () => {
    const { parts, retries } = attempts({ maxRetries: 1, outagesNeverFinal: true, retriable: false });
    const job = scripted(8, networkError);
    // The browser keeps saying the network is back: each wait ends then, not at its backoff (up to 16 s, 63 s in all).
    const online = setInterval(() => window.dispatchEvent(new Event('online')), 50);

    const answer = await parts.send(job).finally(() => clearInterval(online));

    expect(answer).to.equal(video);
    expect(job.made).to.equal(9);
    expect(parts.attemptsAt(2)).to.equal(9);
    expect(retries().map((r) => r.delayMs)).to.deep.equal([500, 1000, 2000, 4000, 8000, 16000, 16000, 16000]);
  });

  it("never fails a recording's part on api.video's 5xx or 429 either, however many come in a row", async () => {
    const { parts, retries } = attempts({ maxRetries: 1, outagesNeverFinal: true, retriable: false });
    const job = scripted(7, { status: 503 });
    const online = setInterval(() => window.dispatchEvent(new Event('online')), 50);

    const answer = await parts.send(job).finally(() => clearInterval(online));

    expect(answer).to.equal(video);
    expect(job.made).to.equal(8);
    expect(retries().every((r) => r.reason === 'the server answered 503')).to.equal(true);
    // A file's part still fails once its retries are spent.
    const file = attempts({ maxRetries: 1 });
    const error = await file.parts.send(scripted(7, { status: 503 })).then(() => undefined, (e: unknown) => e);
    expect(error).to.be.instanceOf(PartError);
  });

  it("waits out a recording's token URL out of reach, as its parts' network failures, and fails a file's at once", async () => {
    // The token URL's fetch fails as a network error twice (fetch rejects with a TypeError), then answers.
    const realFetch = window.fetch;
    let asked = 0;
    window.fetch = async () => {
      asked++;
      if (asked <= 2) throw new TypeError('Failed to fetch');
      return new Response(JSON.stringify({ token: 'to2' }), { headers: { 'Content-Type': 'application/json' } });
    };
    const online = setInterval(() => window.dispatchEvent(new Event('online')), 50);
    try {
      const recording = attempts({ tokens: { url: '/token' }, outagesNeverFinal: true, retriable: false });
      const job = scripted(0, networkError);
      expect(await recording.parts.send(job)).to.equal(video);
      expect(asked).to.equal(3);
      expect(recording.retries().map((r) => [r.delayMs, r.reason])).to.deep.equal([
        [500, 'the token URL could not be reached'],
        [1000, 'the token URL could not be reached'],
      ]);

      asked = 0;
      const file = attempts({ tokens: { url: '/token' } });
      const error = await file.parts.send(scripted(0, networkError)).then(() => undefined, (e: unknown) => e);
      expect(asked).to.equal(1);
      expect(file.parts.describe(error)).to.deep.include({ code: 'token-request-failed', reason: 'network' });
    } finally {
      clearInterval(online);
      window.fetch = realFetch;
    }
  });

  it('counts a part the server already holds as acknowledged, whichever part it is', async () => {
    const alreadySent: PartFailure = { status: 400, type: 'https://docs.api.video/reference/part-already-sent' };
    const { parts } = attempts();
    const job = scripted(1, alreadySent, { video: () => video });
    expect(await parts.send(job)).to.equal(video);
    expect(job.made).to.equal(1);

  });

  it('ends a part as aborted once its upload is no longer live, without another attempt', async () => {
    const { parts, retries } = attempts({ outagesNeverFinal: true });
    const failing = scripted(1, { status: 503 });
    // The upload is paused while its first attempt is on its way.
    failing.live = () => failing.made === 0;

    const error = (await parts.send(failing).then(() => undefined, (e: unknown) => e)) as PartError;

    expect(error.failure.reason).to.equal('ABORTED');
    expect(failing.made).to.equal(1);
    expect(retries()).to.deep.equal([]);
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

    expect(asked).to.equal(1);
    expect(keeper.current?.token).to.equal('to1');
    expect(events.map((e) => e.type)).to.deep.equal(['token-refresh']);
    expect(keeper.replaced({ status: 401, sentWithToken: 'to0' })).to.equal(true);
    expect(keeper.replaced({ status: 401, sentWithToken: 'to1' })).to.equal(false);
  });

  it("renews before a part only when the token would expire on the way; a token not used yet without the part's time", async () => {
    let now = 1_000_000;
    const keeper = new TokenKeeper(
      { file, tokens: { provider: () => ({ token: 'to1', expiresAt: new Date(now + 60_000) }) }, signal: new AbortController().signal, now: () => now },
      () => {},
    );
    await keeper.acquire();

    // Fresh: a part of 2 minutes does not make it renew (another as short would not last longer).
    expect(keeper.shouldRenew(120_000)).to.equal(false);
    keeper.take();
    expect(keeper.shouldRenew(120_000)).to.equal(true);
    expect(keeper.shouldRenew(30_000)).to.equal(false);
    now += 56_000;
    // Within the 5 s margin, whatever the part.
    expect(keeper.shouldRenew(0)).to.equal(true);
  });
});
