// A frame of the chosen file beside its name, decoded by each engine's media stack from the local file: while it
// uploads, once done, and small in a queue's rows; a file the engine cannot decode has none, and uploads all the same.
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { ApiVideoUploader } from '../../src/index.js';
import { choose, eventually, inRow, part, queueUploader, untilState, uploader, useLane, videoFile } from './support.js';

async function framesFile(name = 'frames.webm'): Promise<File> {
  const bytes = await (await fetch('/test/fixtures/frames.webm')).blob();
  return new File([bytes], name, { type: 'video/webm' });
}

const drawn = (img: HTMLImageElement | null) => Boolean(img && img.complete && img.naturalWidth === 160 && img.naturalHeight === 90);

describe('<apivideo-uploader> poster frame', () => {
  const lane = useLane();

  it('shows a frame of the chosen video beside its name while it uploads and once done', async () => {
    const el: ApiVideoUploader = await uploader(lane);
    el.setAttribute('token-url', lane.tokenUrl);
    el.setAttribute('auto-upload', 'false');
    choose(el, [await framesFile()]);
    const poster = await eventually(() => {
      const img = part(el, 'poster') as HTMLImageElement | null;
      return drawn(img) ? img : undefined;
    }, 'the poster frame drawn', 20_000);
    // Decorative: the name beside it says what it is.
    expect(poster!.alt).to.equal('');
    expect(poster!.src).to.match(/^blob:/);
    await el.upload();
    await untilState(el, 'success');
    expect(drawn(part(el, 'poster') as HTMLImageElement)).to.equal(true);
    // Another file: the first one's frame is let go.
    el.reset();
    await el.updateComplete;
    expect(part(el, 'poster')).to.equal(null);
    const gone = await fetch(poster!.src).then(() => 'still there', () => 'revoked');
    expect(gone).to.equal('revoked');
  });

  it('a file the engine cannot decode has no frame and uploads all the same', async () => {
    const el = await uploader(lane);
    el.setAttribute('token-url', lane.tokenUrl);
    choose(el, [videoFile(4096, 'not-really.mp4')]);
    await untilState(el, 'success');
    // Long enough for a decoding to have failed: the metadata read gives up at once on bytes that are no video.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await el.updateComplete;
    expect(part(el, 'poster')).to.equal(null);
  });

  it('shows a small frame in each queue row that has one', async () => {
    const el = await queueUploader(lane, { 'auto-upload': 'false' });
    const video = await framesFile('a.webm');
    const noise = videoFile(4096, 'b.mp4');
    choose(el, [video, noise]);
    await eventually(() => el.files.length === 2, 'both files in the queue');
    await el.updateComplete;
    const img = await eventually(() => {
      const found = inRow(el, video, 'row-poster') as HTMLImageElement | null;
      return drawn(found) ? found : undefined;
    }, 'the row’s frame', 20_000);
    expect(img!.getBoundingClientRect().width).to.be.lessThan(80);
    expect(inRow(el, noise, 'row-poster')).to.equal(null);
  });
});
