// <apivideo-uploader multiple> after a reload: every file of the queue keeps its own resume record, and each file
// chosen again continues at its first missing part. The reload is played inside one page as in element-resume:
// `pagehide`, the element and its uploads dropped mid-part, then a new element with the same storage.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { ApiVideoUploader, QueueCompleteEvent, UploadStartEvent, UploadSuccessEvent } from '../../src/index.js';
import { ResumeStore } from '../../src/upload/index.js';
import type { EmulatorVideoReport } from '../../src/server/emulator/control.js';
import {
  choose, eventually, freshNamespace, nextEvent, nextEventFor, sendsByPart, sha256, useLane, videoFile,
} from './support.js';
import type { UploadLogEntry } from '../../src/server/emulator/state.js';

const offerTexts = (el: ApiVideoUploader) =>
  [...el.shadowRoot!.querySelectorAll('[part~="resume-offer-button"]')].map((button) => button.textContent!.trim());

/**
 * Bytes per part: the emulator is told to take parts this small. Larger than the fingerprint's 64 KiB at each end, as
 * real parts are.
 */
const PART = 256 * 1024;
/** 6 parts, the last one smaller. */
const SIX_PARTS = 5 * PART + 4321;

describe('<apivideo-uploader multiple> resume after a reload', () => {
  const lane = useLane();
  beforeEach(async () => {
    await lane.reset();
    await lane.smallParts(PART);
  });

  function queue(key: string): Promise<ApiVideoUploader> {
    return fixture<ApiVideoUploader>(html`<apivideo-uploader
      multiple
      api-host=${lane.emulatorUrl}
      token-url=${lane.tokenUrl}
      .minChunkSize=${PART}
      .chunkSize=${PART}
      parallel-parts="1"
      concurrency="2"
      resume-storage-key=${key}
    ></apivideo-uploader>`);
  }

  /** Resolves once the emulator has logged `count` requests for `part` after the first `since` of its log. */
  const untilPartLogged = (part: number, count: number, since: number) =>
    eventually(
      async () => (await lane.requestLog()).slice(since).filter((entry) => entry.part === part).length >= count,
      `${count} requests for part ${part}`,
      30_000,
    );

  /** The requests that carried parts into `videoId`. */
  const partsInto = (log: UploadLogEntry[], videoId: string) => log.filter((entry) => entry.videoId === videoId);

  it('continues every unfinished file chosen again at its first missing part, into its own video, sending no held part twice', async () => {
    const key = freshNamespace('queue-reload');
    const files = [videoFile(SIX_PARTS, 'one.mp4', 201), videoFile(SIX_PARTS, 'two.mp4', 202), videoFile(SIX_PARTS, 'three.mp4', 203)];
    const [one, two, three] = files;

    // File 1 uploads to the end; files 2 and 3 then go side by side, each until its part 3 is on its way.
    const first = await queue(key);
    await first.upload(one);
    expect(first.files.find((entry) => entry.file === one)?.state).to.equal('success');
    const since = (await lane.requestLog()).length;
    // Both files' part 3 stay on the wire through the reload (until the lane's next reset lets them go).
    await lane.hold(3, 'through-the-reload', 2);
    const videoIds = new Map<File, string>();
    for (const file of [two, three]) {
      void nextEventFor<Event & { detail: { videoId: string } }>(first, 'upload-part', file).then((event) => videoIds.set(file, event.detail.videoId));
    }
    choose(first, [two, three]);
    await untilPartLogged(3, 2, since);
    expect(first.files.map((entry) => [entry.file.name, entry.state])).to.deep.equal([
      ['one.mp4', 'success'], ['two.mp4', 'uploading'], ['three.mp4', 'uploading'],
    ]);
    expect([...videoIds.keys()]).to.have.members([two, three]);

    // The reload: each unfinished file keeps its record, the uploaded one has none.
    window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
    first.remove();
    await eventually(async () => (await new ResumeStore({ namespace: key }).list()).length === 2, 'two records kept', 10_000);
    const records = await new ResumeStore({ namespace: key }).list();
    expect(records.map((record) => record.fingerprint.name)).to.have.members(['two.mp4', 'three.mp4']);
    const sentBefore = (await lane.requestLog()).length;

    // The new page's queue offers both, and no longer once their files are in it again.
    const second = await queue(key);
    await eventually(() => offerTexts(second).length === 2, 'the two offers');
    expect(offerTexts(second)).to.have.members(['Resume upload of two.mp4 (39 %)', 'Resume upload of three.mp4 (39 %)']);
    const started = files.map((file) => nextEventFor<UploadStartEvent>(second, 'upload-start', file));
    const succeeded = files.map((file) => nextEventFor<UploadSuccessEvent>(second, 'upload-success', file, 90_000));
    const complete = nextEvent<QueueCompleteEvent>(second, 'queue-complete', 90_000);
    choose(second, files);
    await second.updateComplete;
    expect(offerTexts(second)).to.deep.equal([]);
    expect((await complete).detail).to.deep.equal({ succeeded: 3, failed: 0, cancelled: 0, rejected: 0 });
    const [startOne, startTwo, startThree] = (await Promise.all(started)).map((event) => event.detail);
    // Uploaded before the reload, file 1 has nothing to continue: it is uploaded again, from its first part.
    expect(startOne).to.include({ resumed: false, firstPart: 1, parts: 6 });
    expect(startTwo).to.include({ resumed: true, firstPart: 3, parts: 6 });
    expect(startThree).to.include({ resumed: true, firstPart: 3, parts: 6 });

    const after = (await lane.requestLog()).slice(sentBefore);
    const videos = await lane.emulator<EmulatorVideoReport[]>('GET', '/videos');
    const successes = await Promise.all(succeeded);
    for (const [index, file] of [two, three].entries()) {
      const videoId = videoIds.get(file)!;
      expect(successes[index + 1].detail.video.videoId, file.name).to.equal(videoId);
      // Parts 1 and 2 were held before the reload: never sent again; each part after them once, into the same video.
      expect(sendsByPart(partsInto(after, videoId)), file.name).to.deep.equal({ 3: 1, 4: 1, 5: 1, 6: 1 });
      expect(videos.filter((video) => video.videoId === videoId), file.name).to.have.length(1);
      expect(videos.find((video) => video.videoId === videoId)!.sha256, file.name).to.equal(await sha256(file));
    }
    const again = successes[0].detail.video.videoId;
    expect(sendsByPart(partsInto(after, again))).to.deep.equal({ 1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1 });
    expect(videos.find((video) => video.videoId === again)!.sha256).to.equal(await sha256(one));
    // The only part 1 sent after the reload was file 1's: the resumed files made no new video.
    expect(after.filter((entry) => entry.part === 1)).to.have.length(1);
    await eventually(async () => (await new ResumeStore({ namespace: key }).list()).length === 0, 'no record left', 10_000);
  });
});
