// However an upload stops (an error, a pause, a cancel, a wait for a token), nothing uncaught reaches the page and no
// part goes out after it. Aborting a request that had already finished made Firefox and WebKit fire its `load` again
// with status 0 and an empty body, which the upload library parsed and threw on, uncaught, in the site's page.
import { expect } from '@open-wc/testing';
import { MiB, RecordedSession, skippingClock, useLane, videoFile, watchUncaught } from './support.js';
import type { UploadSessionOptions } from '../../src/upload/index.js';

describe('an upload that stops', () => {
  const lane = useLane();
  let uncaught: ReturnType<typeof watchUncaught>;
  beforeEach(async () => {
    await lane.reset();
    uncaught = watchUncaught();
  });

  const file = videoFile(15 * MiB, 'stops.mp4');
  const session = (extra: Partial<UploadSessionOptions> = {}) =>
    new RecordedSession({ file, chunkSize: 5 * MiB, apiHost: lane.emulatorUrl, tokens: { url: lane.tokenUrl }, ...extra });

  /** Lets the engines' late events run, then checks that nothing reached the page and nothing went out after `sent`. */
  async function expectQuietAfter(sent: number): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(uncaught.stop()).to.deep.equal([]);
    expect((await lane.requestLog()).length, 'requests sent after the upload stopped').to.equal(sent);
  }

  it('on a 4xx that retrying cannot fix', async () => {
    await lane.fault({ part: 2, status: 400, body: { title: 'Bad part', status: 400 } });
    const run = session();
    await run.session.start();
    expect(run.session.state).to.equal('error');
    expect(run.of('upload-error')[0]).to.deep.include({ code: 'upload-failed', status: 400, part: 2 });
    await expectQuietAfter(2);
  });

  it('on a 5xx after the last retry', async () => {
    await lane.fault({ part: 1, status: 503, times: 3 });
    // The backoffs asked of a clock that moves on at once.
    const run = session({ maxRetries: 2, ...skippingClock().options });
    await run.session.start();
    expect(run.of('upload-error')[0]).to.deep.include({ code: 'upload-failed', status: 503, part: 1 });
    await expectQuietAfter(3);
  });

  it('on a static token refused mid-upload: it waits for a new one', async () => {
    const token = await lane.createToken();
    const run = session({ tokens: { staticToken: token } });
    run.until(() => run.of('upload-part').length === 1).then(() => lane.deleteToken(token));
    await run.session.start();
    expect(run.session.state).to.equal('waiting-for-token');
    expect(run.of('upload-error')[0]).to.deep.include({ code: 'token-expired', status: 401, part: 2 });
    await expectQuietAfter(2);
  });

  it('on a pause mid-part, and a resume that finishes it', async () => {
    // On the wire until the test's reset lets go of it: the page aborts it first.
    await lane.hold(2);
    const run = session();
    const done = run.session.start();
    await run.until(() => run.of('upload-progress').some((p) => p.part === 2));
    run.session.pause();
    expect(run.session.state).to.equal('paused');
    const sentBeforeResume = (await lane.requestLog()).length;
    run.session.resume();
    await done;
    expect(run.session.state).to.equal('success');
    expect(sentBeforeResume).to.be.at.most(2);
    expect(uncaught.stop()).to.deep.equal([]);
  });

  it('on a pause while a failed part waits to be sent again', async () => {
    await lane.fault({ part: 2, status: 503 });
    const run = session();
    void run.session.start();
    await run.untilEvent('upload-retry');
    run.session.pause();
    await expectQuietAfter(2);
  });

  it('on a cancel mid-part', async () => {
    // On the wire until the test's reset lets go of it: the page aborts it first.
    await lane.hold(2);
    const run = session();
    const done = run.session.start();
    await run.until(() => run.of('upload-progress').some((p) => p.part === 2));
    run.session.cancel();
    await done;
    expect(run.of('upload-cancel')).to.have.length(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(uncaught.stop()).to.deep.equal([]);
    expect((await lane.requestLog()).filter((r) => r.part === 3)).to.deep.equal([]);
  });
});
