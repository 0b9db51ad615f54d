// `parallel-parts`: the element sends parts of one file side by side into one video, and refuses a value it cannot use.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { ApiVideoUploader, UploadErrorEvent, UploadSuccessEvent } from '../../src/index.js';
import { MiB, mostAtOnce, nextEvent, part, sha256, untilLog, useLane, videoFile } from './support.js';

describe('<apivideo-uploader> parallel-parts', () => {
  const lane = useLane();
  beforeEach(() => lane.reset());

  const element = (parallelParts: string) =>
    fixture<ApiVideoUploader>(
      html`<apivideo-uploader
        api-host=${lane.emulatorUrl}
        token-url=${lane.tokenUrl}
        chunk-size=${String(5 * MiB)}
        parallel-parts=${parallelParts}
      ></apivideo-uploader>`,
    );

  it('sends three parts at a time after part 1, into one video with the same bytes', async () => {
    const el = await element('3');
    expect(el.parallelParts).to.equal(3);
    // Parts 2 to 4 held until all three are on the server at once, however busy the machine.
    for (const p of [2, 3, 4]) await lane.hold(p, 'side');
    const file = videoFile(6 * 5 * MiB, 'six.mp4');
    const success = nextEvent<UploadSuccessEvent>(el, 'upload-success', 60_000);
    void untilLog(lane, (log) => [2, 3, 4].every((p) => log.some((r) => r.part === p)), 'parts 2 to 4 side by side')
      .then(() => lane.release('side'));

    void el.upload(file);
    const { video } = (await success).detail;

    const log = await lane.requestLog();
    expect(mostAtOnce(log)).to.equal(3);
    expect(new Set(log.map((r) => r.videoId))).to.deep.equal(new Set([video.videoId]));
    expect((await lane.storedVideo(video.videoId)).sha256).to.equal(await sha256(file));
  });

  it('refuses a value outside 1..8 with an error that says so, and sends nothing', async () => {
    const el = await element('12');
    const failed = nextEvent<UploadErrorEvent>(el, 'upload-error');

    void el.upload(videoFile(MiB, 'refused.mp4'));
    const { detail } = await failed;
    await el.updateComplete;

    expect(detail.message).to.equal('parallel-parts must be a whole number from 1 to 8, not 12.');
    // The developer's words go to the console; the visitor reads a plain sentence.
    expect(part(el, 'error-message')!.textContent).to.equal('Uploading is not available here yet.');
    expect(await lane.requestLog()).to.deep.equal([]);
  });
});
