// `chunk-size` takes a unit (`10MB`, `10 MiB`), and says in the console what it does with a value it cannot read or
// must clamp, instead of silently using another size (once the list of uploads is there: a value set before is warned
// about then). The parsing itself is tested in test/node/chunk-size.test.ts.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { ApiVideoUploader, UploadStartEvent, UploadSuccessEvent } from '../../src/index.js';
import { eventually, nextEvent, sha256, useLane, videoFile } from './support.js';

describe('<apivideo-uploader> chunk-size', () => {
  const lane = useLane();

  let warnings: string[] = [];
  let originalWarn: typeof console.warn;
  beforeEach(() => {
    warnings = [];
    originalWarn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
  });
  afterEach(() => {
    console.warn = originalWarn;
  });

  async function setChunkSize(el: ApiVideoUploader, value: string): Promise<void> {
    el.setAttribute('chunk-size', value);
    await el.updateComplete;
  }

  it('warns once per element and value for a value it cannot read or must clamp, saying what it uses', async () => {
    const el = await fixture<ApiVideoUploader>(html`<apivideo-uploader chunk-size="abc"></apivideo-uploader>`);
    // The warning comes with the list of uploads (fetched once the page is idle): then, as each value is set.
    await eventually(() => warnings.length > 0, 'the warning');
    expect(warnings).to.deep.equal(['<apivideo-uploader> chunk-size "abc" is not a size; using 50 MiB']);

    expect(el.chunkSize).to.equal(50 * 1024 * 1024);
    await setChunkSize(el, '1MB');
    expect(el.chunkSize).to.equal(5 * 1024 * 1024);
    await setChunkSize(el, '10MiB');
    expect(el.chunkSize).to.equal(10 * 1024 * 1024);
    await setChunkSize(el, 'abc');
    await setChunkSize(el, '200MiB');
    await setChunkSize(el, '1MB');
    await setChunkSize(el, '5242880.0');
    await setChunkSize(el, '10 mb');
    expect(el.chunkSize).to.equal(10_000_000);
    el.chunkSize = 52428800;
    await el.updateComplete;
    // A number set from script is held to the same limits.
    el.chunkSize = 1000;
    await el.updateComplete;
    expect(warnings).to.deep.equal([
      '<apivideo-uploader> chunk-size "abc" is not a size; using 50 MiB',
      "<apivideo-uploader> chunk-size 1MB is below api.video's minimum part size of 5 MiB; using 5 MiB",
      "<apivideo-uploader> chunk-size 200MiB is above api.video's maximum part size of 128 MiB; using 128 MiB",
      "<apivideo-uploader> chunk-size 1000 is below api.video's minimum part size of 5 MiB; using 5 MiB",
    ]);

    // Each element speaks for itself.
    await fixture<ApiVideoUploader>(html`<apivideo-uploader chunk-size="abc"></apivideo-uploader>`);
    expect(warnings).to.have.length(5);
    expect(warnings[4]).to.equal(warnings[0]);
  });

  it('uploads in parts of the size written with a unit', async () => {
    const el = await fixture<ApiVideoUploader>(
      html`<apivideo-uploader api-host=${lane.emulatorUrl} chunk-size="10MB"></apivideo-uploader>`,
    );
    const token = await lane.createToken();
    el.uploadToken = token;
    const started = nextEvent<UploadStartEvent>(el, 'upload-start', 30_000);
    const success = nextEvent<UploadSuccessEvent>(el, 'upload-success', 60_000);
    const file = videoFile(12_000_000, 'ten-mb-parts.mp4', 61);
    void el.upload(file);

    expect((await started).detail).to.include({ chunkSize: 10_000_000, parts: 2 });
    const { video } = (await success).detail;
    expect((await lane.storedVideo(video.videoId)).sha256).to.equal(await sha256(file));
    const log = await lane.requestsWith(token);
    expect(log.map((entry) => [entry.part, entry.status, entry.bytes])).to.deep.equal([
      [1, 201, 10_000_000],
      [2, 201, 2_000_000],
    ]);
    expect(el.chunkSize).to.equal(10_000_000);
    expect(warnings).to.deep.equal([]);
  });
});
