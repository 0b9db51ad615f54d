// <apivideo-uploader multiple>: each file's own pause, resume, cancel and retry, while the other files go on.
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { QueueCompleteEvent, UploadErrorEvent, UploadSuccessEvent } from '../../src/index.js';
import {
  nextEvent,
  sha256,
  useLane,
  videoFile,
  choose,
  eventsFor,
  expectEachNamesItsFile,
  inRow,
  nextEventFor,
  onFilePart,
  queueUploader,
  recordAll,
  row,
  rowButtons,
  stateOf,
} from './support.js';

/** Bytes per part: the emulator is told to take parts this small. */
const PART = 64 * 1024;

describe('<apivideo-uploader multiple> controls each file', () => {
  const lane = useLane();
  beforeEach(async () => {
    await lane.reset();
    await lane.smallParts(PART);
  });

  it('pauses one file and cancels another while the third goes on; the paused one resumes into its own video', async () => {
    const el = await queueUploader(lane, {}, PART);
    const paused = videoFile(2 * PART + PART / 2, 'paused.mp4', 201);
    const cancelled = videoFile(2 * PART + PART / 2, 'cancelled.mp4', 202);
    const goesOn = videoFile(PART + PART / 4, 'goes-on.mp4', 203);
    const files = [paused, cancelled, goesOn];
    const events = recordAll(el);
    const completes: QueueCompleteEvent[] = [];
    el.addEventListener('queue-complete', (event) => completes.push(event));

    // Each from its own row, once its part 1 is stored.
    onFilePart(el, paused, 1, () => {
      expect(rowButtons(el, paused)).to.deep.equal(['pause-button', 'cancel-button']);
      expect(inRow(el, paused, 'pause-button')!.getAttribute('aria-label')).to.equal('Pause paused.mp4');
      inRow(el, paused, 'pause-button')!.click();
    });
    onFilePart(el, cancelled, 1, () => inRow(el, cancelled, 'cancel-button')!.click());
    const pauseEvent = nextEventFor(el, 'upload-pause', paused);
    const cancelEvent = nextEventFor(el, 'upload-cancel', cancelled);
    const wentOn = nextEventFor<UploadSuccessEvent>(el, 'upload-success', goesOn);
    choose(el, files);

    await pauseEvent;
    await cancelEvent;
    const { video } = (await wentOn).detail;
    // The third file finished while the first stayed paused: the queue has not drained.
    expect(stateOf(el, paused)).to.equal('paused');
    expect(stateOf(el, cancelled)).to.equal('cancelled');
    expect(completes).to.have.length(0);
    expect((await lane.storedVideo(video.videoId)).sha256).to.equal(await sha256(goesOn));
    // Two at a time: the third file started only once the pause or the cancel had left it a place.
    const types = events.map((event) => `${event.type} ${event.detail.file?.name}`);
    const freed = Math.min(types.indexOf('upload-pause paused.mp4'), types.indexOf('upload-cancel cancelled.mp4'));
    expect(types.indexOf('upload-state goes-on.mp4')).to.be.greaterThan(freed);

    await el.updateComplete;
    expect(row(el, paused).getAttribute('part')).to.equal('row row-paused');
    expect(inRow(el, paused, 'row-status')!.textContent).to.equal('Paused');
    expect(rowButtons(el, paused)).to.deep.equal(['resume-button', 'cancel-button']);
    expect(row(el, cancelled).getAttribute('part')).to.equal('row row-cancelled');
    expect(inRow(el, cancelled, 'row-status')!.textContent).to.equal('Cancelled');
    expect(rowButtons(el, cancelled)).to.deep.equal([]);
    expect(el.state).to.equal('paused');
    const [cancelledPart] = eventsFor(events, 'upload-part', cancelled) as (Event & { detail: { videoId: string } })[];
    expect((await lane.storedVideo(cancelledPart.detail.videoId)).complete).to.equal(false);

    const complete = nextEvent<QueueCompleteEvent>(el, 'queue-complete', 60_000);
    const resumedSuccess = nextEventFor<UploadSuccessEvent>(el, 'upload-success', paused);
    inRow(el, paused, 'resume-button')!.click();
    const resumed = (await resumedSuccess).detail.video;
    expect((await complete).detail).to.deep.equal({ succeeded: 2, failed: 0, cancelled: 1, rejected: 0 });
    const stored = await lane.storedVideo(resumed.videoId);
    expect(stored.sha256).to.equal(await sha256(paused));
    expect(stored.receivedParts).to.deep.equal([1, 2, 3]);
    expect(eventsFor(events, 'upload-resume', paused)).to.have.length(1);
    expect(eventsFor(events, 'upload-success', cancelled)).to.have.length(0);
    expectEachNamesItsFile(events, files);
    expect(completes).to.have.length(1);
  });

  it('retries a failed file from its row while the others finish; queue-complete reports each drain', async () => {
    const el = await queueUploader(lane, { concurrency: '1' }, PART);
    const files = [videoFile(PART + PART / 4, 'fails-first.mp4', 211), videoFile(PART / 2, 'b.mp4', 212), videoFile(PART / 2, 'c.mp4', 213)];
    const [failing] = files;
    const events = recordAll(el);
    // One at a time: the first file's token request is the first the endpoint gets, and the one it refuses.
    await lane.setTokenEndpoint({ mode: 'status', status: 500, times: 1 });
    const failed = nextEventFor<UploadErrorEvent>(el, 'upload-error', failing);
    const firstDrain = nextEvent<QueueCompleteEvent>(el, 'queue-complete', 60_000);
    choose(el, files);
    expect((await failed).detail).to.include({ code: 'token-request-failed', status: 500, retriable: true });
    expect((await firstDrain).detail).to.deep.equal({ succeeded: 2, failed: 1, cancelled: 0, rejected: 0 });
    await el.updateComplete;
    expect(el.state).to.equal('error');
    expect(el.hasAttribute('upload-error')).to.equal(true);
    expect(row(el, failing).getAttribute('part')).to.equal('row row-error');
    expect(inRow(el, failing, 'row-error-message')!.textContent).to.match(/^The upload could not start\. Try again\./);
    expect(rowButtons(el, failing)).to.deep.equal(['retry-button', 'cancel-button']);
    expect(stateOf(el, files[1])).to.equal('success');
    expect(stateOf(el, files[2])).to.equal('success');

    const secondDrain = nextEvent<QueueCompleteEvent>(el, 'queue-complete', 60_000);
    const success = nextEventFor<UploadSuccessEvent>(el, 'upload-success', failing);
    inRow(el, failing, 'retry-button')!.click();
    const { video } = (await success).detail;
    expect((await secondDrain).detail).to.deep.equal({ succeeded: 3, failed: 0, cancelled: 0, rejected: 0 });
    expect((await lane.storedVideo(video.videoId)).sha256).to.equal(await sha256(failing));
    expectEachNamesItsFile(events, files);
    expect(el.state).to.equal('success');
  });

  it('acts on every file when given none: pause() holds back the files still waiting, cancel() gives them all up', async () => {
    const el = await queueUploader(lane, { concurrency: '1' }, PART);
    const files = [videoFile(2 * PART + PART / 2, 'all-1.mp4', 221), videoFile(PART / 2, 'all-2.mp4', 222), videoFile(PART / 2, 'all-3.mp4', 223)];
    const events = recordAll(el);
    onFilePart(el, files[0], 1, () => el.pause());
    const paused = nextEventFor(el, 'upload-pause', files[0]);
    choose(el, files);
    await paused;
    await el.updateComplete;
    // The place the first file left is not taken: the others were paused before their turn.
    expect(el.files.map((entry) => entry.state)).to.deep.equal(['paused', 'paused', 'paused']);
    expect(el.state).to.equal('paused');
    expect(eventsFor(events, 'upload-state', files[1])).to.have.length(0);

    const complete = nextEvent<QueueCompleteEvent>(el, 'queue-complete');
    el.cancel();
    expect((await complete).detail).to.deep.equal({ succeeded: 0, failed: 0, cancelled: 3, rejected: 0 });
    for (const file of files) expect(eventsFor(events, 'upload-cancel', file), file.name).to.have.length(1);
    expect(await lane.tokenRequestCount()).to.equal(1);
  });

  it('cancels every file when removed from the page, those waiting for their turn included', async () => {
    const el = await queueUploader(lane, { concurrency: '1' }, PART);
    const files = [videoFile(2 * PART + PART / 2, 'gone-1.mp4', 231), videoFile(PART / 2, 'gone-2.mp4', 232)];
    const events = recordAll(el);
    const complete = nextEvent<QueueCompleteEvent>(el, 'queue-complete');
    onFilePart(el, files[0], 1, () => el.remove());
    choose(el, files);
    expect((await complete).detail).to.deep.equal({ succeeded: 0, failed: 0, cancelled: 2, rejected: 0 });
    for (const file of files) expect(eventsFor(events, 'upload-cancel', file), file.name).to.have.length(1);
    expect(eventsFor(events, 'upload-state', files[1])).to.have.length(0);
    const [first] = eventsFor(events, 'upload-part', files[0]) as (Event & { detail: { videoId: string } })[];
    expect((await lane.storedVideo(first.detail.videoId)).complete).to.equal(false);
  });
});
