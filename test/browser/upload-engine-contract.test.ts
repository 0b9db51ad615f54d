// Contract tests for the engine adapter: each protected member of @api.video/video-uploader that UploadEngine
// overrides or sets is exercised against the emulator. If a library upgrade renames one, stops calling it, or calls
// it at another moment, one of these fails.
import { expect } from '@open-wc/testing';
import { PartError, UploadEngine, type EngineHooks, type SendAttempt } from '../../src/upload/engine.js';
import type { Video } from '../../src/events/index.js';
import {
  MiB, acceptedParts, closeLane, emulator, generatedFile, newToken, openLane, requestLog, resetLane, sha256,
  storedVideo, watchUncaught, type Lane,
} from './upload-support.js';

/** sendPart as a test writes it: `decide` makes the attempts of part k; every call is recorded. */
function hooks(decide: (part: number, attempt: SendAttempt) => Promise<Video>): EngineHooks & { parts: number[][] } {
  const parts: number[][] = [];
  return {
    parts,
    sendPart: (part, total, attempt) => {
      parts.push([part, total]);
      return decide(part, attempt);
    },
  };
}

const outcome = (promise: Promise<unknown>) => promise.then((value) => value, (error: unknown) => error);

describe('UploadEngine over @api.video/video-uploader (contract)', () => {
  let lane: Lane;
  let token: string;
  const file = generatedFile(15 * MiB, 'contract.mp4');
  before(async () => {
    lane = await openLane();
  });
  after(async () => closeLane(lane));
  beforeEach(async () => {
    await resetLane(lane);
    token = (await newToken(lane)).token;
  });

  const engine = (h: EngineHooks, videoId?: string) =>
    new UploadEngine({ file, apiHost: lane.emulatorUrl, chunkSize: 5 * MiB, videoId }, h);

  it('xhrWithRetrier: called once per part, in order, with the part numbers; each attempt is one request', async () => {
    const h = hooks((_part, attempt) => attempt(token).result);
    const video = await engine(h).run();

    expect(h.parts).to.deep.equal([[1, 3], [2, 3], [3, 3]]);
    const log = await requestLog(lane);
    expect(log.map((r) => [r.part, r.totalParts, r.status])).to.deep.equal([[1, 3, 201], [2, 3, 201], [3, 3, 201]]);
    // One video: parts 2 and 3 carried the videoId part 1's answer gave (the emulator logs the video each part went to).
    expect(log.map((r) => r.videoId)).to.deep.equal([video.videoId, video.videoId, video.videoId]);
    expect((await storedVideo(lane, video.videoId)).sha256).to.equal(await sha256(file));
  });

  it('xhrWithRetrier: a part sendPart answers itself is not sent; later parts carry its videoId', async () => {
    // Part 1 sent by hand, as an earlier run would have.
    const first = (await fetch(`${lane.emulatorUrl}/upload?token=${token}`, {
      method: 'POST',
      headers: { 'Content-Range': 'part 1/3' },
      body: partForm(file.slice(0, 5 * MiB)),
    }).then((r) => r.json())) as Video;

    const h = hooks((part, attempt) => (part === 1 ? Promise.resolve(first) : attempt(token).result));
    const video = await engine(h).run();

    const log = await requestLog(lane);
    expect(log.map((r) => [r.part, r.videoId])).to.deep.equal([[1, first.videoId], [2, first.videoId], [3, first.videoId]]);
    expect((await storedVideo(lane, video.videoId)).sha256).to.equal(await sha256(file));
  });

  it('uploadEndpoint: a full http:// apiHost is used as is, and each attempt carries the token it was given', async () => {
    const { token: other } = await newToken(lane);
    const tokens = [token, other, token];
    await engine(hooks((part, attempt) => attempt(tokens[part - 1]).result)).run();

    expect((await requestLog(lane)).map((r) => [r.part, r.token])).to.deep.equal([[1, token], [2, other], [3, token]]);
  });

  it('videoId option: part 1 already carries it', async () => {
    const videoId = 'vi4blUQJFrYWbaG44NChkH27';
    await outcome(engine(hooks((_part, attempt) => attempt(token).result), videoId).run());

    expect((await requestLog(lane))[0]?.videoId).to.equal(videoId);
  });

  it('retryStrategy: the library never retries; a refused attempt comes back to sendPart as a PartError at once', async () => {
    const body = { type: 'https://docs.api.video/reference/server-error', title: 'Server error', status: 503 };
    await emulator(lane, 'POST', '/faults', { part: 2, status: 503, body });
    const failures: unknown[] = [];
    const h = hooks(async (_part, attempt) => {
      for (;;) {
        try {
          return await attempt(token).result;
        } catch (error) {
          failures.push(error);
        }
      }
    });

    await engine(h).run();

    expect(failures).to.have.length(1);
    expect(failures[0]).to.be.instanceOf(PartError);
    expect((failures[0] as PartError).part).to.equal(2);
    expect((failures[0] as PartError).failure).to.deep.include({ status: 503, title: 'Server error', sentWithToken: token });
    expect((await requestLog(lane)).map((r) => [r.part, r.status])).to.deep.equal([[1, 201], [2, 503], [2, 201], [3, 201]]);
  });

  it('parseErrorResponse: a 429 carries X-RateLimit-Retry-After, else Retry-After (seconds or an HTTP date)', async () => {
    const inAMinute = new Date(Date.now() + 60_000).toUTCString();
    await emulator(lane, 'POST', '/faults', { part: 1, status: 429, headers: { 'X-RateLimit-Retry-After': '3', 'Retry-After': '9' } });
    await emulator(lane, 'POST', '/faults', { part: 2, status: 429, headers: { 'Retry-After': '7' } });
    await emulator(lane, 'POST', '/faults', { part: 3, status: 429, headers: { 'Retry-After': inAMinute } });
    const waits: Record<number, number | undefined> = {};
    const h = hooks(async (part, attempt) => {
      const first = await outcome(attempt(token).result);
      waits[part] = (first as PartError).failure?.retryAfterSeconds;
      return attempt(token).result;
    });

    await engine(h).run();

    expect(waits[1]).to.equal(3);
    expect(waits[2]).to.equal(7);
    expect(waits[3]).to.be.within(55, 61);
  });

  it('onProgress: an attempt hears the bytes of its part going out', async () => {
    const heard: number[] = [];
    await engine(hooks((part, attempt) => attempt(token, (bytes) => part === 2 && heard.push(bytes)).result)).run();

    expect(heard.length).to.be.greaterThan(0);
    expect(heard.at(-1)).to.be.at.least(5 * MiB);
  });

  it('stop() aborts the request on its way (the library\'s cancel), and no part is sent after it', async () => {
    await emulator(lane, 'POST', '/faults', { part: 2, delayMs: 1500 });
    let subject!: UploadEngine;
    const h = hooks((part, attempt) =>
      attempt(token, () => (part === 2 ? subject.stop('cut') : undefined)).result,
    );
    subject = engine(h);

    expect(await outcome(subject.run())).to.equal('cut');
    // A round trip to the same server after the stop: a part sent after it would be logged before this answer.
    await requestLog(lane);
    expect(acceptedParts(await requestLog(lane))).to.deep.equal([1]);
    expect(h.parts).to.deep.equal([[1, 3], [2, 3]]);
  });

  it('stop() decided on a refused attempt leaves the finished request alone: nothing uncaught reaches the page', async () => {
    const uncaught = watchUncaught();
    await emulator(lane, 'POST', '/faults', { part: 2, status: 400, body: { title: 'Bad part', status: 400 } });
    let subject!: UploadEngine;
    const h = hooks(async (_part, attempt) => {
      try {
        return await attempt(token).result;
      } catch (error) {
        // Within the task that delivered the answer, as a session giving up does.
        subject.stop(error);
        throw error;
      }
    });
    subject = engine(h);

    const error = await outcome(subject.run());
    // Firefox and WebKit fire an aborted-after-done request's `load` within a task or two.
    await new Promise((resolve) => setTimeout(resolve, 100));

    expect(error).to.be.instanceOf(PartError);
    expect(uncaught.stop()).to.deep.equal([]);
    expect((await requestLog(lane)).map((r) => [r.part, r.status])).to.deep.equal([[1, 201], [2, 400]]);
  });

  it("gives back api.video's Video wire shape (public, ATOM dates), not the library's (_public, Date)", async () => {
    const video = (await engine(hooks((_part, attempt) => attempt(token).result)).run()) as unknown as Record<string, unknown>;

    expect(video).to.not.have.property('_public');
    expect(video.public).to.be.a('boolean');
    expect(video.createdAt).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
    expect(video.title).to.equal('contract.mp4');
    expect((video.assets as Record<string, string>).hls).to.be.a('string');
  });
});

function partForm(blob: Blob): FormData {
  const form = new FormData();
  form.append('file', blob, 'part.mp4');
  return form;
}
