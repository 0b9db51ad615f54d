// Contract tests for the engine adapter: each protected member of @api.video/video-uploader that UploadEngine
// overrides or sets is exercised against the emulator. If a library upgrade renames one, stops calling it, or calls
// it at another moment, one of these fails.
import { expect } from '@open-wc/testing';
import { PartError, UploadEngine, type EngineHooks } from '../../src/upload/engine.js';
import type { Video } from '../../src/events/index.js';
import type { PartFailure } from '../../src/upload/retry-policy.js';
import {
  MiB, acceptedParts, closeLane, emulator, generatedFile, newToken, openLane, requestLog, resetLane, sha256,
  storedVideo, type Lane,
} from './upload-support.js';

interface Recorder extends EngineHooks {
  acked: Map<number, Video>;
  calls: { hook: string; args: unknown[] }[];
  called(hook: string): unknown[][];
}

function recorder(overrides: Partial<EngineHooks> = {}): Recorder {
  const acked = new Map<number, Video>();
  const calls: { hook: string; args: unknown[] }[] = [];
  const log = (hook: string, args: unknown[]) => calls.push({ hook, args });
  return {
    acked,
    calls,
    called: (hook) => calls.filter((c) => c.hook === hook).map((c) => c.args),
    acknowledged: (part) => acked.get(part),
    beforePart: async (...args) => {
      log('beforePart', args);
      await overrides.beforePart?.(...args);
    },
    sending: (...args) => log('sending', args),
    progress: () => {},
    partDone: (part, parts, video) => {
      log('partDone', [part, parts]);
      acked.set(part, video);
      overrides.partDone?.(part, parts, video);
    },
    retryDelay: (...args) => {
      log('retryDelay', args);
      return overrides.retryDelay ? overrides.retryDelay(...args) : 0;
    },
    beforeRetry: async (...args) => {
      log('beforeRetry', args);
      await overrides.beforeRetry?.(...args);
    },
  };
}

