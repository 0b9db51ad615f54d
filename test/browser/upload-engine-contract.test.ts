// Contract tests for the part sender over @api.video/video-uploader (src/upload/library-sender.ts), through a file's
// run of parts (UploadEngine): each protected member of the library the sender uses, overrides or sets is exercised
// against the emulator. If a library upgrade renames one, builds a part's request
// differently, or retries on its own, one of these fails.
import { expect } from '@open-wc/testing';
import { UploadEngine } from '../../src/upload/engine.js';
import { FileParts } from '../../src/upload/part-source.js';
import { PartError } from '../../src/upload/part-sender.js';
import type { Video } from '../../src/events/index.js';
import { MiB, acceptedParts, sha256, useLane, videoFile, watchUncaught } from './support.js';

const outcome = (promise: Promise<unknown>) => promise.then((value) => value, (error: unknown) => error);

describe('UploadEngine over @api.video/video-uploader (contract)', () => {
  const lane = useLane();
  let token: string;
  const file = videoFile(15 * MiB, 'contract.mp4');
  beforeEach(async () => {
    await lane.reset();
    token = await lane.createToken();
  });

  const source = new FileParts(file, 5 * MiB);
  /** A file's run of parts as the session makes it: part k's bytes, `Content-Range: part k/N`. */
  class FileRun extends UploadEngine {
    readonly parts = source.count;
    attemptPart(part: number, tok: string, onProgress?: (bytes: number) => void) {
      return this.attempt({ part, bytes: source.bytesOf(part), total: source.count }, tok, onProgress);
    }
  }
  const engine = (videoId?: string) => new FileRun({ apiHost: lane.emulatorUrl, videoName: file.name, videoId });

  /** Parts 1..3 one after the other, part 1's video used from part 2 on, as a session does. */
  async function sendAll(subject: FileRun, tokenOf: (part: number) => string = () => token): Promise<Video> {
    let video!: Video;
    for (let part = 1; part <= subject.parts; part++) {
      video = await subject.attemptPart(part, tokenOf(part)).result;
      subject.useVideo(video.videoId);
    }
    return video;
  }

  it('createFormData + xhrWithRetrier: each part as the library builds it, Content-Range part k/N, the right bytes', async () => {
    const video = await sendAll(engine());

    const log = await lane.requestLog();
    expect(log.map((r) => [r.part, r.totalParts, r.status, r.bytes])).to.deep.equal([
      [1, 3, 201, 5 * MiB], [2, 3, 201, 5 * MiB], [3, 3, 201, 5 * MiB],
    ]);
    // One video: parts 2 and 3 carried the videoId part 1's answer gave (the emulator logs the video each part went to).
    expect(log.map((r) => r.videoId)).to.deep.equal([video.videoId, video.videoId, video.videoId]);
    expect((await lane.storedVideo(video.videoId)).sha256).to.equal(await sha256(file));
  });

  it('parts in any order and side by side make the same video', async () => {
    const subject = engine();
    const first = await subject.attemptPart(1, token).result;
    subject.useVideo(first.videoId);
    await Promise.all([subject.attemptPart(3, token).result, subject.attemptPart(2, token).result]);

    expect(acceptedParts(await lane.requestLog()).sort()).to.deep.equal([1, 2, 3]);
    expect((await lane.storedVideo(first.videoId)).sha256).to.equal(await sha256(file));
  });

  it('uploadEndpoint: a full http:// apiHost is used as is, and each attempt carries the token it was given', async () => {
    const other = await lane.createToken();
    await sendAll(engine(), (part) => (part === 2 ? other : token));

    expect((await lane.requestLog()).map((r) => [r.part, r.token])).to.deep.equal([[1, token], [2, other], [3, token]]);
  });

  it('videoId option: part 1 already carries it', async () => {
    const videoId = await lane.createVideo('Made first');
    await sendAll(engine(videoId));

    expect((await lane.requestLog()).map((r) => r.videoId)).to.deep.equal([videoId, videoId, videoId]);
    expect((await lane.storedVideo(videoId)).sha256).to.equal(await sha256(file));
  });

  it('retryStrategy: the library never retries; a refused attempt is one request and rejects with a PartError', async () => {
    const body = { type: 'https://docs.api.video/reference/server-error', title: 'Server error', status: 503 };
    await lane.fault({ part: 1, status: 503, body });

    const error = await outcome(engine().attemptPart(1, token).result);
    // A round trip after the refusal: a retry sent by the library would be logged before this answer.
    await lane.requestLog();

    expect(error).to.be.instanceOf(PartError);
    expect((error as PartError).part).to.equal(1);
    expect((error as PartError).failure).to.deep.include({ status: 503, title: 'Server error', sentWithToken: token });
    expect((await lane.requestLog()).map((r) => [r.part, r.status])).to.deep.equal([[1, 503]]);
  });

  it('parseErrorResponse: a 429 carries X-RateLimit-Retry-After, else Retry-After (seconds or an HTTP date)', async () => {
    const inAMinute = new Date(Date.now() + 60_000).toUTCString();
    await lane.fault({ part: 1, status: 429, headers: { 'X-RateLimit-Retry-After': '3', 'Retry-After': '9' } });
    await lane.fault({ part: 2, status: 429, headers: { 'Retry-After': '7' } });
    await lane.fault({ part: 3, status: 429, headers: { 'Retry-After': inAMinute } });
    const subject = engine();

    const waits = [];
    for (const part of [1, 2, 3]) waits.push(((await outcome(subject.attemptPart(part, token).result)) as PartError).failure.retryAfterSeconds);

    expect(waits[0]).to.equal(3);
    expect(waits[1]).to.equal(7);
    expect(waits[2]).to.be.within(55, 61);
  });

  it('onProgress: an attempt hears the bytes of its part going out', async () => {
    const heard: number[] = [];
    await engine().attemptPart(1, token, (bytes) => heard.push(bytes)).result;

    expect(heard.length).to.be.greaterThan(0);
    expect(heard.at(-1)).to.be.at.least(5 * MiB);
  });

  it("stop() aborts every request on its way (the library's cancel), and no attempt is made after it", async () => {
    // On the wire until the reset after the test: stop() aborts them first.
    await lane.hold(2);
    await lane.hold(3);
    const subject = engine();
    subject.useVideo((await subject.attemptPart(1, token).result).videoId);
    let stopped = false;
    const stopOnce = () => {
      if (!stopped) subject.stop();
      stopped = true;
    };
    const two = subject.attemptPart(2, token, stopOnce);
    const three = subject.attemptPart(3, token);

    const outcomes = await Promise.all([outcome(two.result), outcome(three.result)]);
    const after = await outcome(subject.attemptPart(3, token).result);

    for (const o of [...outcomes, after]) expect((o as PartError).failure.reason).to.equal('ABORTED');
    expect(acceptedParts(await lane.requestLog())).to.deep.equal([1]);
  });

  it('a stop decided on a refused attempt leaves the finished request alone: nothing uncaught reaches the page', async () => {
    const uncaught = watchUncaught();
    await lane.fault({ part: 1, status: 400, body: { title: 'Bad part', status: 400 } });
    const subject = engine();

    const attempt = subject.attemptPart(1, token);
    // Within the task that delivered the answer, as a session giving up does.
    const error = await attempt.result.catch((e: unknown) => {
      subject.stop();
      attempt.cancel();
      return e;
    });
    // Firefox and WebKit fire an aborted-after-done request's `load` within a task or two.
    await new Promise((resolve) => setTimeout(resolve, 100));

    expect(error).to.be.instanceOf(PartError);
    expect(uncaught.stop()).to.deep.equal([]);
  });

  it('a settled attempt, answered, refused or stopped, is kept by nothing: no request, form data or bytes held', async () => {
    // One library object per request, let go with it (library-sender.ts): what is on its way is all that is kept.
    const subject = engine();
    const controllers = () => Array.from({ length: subject.inFlight });
    const one = subject.attemptPart(1, token);
    expect(controllers().length, 'kept while on its way').to.equal(1);
    subject.useVideo((await one.result).videoId);
    await lane.fault({ part: 2, status: 500 });
    await outcome(subject.attemptPart(2, token).result);
    await lane.hold(3);
    const three = subject.attemptPart(3, token);
    subject.stop();
    await outcome(three.result);
    expect(controllers()).to.deep.equal([]);
  });

  it("gives back api.video's Video wire shape (public, ATOM dates), not the library's (_public, Date)", async () => {
    const video = (await engine().attemptPart(1, token).result) as unknown as Record<string, unknown>;

    expect(video).to.not.have.property('_public');
    expect(video.public).to.be.a('boolean');
    expect(video.createdAt).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
    expect(video.title).to.equal('contract.mp4');
    expect((video.assets as Record<string, string>).hls).to.be.a('string');
  });
});
