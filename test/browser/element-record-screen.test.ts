// Recording the screen from the element's button: a key press on it is the user gesture getDisplayMedia requires.
// Chromium's fake UI (--use-fake-ui-for-media-stream) picks a screen itself. Firefox does not: with its fake-media and
// no-permission prefs, getDisplayMedia still waits at its screen picker for a person (no recording-start within 30 s
// here), and WebKitGTK cannot record at all (see `recordsHere`), so this runs in Chromium and is reported skipped in
// the others.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ApiVideoUploader } from '../../src/index.js';
import '../../src/index.js';
import { browserEngine, EBML_HEADER, nextEvent, part, storedHead, useLane, waitUntil } from './support.js';

const PART = 64 * 1024;
const itPicksAScreen: Mocha.TestFunction = browserEngine() === 'chromium' ? it : (it.skip as Mocha.TestFunction);

describe('<apivideo-uploader> recording the screen', () => {
  const lane = useLane();
  beforeEach(async () => {
    await lane.reset();
    await lane.emulator('POST', '/config', { minPartBytes: PART });
  });

  itPicksAScreen('records the screen from its button, without the microphone, and uploads it', async () => {
    const el = await fixture<ApiVideoUploader>(
      html`<apivideo-uploader sources="screen" token-url=${lane.tokenUrl} api-host=${lane.emulatorUrl}
        .recordingPartSize=${PART}></apivideo-uploader>`,
    );
    await waitUntil(() => part(el, 'record-screen'), 'the record button');
    expect(part(el, 'record-camera'), 'camera is not among the sources').to.equal(null);
    (part(el, 'microphone')!.querySelector('input') as HTMLInputElement).click();
    part(el, 'record-screen')!.focus();
    const started = nextEvent<CustomEvent<{ source: string }>>(el, 'recording-start');
    await sendKeys({ press: 'Enter' });
    expect((await started).detail.source).to.equal('screen');

    await waitUntil(() => part(el, 'stop-recording'), 'recording');
    const stream = (part(el, 'recording-preview') as HTMLVideoElement).srcObject as MediaStream;
    expect(stream.getVideoTracks().length).to.equal(1);
    expect(stream.getAudioTracks().length).to.equal(0);
    const stopped = nextEvent<CustomEvent<{ bytes: number }>>(el, 'recording-stop');
    const success = nextEvent<CustomEvent<{ video: { videoId: string } }>>(el, 'upload-success');
    await nextEvent(el, 'upload-part');
    await el.stopRecording();
    const { bytes } = (await stopped).detail;
    const { videoId } = (await success).detail.video;
    expect((await lane.storedVideo(videoId)).size).to.equal(bytes);
    expect(await storedHead(lane, videoId, 4)).to.deep.equal(EBML_HEADER);
  });
});
