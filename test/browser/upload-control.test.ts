// pause, resume, cancel, offline/online: which parts go over the wire afterwards, read from the emulator's log.
import { expect } from '@open-wc/testing';
import { RecordedSession, acceptedParts, sha256, useLane, videoFile } from './support.js';

/** Bytes per part: the emulator is told to take parts this small. */
const PART = 64 * 1024;

describe('UploadSession pause, resume, cancel', () => {
  const lane = useLane();
  const file = videoFile(3 * PART, 'controlled.mp4');
  beforeEach(async () => {
    await lane.reset();
    await lane.smallParts(PART);
  });

  const session = () =>
    new RecordedSession({ file, chunkSize: PART, minChunkSize: PART, apiHost: lane.emulatorUrl, tokens: { url: lane.tokenUrl } });
  /**
   * Keeps part k on the wire until the test releases it (`lane.release('held')`), so it acts while the part is in
   * flight; a part the test aborts is let go by the next test's reset.
   */
  const holdPart = (part: number) => lane.hold(part, 'held');
  const inFlight = (run: RecordedSession, part: number) => run.until(() => run.of('upload-progress').some((p) => p.part === part));

  it('asks for a token when the upload starts, not before', async () => {
    const run = session();
    expect(await lane.tokenRequestCount()).to.equal(0);
    const done = run.session.start();
    await done;
    expect(await lane.tokenRequestCount()).to.equal(1);
  });

  it('pauses between parts and resumes at the next part', async () => {
    const run = session();
    run.untilEvent('upload-part').then(() => run.session.pause());
    const started = run.session.start();
    await run.untilState('paused');

    expect(run.of('upload-pause')).to.have.length(1);
    run.session.resume();
    await started;
    await run.untilState('success');

    const log = await lane.requestLog();
    expect(log.map((r) => [r.part, r.status])).to.deep.equal([[1, 201], [2, 201], [3, 201]]);
    expect(run.of('upload-resume')).to.have.length(1);
    expect(run.states).to.deep.equal(['preparing', 'uploading', 'paused', 'uploading', 'success']);
    expect((await lane.storedVideo(run.session.videoId!)).sha256).to.equal(await sha256(file));
  });

  it('pausing aborts the part in flight; resume sends that part again and never an acknowledged one', async () => {
    await holdPart(2);
    const run = session();
    inFlight(run, 2).then(() => run.session.pause());
    run.session.start();
    await run.untilState('paused');

    run.session.resume();
    await run.untilState('success');

    const log = await lane.requestLog();
    expect(log.filter((r) => r.part === 1).map((r) => r.status)).to.deep.equal([201]);
    expect(acceptedParts(log)).to.deep.equal([1, 2, 3]);
    expect(log.filter((r) => r.part === 2).length).to.equal(2);
    expect(run.of('upload-part').map((p) => [p.part, p.attempts])).to.deep.equal([[1, 1], [2, 2], [3, 1]]);
    expect(await lane.tokenRequestCount()).to.equal(1);
    expect((await lane.storedVideo(run.session.videoId!)).sha256).to.equal(await sha256(file));
    const progress = run.of('upload-progress');
    for (let i = 1; i < progress.length; i++) expect(progress[i].percent).to.be.at.least(progress[i - 1].percent);
  });

  it('a pause during part 1, then resume at once, makes one video: part 1 is never sent twice', async () => {
    await holdPart(1);
    const run = session();
    const done = run.session.start();
    await inFlight(run, 1);
    run.session.pause();
    run.session.resume();
    await lane.release('held');
    await done;

    expect(run.session.state).to.equal('success');
    const log = await lane.requestLog();
    expect(log.filter((r) => r.part === 1).map((r) => r.status)).to.deep.equal([201]);
    expect(acceptedParts(log)).to.deep.equal([1, 2, 3]);
    expect(new Set(log.filter((r) => r.part! > 1).map((r) => r.videoId))).to.deep.equal(new Set([run.session.videoId]));
    expect((await lane.storedVideo(run.session.videoId!)).sha256).to.equal(await sha256(file));
  });

  it('cancel aborts the part in flight at once and settles start()', async () => {
    await holdPart(2);
    const run = session();
    inFlight(run, 2).then(() => run.session.cancel());

    await run.session.start();

    expect(run.of('upload-cancel')).to.have.length(1);
    expect(run.session.state).to.equal('idle');
    expect(run.of('upload-success')).to.deep.equal([]);
    expect(run.of('upload-error')).to.deep.equal([]);
    const stored = await lane.storedVideo(run.session.videoId!);
    expect(stored.receivedParts).to.deep.equal([1]);
    expect(stored.complete).to.equal(false);
    // A cancelled session stays cancelled.
    run.session.resume();
    run.session.retry();
    expect(run.session.state).to.equal('idle');
  });

  it('cancel while paused ends the session', async () => {
    const run = session();
    run.untilEvent('upload-part').then(() => run.session.pause());
    const started = run.session.start();
    await run.untilState('paused');

    run.session.cancel();
    await started;

    expect(run.states.at(-1)).to.equal('idle');
    expect(run.of('upload-cancel')).to.have.length(1);
    expect(acceptedParts(await lane.requestLog())).to.deep.equal([1]);
  });

  it('going offline pauses, coming back online resumes at the part that was cut', async () => {
    await holdPart(2);
    const run = session();
    inFlight(run, 2).then(() => window.dispatchEvent(new Event('offline')));
    run.session.start();
    await run.untilState('paused');

    expect(run.of('upload-pause')).to.have.length(1);
    window.dispatchEvent(new Event('online'));
    await run.untilState('success');

    expect(run.of('upload-resume')).to.have.length(1);
    const log = await lane.requestLog();
    expect(log.filter((r) => r.part === 1)).to.have.length(1);
    expect(acceptedParts(log)).to.deep.equal([1, 2, 3]);
  });

  it('coming online does not resume an upload the user paused', async () => {
    const run = session();
    run.untilEvent('upload-part').then(() => run.session.pause());
    run.session.start();
    await run.untilState('paused');

    window.dispatchEvent(new Event('online'));

    expect(run.session.state).to.equal('paused');
    run.session.cancel();
  });
});
