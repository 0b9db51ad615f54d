// <apivideo-uploader multiple>: several files, each checked on its own, each into its own video, `concurrency` at a
// time, and `queue-complete` when the queue drains.
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { FileRejectEvent, QueueCompleteEvent, UploadStateEvent, UploadSuccessEvent } from '../../src/index.js';
import {
  nextEvent,
  part,
  sha256,
  useLane,
  videoFile,
  choose,
  drop,
  eventsFor,
  expectEachNamesItsFile,
  inRow,
  paste,
  queueUploader,
  recordAll,
  row,
  rowButtons,
  stateOf,
} from './support.js';

/** The names the lane's token endpoint was asked a token for. */
async function tokenAskedFor(lane: ReturnType<typeof useLane>): Promise<string[]> {
  const { requests } = await lane.tokenRequests();
  return requests.map((request) => (request.body as { fileName: string }).fileName);
}

/** Bytes per part: the emulator is told to take parts this small. */
const PART = 64 * 1024;

describe('<apivideo-uploader multiple> uploads a queue', () => {
  const lane = useLane();
  beforeEach(async () => {
    await lane.reset();
    await lane.smallParts(PART);
  });

  it('uploads three files chosen at once, each into its own video, two at a time, every event naming its file', async () => {
    const el = await queueUploader(lane, {}, PART);
    const files = [videoFile(PART + PART / 4, 'one.mp4', 101), videoFile(PART + PART / 4, 'two.mp4', 102), videoFile(PART + PART / 2, 'three.mp4', 103)];
    const events = recordAll(el);
    const complete = nextEvent<QueueCompleteEvent>(el, 'queue-complete', 90_000);
    choose(el, files);
    expect((await complete).detail).to.deep.equal({ succeeded: 3, failed: 0, cancelled: 0, rejected: 0 });
    await el.updateComplete;

    expectEachNamesItsFile(events, files);
    for (const file of files) {
      const [success] = eventsFor(events, 'upload-success', file) as UploadSuccessEvent[];
      const { videoId } = success.detail.video;
      const stored = await lane.storedVideo(videoId);
      expect(stored.complete, file.name).to.equal(true);
      expect(stored.size, file.name).to.equal(file.size);
      expect(stored.sha256, file.name).to.equal(await sha256(file));
      // Its parts went into its video, and nowhere else.
      const parts = eventsFor(events, 'upload-part', file).map((event) => (event as Event & { detail: { videoId: string } }).detail.videoId);
      expect(new Set(parts), file.name).to.deep.equal(new Set([videoId]));
      expect(el.files.find((entry) => entry.file === file)).to.deep.include({ state: 'success', videoId });
      expect(inRow(el, file, 'row-video-id')!.textContent).to.equal(videoId);
    }
    const videos = new Set(el.files.map((entry) => entry.videoId));
    expect(videos.size).to.equal(3);
    expect(await tokenAskedFor(lane)).to.have.members(files.map((file) => file.name));

    // Two at a time (the default concurrency): the third started only once one of the first two had finished.
    let most = 0;
    const running = new Set<File>();
    for (const event of events.filter((e) => e.type === 'upload-state') as UploadStateEvent[]) {
      const { file, state } = event.detail;
      if (state === 'preparing' || state === 'uploading') running.add(file);
      else running.delete(file);
      most = Math.max(most, running.size);
    }
    expect(most).to.equal(2);

    expect(el.state).to.equal('success');
    expect(el.getAttribute('state')).to.equal('success');
    expect([...el.shadowRoot!.querySelectorAll('[part~="row"]')].map((li) => li.getAttribute('part'))).to.deep.equal([
      'row row-success',
      'row row-success',
      'row row-success',
    ]);
    expect(part(el, 'total-status')!.textContent).to.equal('3 of 3 uploaded · 100 %');
    expect(part(el, 'total-progress-bar')!.getAttribute('aria-valuenow')).to.equal('100');
  });

  it('goes on without a file a restriction refuses: it shows as rejected, and queue-complete says 2 succeeded, 1 rejected', async () => {
    const el = await queueUploader(lane, { accept: 'video/*' }, PART);
    const notes = new File(['not a video'], 'notes.txt', { type: 'text/plain' });
    const files = [videoFile(PART + PART / 4, 'left.mp4', 111), notes, videoFile(PART / 2, 'right.mp4', 112)];
    const events = recordAll(el);
    const rejected = nextEvent<FileRejectEvent>(el, 'file-reject');
    const complete = nextEvent<QueueCompleteEvent>(el, 'queue-complete', 90_000);
    drop(el, files);

    expect((await rejected).detail).to.include({ file: notes, reason: 'type' });
    expect((await complete).detail).to.deep.equal({ succeeded: 2, failed: 0, cancelled: 0, rejected: 1 });
    await el.updateComplete;
    expectEachNamesItsFile(events, files);
    expect(events.filter((event) => event.type === 'file-reject')).to.have.length(1);
    expect(eventsFor(events, 'file-select', notes)).to.have.length(0);
    // Nothing at all was asked or sent for it.
    expect(await tokenAskedFor(lane)).to.have.members(['left.mp4', 'right.mp4']);
    for (const file of [files[0], files[2]]) {
      const [success] = eventsFor(events, 'upload-success', file) as UploadSuccessEvent[];
      expect((await lane.storedVideo(success.detail.video.videoId)).sha256, file.name).to.equal(await sha256(file));
    }

    expect(row(el, notes).getAttribute('part')).to.equal('row row-rejected');
    expect(inRow(el, notes, 'row-status')!.textContent).to.equal('Not accepted');
    expect(inRow(el, notes, 'reject-message')!.textContent).to.equal('This type of file is not accepted. Accepted: video/*.');
    expect(inRow(el, notes, 'progress-bar')).to.equal(null);
    expect(rowButtons(el, notes)).to.deep.equal([]);
    const entry = el.files.find((candidate) => candidate.file === notes)!;
    expect(entry.state).to.equal('rejected');
    expect(entry.rejection).to.include({ reason: 'type', message: 'This type of file is not accepted. Accepted: video/*.' });
    // The rejected file is no part of the total.
    expect(part(el, 'total-status')!.textContent).to.equal('2 of 2 uploaded · 100 %');
    expect(el.state).to.equal('success');
  });

  it('refuses files beyond max-files; with auto-upload off, the rest wait for the Upload button', async () => {
    const el = await queueUploader(lane, { 'max-files': '2', 'auto-upload': 'false' }, PART);
    const files = [videoFile(PART / 2, 'first.mp4', 121), videoFile(PART / 2, 'second.mp4', 122), videoFile(PART / 2, 'third.mp4', 123)];
    const events = recordAll(el);
    const refused = nextEvent<FileRejectEvent>(el, 'file-reject');
    drop(el, files);
    expect((await refused).detail).to.include({ file: files[2], reason: 'count', message: 'Only 2 files can be added.' });
    await el.updateComplete;
    await el.updateComplete;
    expect(part(el, 'reject-message')!.textContent).to.equal('Only 2 files can be added.');
    expect(part(el, 'hint')!.textContent).to.equal('2 files at most. You can also paste files.');
    expect([...el.shadowRoot!.querySelectorAll('[part~="row-name"]')].map((name) => name.textContent)).to.deep.equal([
      'first.mp4',
      'second.mp4',
    ]);
    expect(el.files.map((entry) => entry.state)).to.deep.equal(['ready', 'ready']);
    expect(el.state).to.equal('idle');

    // A pasted file counts against the same limit.
    const pastedFile = videoFile(PART / 2, 'pasted.mp4', 124);
    const refusedAgain = nextEvent<FileRejectEvent>(el, 'file-reject');
    expect(paste(el, [pastedFile]).defaultPrevented).to.equal(true);
    expect((await refusedAgain).detail).to.include({ file: pastedFile, reason: 'count' });
    expect(await lane.tokenRequestCount()).to.equal(0);

    const complete = nextEvent<QueueCompleteEvent>(el, 'queue-complete', 60_000);
    part(el, 'upload-button')!.click();
    expect((await complete).detail).to.deep.equal({ succeeded: 2, failed: 0, cancelled: 0, rejected: 0 });
    expectEachNamesItsFile(events, [...files, pastedFile]);
    expect(stateOf(el, files[0])).to.equal('success');
    expect(stateOf(el, files[1])).to.equal('success');
    await el.updateComplete;
    // Done: the list can be cleared, which brings back the empty drop zone.
    part(el, 'reset-button')!.click();
    await el.updateComplete;
    expect(el.files).to.deep.equal([]);
    expect(part(el, 'row')).to.equal(null);
    expect(el.state).to.equal('idle');
  });
});
