// The official uploader, unmodified but for its endpoint, against the emulator in a real browser:
// proves the emulator speaks the wire protocol the library expects (CORS, multipart, part numbering, 201 bodies).
import { expect } from '@open-wc/testing';
import {
  VideoUploader,
  type VideoUploaderOptionsWithAccessToken,
  type VideoUploaderOptionsWithUploadToken,
} from '@api.video/video-uploader/src/video-uploader';
import { MiB, sha256, useLane, videoFile } from './support.js';

/** The library forces https://{apiHost}; the emulator is plain http, so point the protected endpoint at it. */
class LoopbackUploader extends VideoUploader {
  constructor(options: VideoUploaderOptionsWithUploadToken | VideoUploaderOptionsWithAccessToken, endpoint: string) {
    super(options);
    this.uploadEndpoint = endpoint;
  }
}

describe('the official @api.video/video-uploader against the emulator', () => {
  const lane = useLane();

  it('uploads a 12 MiB file in 5 MiB parts and the emulator stores exactly those bytes', async () => {
    const token = await lane.createToken(600);
    const file = videoFile(12 * MiB, 'generated.mp4');
    const uploader = new LoopbackUploader(
      { file, uploadToken: token, chunkSize: 5 * MiB, retries: 1 },
      `${lane.emulatorUrl}/upload?token=${token}`,
    );
    const progress: number[] = [];
    uploader.onProgress((e) => progress.push(e.uploadedBytes));

    const video = await uploader.upload();

    expect(video.videoId).to.match(/^vi[0-9A-Za-z]{22}$/);
    expect(video.title).to.equal('generated.mp4');
    const stored = await lane.storedVideo(video.videoId);
    expect(stored.complete).to.equal(true);
    expect(stored.receivedParts).to.deep.equal([1, 2, 3]);
    expect(stored.totalParts).to.equal(3);
    expect(stored.size).to.equal(file.size);
    expect(stored.sha256).to.equal(await sha256(file));
    expect(Object.values(stored.partTokens)).to.deep.equal([token, token, token]);
    // The library reports XHR upload progress, multipart framing included, so it ends a little past the file size.
    expect(progress.at(-1)).to.be.at.least(file.size);

    const log = await lane.requestLog();
    const mine = log.filter((r) => r.videoId === video.videoId);
    expect(mine.map((r) => [r.part, r.totalParts, r.status])).to.deep.equal([
      [1, 3, 201],
      [2, 3, 201],
      [3, 3, 201],
    ]);
  });

  it('fires onPlayable once the HLS manifest answers 200, and the mp4 asset reads back with Range', async () => {
    const token = await lane.createToken(600);
    const file = videoFile(64 * 1024, 'short.mp4');
    const uploader = new LoopbackUploader({ file, uploadToken: token, retries: 1 }, `${lane.emulatorUrl}/upload?token=${token}`);
    const playable = new Promise<string>((resolve) => uploader.onPlayable((v) => resolve(v.videoId)));

    const video = await uploader.upload();

    expect(await playable).to.equal(video.videoId);
    const manifest = await fetch(video.assets!.hls!);
    expect(manifest.status).to.equal(200);
    expect(await manifest.text()).to.match(/^#EXTM3U/);
    const slice = await fetch(video.assets!.mp4!, { headers: { Range: 'bytes=1000-1999' } });
    expect(slice.status).to.equal(206);
    const expected = new Uint8Array(await file.slice(1000, 2000).arrayBuffer());
    expect(new Uint8Array(await slice.arrayBuffer())).to.deep.equal(expected);
  });

  it('uploads in parts with an access token into a video created beforehand (/videos/{videoId}/source)', async () => {
    const auth = await (
      await fetch(`${lane.emulatorUrl}/auth/api-key`, { method: 'POST', body: JSON.stringify({ apiKey: 'emulator-api-key' }) })
    ).json();
    const created = await (
      await fetch(`${lane.emulatorUrl}/videos`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${auth.access_token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ title: 'made first' }),
      })
    ).json();
    const file = videoFile(11 * MiB, 'with-access-token.mp4');
    const uploader = new LoopbackUploader(
      { file, accessToken: auth.access_token, videoId: created.videoId, chunkSize: 5 * MiB, retries: 1 },
      `${lane.emulatorUrl}/videos/${created.videoId}/source`,
    );

    const video = await uploader.upload();

    expect(video.videoId).to.equal(created.videoId);
    expect(video.title).to.equal('made first');
    const stored = await lane.storedVideo(created.videoId);
    expect(stored.receivedParts).to.deep.equal([1, 2, 3]);
    expect(stored.size).to.equal(file.size);
    expect(stored.sha256).to.equal(await sha256(file));
  });
});
