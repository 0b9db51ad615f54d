// The element's recording: the code loads only for sources that record, the buttons, the muted live preview, the
// timer and stop, and the same upload events as a file, against the lane's emulator with Chromium's or Firefox's fake
// camera (web-test-runner.config.mjs).
import { expect, fixture, html } from '@open-wc/testing';
import type { ApiVideoUploader } from '../../src/index.js';
import '../../src/index.js';
import { EBML_HEADER, nextEvent, part, recordsHere, storedHead, useLane, waitUntil } from './support.js';

const PART = 64 * 1024;
/** Tests that record: skipped, visibly, where the engine cannot record (WebKitGTK here; see `recordsHere`). */
const itRecords: Mocha.TestFunction = recordsHere ? it : (it.skip as Mocha.TestFunction);

/** Module URLs of the recording code the page has fetched. */
function recordingCodeFetched(): string[] {
  return performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((name) => /\/src\/record\/(?!sources)/.test(name));
}

describe('<apivideo-uploader> recording', () => {
  const lane = useLane();
  beforeEach(async () => {
    await lane.reset();
    await lane.emulator('POST', '/config', { minPartBytes: PART });
  });

  // First in this file: no test before it has loaded the recording code into this page.
  it('loads no recording code for an element that uploads files only, and offers no record button', async () => {
    const el = await fixture<ApiVideoUploader>(html`<apivideo-uploader token-url=${lane.tokenUrl}></apivideo-uploader>`);
    await el.updateComplete;
    expect(part(el, 'record-camera')).to.equal(null);
    expect(recordingCodeFetched()).to.deep.equal([]);
  });

  itRecords('records from the camera with the buttons, showing a muted preview and a timer, and uploads while recording', async () => {
    const el = await fixture<ApiVideoUploader>(
      html`<apivideo-uploader sources="file camera" token-url=${lane.tokenUrl} api-host=${lane.emulatorUrl}
        .recordingPartSize=${PART}></apivideo-uploader>`,
    );
    await waitUntil(() => part(el, 'record-camera'), 'the record button');
    expect(recordingCodeFetched().length, 'the recording code is fetched for camera').to.be.above(0);
    expect(part(el, 'record-screen'), 'screen is not among the sources').to.equal(null);
    const started = nextEvent<CustomEvent>(el, 'recording-start');
    part(el, 'record-camera')!.click();
    expect((await started).detail.source).to.equal('camera');
    await waitUntil(() => part(el, 'recording-preview'), 'the preview');

    const preview = part(el, 'recording-preview') as HTMLVideoElement;
    expect(preview.muted, 'the preview is muted').to.equal(true);
    expect(preview.srcObject).to.be.instanceOf(MediaStream);
    expect(part(el, 'recording-timer')!.textContent).to.match(/^Recording /);

    await nextEvent(el, 'upload-part');
    expect(el.state).to.equal('uploading');
    const stopped = nextEvent<CustomEvent<{ bytes: number; reason: string }>>(el, 'recording-stop');
    const success = nextEvent<CustomEvent<{ video: { videoId: string } }>>(el, 'upload-success');
    part(el, 'stop-recording')!.click();
    const { bytes, reason } = (await stopped).detail;
    expect(reason).to.equal('user');
    const { videoId } = (await success).detail.video;

    expect(el.state).to.equal('success');
    const stored = await lane.storedVideo(videoId);
    expect(stored.size).to.equal(bytes);
    expect(stored.receivedParts.length, 'parts').to.be.at.least(2);
    expect(await storedHead(lane, videoId, 4)).to.deep.equal(EBML_HEADER);
    await el.updateComplete;
    expect(part(el, 'record-camera'), 'ready to record again').to.not.equal(null);
  });

  itRecords('says the upload is waiting while api.video answers 5xx, and stops saying it once a part is stored', async () => {
    await lane.fault({ part: 2, times: 2, status: 503 });
    const el = await fixture<ApiVideoUploader>(
      html`<apivideo-uploader sources="camera" token-url=${lane.tokenUrl} api-host=${lane.emulatorUrl}
        .recordingPartSize=${PART}></apivideo-uploader>`,
    );
    await waitUntil(() => part(el, 'record-camera'), 'the record button');
    part(el, 'record-camera')!.click();
    await nextEvent(el, 'upload-retry');
    await el.updateComplete;
    const waiting = part(el, 'recording-waiting');
    expect(waiting?.textContent).to.equal('The upload is waiting for the network or for api.video. The recording goes on; nothing is lost.');
    expect(waiting?.getAttribute('role')).to.equal('status');
    await waitUntil(() => part(el, 'recording-waiting') === null, 'the words go once part 2 is stored', { timeout: 15_000 });

    const success = nextEvent(el, 'upload-success');
    await el.stopRecording();
    await success;
    expect(el.state).to.equal('success');
  });

  itRecords('startRecording and stopRecording record without the microphone when it is switched off', async () => {
    const el = await fixture<ApiVideoUploader>(
      html`<apivideo-uploader sources="camera" token-url=${lane.tokenUrl} api-host=${lane.emulatorUrl}
        .recordingPartSize=${PART}></apivideo-uploader>`,
    );
    await waitUntil(() => part(el, 'microphone'), 'the microphone switch');
    const mic = part(el, 'microphone')!.querySelector('input')!;
    mic.click();
    expect(mic.checked).to.equal(false);
    await el.startRecording('camera');
    await el.updateComplete;
    const stream = (part(el, 'recording-preview') as HTMLVideoElement).srcObject as MediaStream;
    expect(stream.getAudioTracks().length, 'no audio track').to.equal(0);
    await nextEvent(el, 'upload-part');
    const success = nextEvent(el, 'upload-success');
    await el.stopRecording();
    await success;
    expect(el.state).to.equal('success');
  });

  itRecords('offers the recording for download once stopped when its upload failed, the recording going on meanwhile', async () => {
    await lane.setTokenEndpoint({ mode: 'status', status: 503, times: 100 });
    const el = await fixture<ApiVideoUploader>(
      html`<apivideo-uploader sources="camera" token-url=${lane.tokenUrl} api-host=${lane.emulatorUrl}
        .recordingPartSize=${PART}></apivideo-uploader>`,
    );
    await waitUntil(() => part(el, 'record-camera'), 'the record button');
    const failed = nextEvent<CustomEvent<{ code: string }>>(el, 'upload-error');
    part(el, 'record-camera')!.click();
    expect((await failed).detail.code).to.equal('token-request-failed');
    await el.updateComplete;
    // Words for the visitor, with the site's own refusal quoted (the code, status and message go to the console).
    expect(part(el, 'recording-error')!.textContent).to.equal('The upload could not start. Try again. Details: “The test token endpoint was told to fail.”');
    expect(part(el, 'drop-zone'), 'no file to choose with sources="camera"').to.equal(null);
    await waitUntil(() => part(el, 'stop-recording'), 'still recording');
    // Recorded data has come (the recorder hands it over every second): a recording stopped before has none.
    const sent = () => part(el, 'recording-sent')?.textContent ?? '';
    const before = sent();
    await waitUntil(() => sent() !== before, 'recorded data', { timeout: 10_000 });
    const stopped = nextEvent<CustomEvent<{ bytes: number }>>(el, 'recording-stop');
    await el.stopRecording();
    const { bytes } = (await stopped).detail;

    await waitUntil(() => part(el, 'recording-download'), 'the recording to download');
    const data = await (await fetch((part(el, 'recording-download') as HTMLAnchorElement).href)).blob();
    expect(data.size).to.equal(bytes);
    expect([...new Uint8Array(await data.slice(0, 4).arrayBuffer())]).to.deep.equal(EBML_HEADER);
  });

  itRecords('records in the type recording-mime-type asks for, when the browser can', async () => {
    const el = await fixture<ApiVideoUploader>(
      html`<apivideo-uploader sources="camera" recording-mime-type="video/webm;codecs=vp8" token-url=${lane.tokenUrl}
        api-host=${lane.emulatorUrl} .recordingPartSize=${PART}></apivideo-uploader>`,
    );
    const started = nextEvent<CustomEvent<{ mimeType: string }>>(el, 'recording-start');
    await el.startRecording('camera');
    expect((await started).detail.mimeType).to.match(/^video\/webm;\s*codecs="?vp8/i);
    el.reset();
  });

  it('ignores startRecording for a source the element does not offer', async () => {
    const el = await fixture<ApiVideoUploader>(html`<apivideo-uploader sources="file camera" token-url=${lane.tokenUrl}></apivideo-uploader>`);
    let started = false;
    el.addEventListener('recording-start', () => (started = true));
    await el.startRecording('screen');
    expect(started).to.equal(false);
    expect(el.state).to.equal('idle');
  });
});