describe('UploadEngine over @api.video/video-uploader (contract)', () => {
  let lane: Lane;
  const file = generatedFile(15 * MiB, 'contract.mp4');
  before(async () => {
    lane = await openLane();
  });
  after(async () => closeLane(lane));
  beforeEach(async () => resetLane(lane));

  const engine = (token: string, hooks: EngineHooks, videoId?: string) =>
    new UploadEngine({ file, token, apiHost: lane.emulatorUrl, chunkSize: 5 * MiB, videoId }, hooks);

  it('uploadEndpoint: a full http:// apiHost is used as is, and a token set before a part is the one it carries', async () => {
    const a = await newToken(lane);
    const b = await newToken(lane);
    let subject!: UploadEngine;
    const hooks = recorder({ beforePart: async (part) => (part === 2 ? subject.setToken(b.token) : undefined) });
    subject = engine(a.token, hooks);
    expect(subject.endpoint).to.equal(`${lane.emulatorUrl}/upload?token=${a.token}`);

    const video = await subject.run();

    expect((await requestLog(lane)).map((r) => [r.part, r.token])).to.deep.equal([[1, a.token], [2, b.token], [3, b.token]]);
    expect((await storedVideo(lane, video.videoId)).sha256).to.equal(await sha256(file));
  });

  it('uploadEndpoint + sleep: a token set while waiting between attempts is the one the retry carries', async () => {
    const a = await newToken(lane);
    const b = await newToken(lane);
    await emulator(lane, 'POST', '/faults', { part: 1, status: 503 });
    let subject!: UploadEngine;
    subject = engine(a.token, recorder({ beforeRetry: async () => subject.setToken(b.token) }));

    await subject.run();

    expect((await requestLog(lane)).map((r) => [r.part, r.status, r.token])).to.deep.equal([
      [1, 503, a.token], [1, 201, b.token], [2, 201, b.token], [3, 201, b.token],
    ]);
  });

  it('xhrWithRetrier: called once per part, in order, with the part numbers; acknowledged parts are not sent again', async () => {
    const { token } = await newToken(lane);
    let first!: UploadEngine;
    const firstHooks = recorder({ partDone: (part) => (part === 1 ? first.stop('paused') : undefined) });
    first = engine(token, firstHooks);
    let stoppedWith: unknown;
    await first.run().catch((reason) => (stoppedWith = reason));
    expect(stoppedWith).to.equal('paused');
    const videoId = firstHooks.acked.get(1)!.videoId;

    const hooks = recorder();
    hooks.acked.set(1, firstHooks.acked.get(1)!);
    const video = await engine(token, hooks, videoId).run();

    expect(firstHooks.called('beforePart')).to.deep.equal([[1, 3]]);
    expect(hooks.called('beforePart')).to.deep.equal([[2, 3], [3, 3]]);
    expect(hooks.called('sending')).to.deep.equal([[2], [3]]);
    expect(hooks.called('partDone')).to.deep.equal([[2, 3], [3, 3]]);
    const log = await requestLog(lane);
    expect(log.map((r) => [r.part, r.totalParts, r.status])).to.deep.equal([[1, 3, 201], [2, 3, 201], [3, 3, 201]]);
    expect(log.map((r) => r.videoId)).to.deep.equal([videoId, videoId, videoId]);
    expect(video.videoId).to.equal(videoId);
    expect((await storedVideo(lane, videoId)).sha256).to.equal(await sha256(file));
  });

  it('retryStrategy: consulted with the part, the retries so far and the failure; null ends run() with a PartError', async () => {
    const { token } = await newToken(lane);
    const body = { type: 'https://docs.api.video/reference/server-error', title: 'Server error', status: 503 };
    await emulator(lane, 'POST', '/faults', { part: 2, status: 503, times: 2, body });
    const hooks = recorder({ retryDelay: (_part, retriesSoFar) => (retriesSoFar === 0 ? 0 : null) });

    const error = await engine(token, hooks).run().then(() => undefined, (e: unknown) => e);

    expect(error).to.be.instanceOf(PartError);
    expect((error as PartError).part).to.equal(2);
    expect((error as PartError).failure).to.deep.include({ status: 503, title: 'Server error' });
    expect(hooks.called('retryDelay').map(([part, count, f]) => [part, count, (f as PartFailure).status])).to.deep.equal([
      [2, 0, 503],
      [2, 1, 503],
    ]);
    expect(hooks.called('sending')).to.deep.equal([[1], [2], [2]]);
  });

  it('retryStrategy: 401 and 429 reach it (the default strategy gives up on every 4xx)', async () => {
    const { token } = await newToken(lane);
    await emulator(lane, 'POST', '/faults', {
      part: 1,
      status: 401,
      body: { type: 'https://docs.api.video/reference/authentication-invalid-upload-token', title: 'The upload token is invalid or expired.', status: 401 },
    });
    await emulator(lane, 'POST', '/faults', { part: 2, status: 429, headers: { 'X-RateLimit-Retry-After': '3' } });
    const hooks = recorder();

    await engine(token, hooks).run();

    const failures = hooks.called('retryDelay').map(([part, , f]) => [part, (f as PartFailure).status, (f as PartFailure).title]);
    expect(failures).to.deep.equal([
      [1, 401, 'The upload token is invalid or expired.'],
      [2, 429, 'Injected fault.'],
    ]);
  });

  it('parseErrorResponse: X-RateLimit-Retry-After of a 429 is read from the response', async () => {
    const { token } = await newToken(lane);
    await emulator(lane, 'POST', '/faults', { part: 1, status: 429, headers: { 'X-RateLimit-Retry-After': '3' } });
    const hooks = recorder();

    await engine(token, hooks).run();

    const [[, , failure]] = hooks.called('retryDelay');
    expect((failure as PartFailure).retryAfterSeconds).to.equal(3);
  });

  it('sleep: awaited between attempts with the delay retryStrategy returned', async () => {
    const { token } = await newToken(lane);
    await emulator(lane, 'POST', '/faults', { part: 3, status: 500 });
    const hooks = recorder({ retryDelay: () => 7 });

    await engine(token, hooks).run();

    expect(hooks.called('beforeRetry').map(([part, delay, f]) => [part, delay, (f as PartFailure).status])).to.deep.equal([[3, 7, 500]]);
    const order = hooks.calls.map((c) => c.hook).filter((h) => h !== 'beforePart' && h !== 'partDone');
    expect(order).to.deep.equal(['sending', 'sending', 'sending', 'retryDelay', 'beforeRetry', 'sending']);
  });

  it('stop() during the wait between attempts: run() rejects and the library sends nothing more', async () => {
    const { token } = await newToken(lane);
    await emulator(lane, 'POST', '/faults', { part: 1, status: 503 });
    let subject!: UploadEngine;
    subject = engine(token, recorder({ beforeRetry: async () => subject.stop('stopped') }));

    const outcome = await subject.run().then(() => 'resolved', (reason: unknown) => reason);
    // A round trip to the same server after the stop: a retry sent on the stop would be logged before it.
    await requestLog(lane);

    expect(outcome).to.equal('stopped');
    expect((await requestLog(lane)).map((r) => [r.part, r.status])).to.deep.equal([[1, 503]]);
  });

  it("stop() aborts the part in flight (the library's cancel)", async () => {
    const { token } = await newToken(lane);
    await emulator(lane, 'POST', '/faults', { part: 2, delayMs: 1500 });
    let subject!: UploadEngine;
    const hooks = recorder();
    subject = engine(token, { ...hooks, progress: (_bytes, part) => (part === 2 ? subject.stop('cut') : undefined) });

    const outcome = await subject.run().then(() => 'resolved', (reason: unknown) => reason);

    expect(outcome).to.equal('cut');
    expect(acceptedParts(await requestLog(lane))).to.deep.equal([1]);
  });

  it('gives back api.video\'s Video wire shape (public, ATOM dates), not the library\'s (_public, Date)', async () => {
    const { token } = await newToken(lane);
    const video = (await engine(token, recorder()).run()) as unknown as Record<string, unknown>;

    expect(video).to.not.have.property('_public');
    expect(video.public).to.be.a('boolean');
    expect(video.createdAt).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
    expect(video.title).to.equal('contract.mp4');
    expect((video.assets as Record<string, string>).hls).to.be.a('string');
  });

  it('a part the server says was already sent counts as acknowledged (its answer was lost on the way back)', async () => {
    const { token } = await newToken(lane);
    await emulator(lane, 'POST', '/faults', {
      part: 2,
      status: 400,
      body: {
        type: 'https://docs.api.video/reference/video-content-range-by-part-part-already-sent',
        title: 'The "part" value in the "Content-Range" header collides with a previous one you already sent for this video.',
        status: 400,
      },
    });
    const hooks = recorder({ retryDelay: () => null });

    await engine(token, hooks).run();

    expect(hooks.called('partDone')).to.deep.equal([[1, 3], [2, 3], [3, 3]]);
    expect(hooks.called('retryDelay')).to.have.length(1);
  });
});
