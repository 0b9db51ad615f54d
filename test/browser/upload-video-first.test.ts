// Where the parts go, and when tokens run out, whatever the page's clock says: a video given beforehand receives the
// upload from part 1 (no second video can be made), a pause never makes an orphan video, and a visitor's clock hours
// off does not make every token look expired.
import { expect } from '@open-wc/testing';
import { MiB, RecordedSession, eventually, sha256, useLane, videoFile } from './support.js';
import type { UploadSessionOptions } from '../../src/upload/index.js';

describe('UploadSession: the video and the clock', () => {
  const lane = useLane();
  beforeEach(() => lane.reset());

  const file = videoFile(15 * MiB, 'first.mp4');
  const session = (extra: Partial<UploadSessionOptions> = {}) =>
    new RecordedSession({ file, chunkSize: 5 * MiB, apiHost: lane.emulatorUrl, tokens: { url: lane.tokenUrl }, ...extra });

  const videoCount = async () => (await lane.emulator<unknown[]>('GET', '/videos')).length;

  it('uploads into the videoId the token source gives, from part 1', async () => {
    const videoId = await lane.createVideo('Made first');
    const token = await lane.createToken();
    const run = session({ tokens: { provider: () => ({ token, videoId }) } });

    await run.session.start();

    expect(run.session.state).to.equal('success');
    expect((await lane.requestLog()).map((r) => [r.part, r.status, r.videoId])).to.deep.equal([
      [1, 201, videoId], [2, 201, videoId], [3, 201, videoId],
    ]);
    expect(run.session.videoId).to.equal(videoId);
    expect((await lane.storedVideo(videoId)).sha256).to.equal(await sha256(file));
    expect(await videoCount()).to.equal(1);
  });

  it('uploads into the videoId option; a lost answer to part 1 then makes no second video', async () => {
    const videoId = await lane.createVideo('Made first');
    // The server stores part 1, then the connection is cut before the answer.
    await lane.fault({ part: 1, dropAnswer: true });
    const run = session({ videoId });

    await run.session.start();

    expect(run.session.state).to.equal('success');
    expect((await lane.storedVideo(videoId)).sha256).to.equal(await sha256(file));
    expect(await videoCount()).to.equal(1);
  });

  it('lets part 1 finish when paused while it is on its way: resuming makes no second video', async () => {
    await lane.hold(1);
    const run = session();
    const done = run.session.start();
    await run.until(() => run.of('upload-progress').length > 0);
    run.session.pause();
    expect(run.session.state).to.equal('paused');
    // Part 1's answer arrives while paused: let go of it, and wait until the page has taken it in.
    await lane.release('part-1');
    await eventually(() => run.session.videoId, 'part 1 acknowledged while paused');
    expect((await lane.requestLog()).map((r) => [r.part, r.status])).to.deep.equal([[1, 201]]);

    run.session.resume();
    await done;

    expect(run.session.state).to.equal('success');
    expect((await lane.requestLog()).map((r) => [r.part, r.status])).to.deep.equal([[1, 201], [2, 201], [3, 201]]);
    expect(await videoCount()).to.equal(1);
    expect((await lane.storedVideo(run.session.videoId!)).sha256).to.equal(await sha256(file));
  });

  it("judges a token's expiry on the server's clock: with the page's clock an hour ahead, no token is renewed early", async () => {
    const realNow = Date.now;
    Date.now = () => realNow() + 3_600_000;
    try {
      const run = session({ file: videoFile(12 * 5 * MiB, 'twelve.mp4') });
      await run.session.start();
      expect(run.session.state).to.equal('success');
      expect(run.of('upload-part')).to.have.length(12);
    } finally {
      Date.now = realNow;
    }
    expect(await lane.tokenRequestCount()).to.be.at.most(2);
  });
});
