// `video-id`: the upload goes into a video the site's backend made beforehand, from part 1 on.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { ApiVideoUploader, UploadStartEvent, UploadSuccessEvent } from '../../src/index.js';
import { MiB, nextEvent, recordEvents, sha256, useLane, videoFile } from './support.js';

describe('<apivideo-uploader> video-id', () => {
  const lane = useLane();

  it('uploads into the video given by video-id, part 1 included', async () => {
    const videoId = await lane.createVideo('Made by the backend');
    const el = await fixture<ApiVideoUploader>(
      html`<apivideo-uploader api-host=${lane.emulatorUrl} chunk-size=${String(5 * MiB)} video-id=${videoId}></apivideo-uploader>`,
    );
    expect(el.targetVideoId).to.equal(videoId);
    expect(el.videoId).to.equal(undefined);
    const token = await lane.createToken();
    el.uploadToken = token;
    const parts = recordEvents(el, ['upload-part']);
    const started = nextEvent<UploadStartEvent>(el, 'upload-start', 30_000);
    const success = nextEvent<UploadSuccessEvent>(el, 'upload-success', 60_000);
    const file = videoFile(12 * MiB, 'into-given.mp4', 71);
    void el.upload(file);

    await started;
    expect(el.videoId).to.equal(videoId);
    const { video } = (await success).detail;
    expect(video.videoId).to.equal(videoId);
    expect(el.videoId).to.equal(videoId);
    // The emulator logs the video each request went into: a part 1 sent without the id would have made another.
    const log = await lane.requestsWith(token);
    expect(log.map((entry) => [entry.part, entry.status, entry.videoId])).to.deep.equal([
      [1, 201, videoId],
      [2, 201, videoId],
      [3, 201, videoId],
    ]);
    expect(parts.map((event) => (event as CustomEvent<{ videoId: string }>).detail.videoId)).to.deep.equal([videoId, videoId, videoId]);
    const stored = await lane.storedVideo(videoId);
    expect(stored.title).to.equal('Made by the backend');
    expect(stored.sha256).to.equal(await sha256(file));
  });
});
