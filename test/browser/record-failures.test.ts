// A recording that cannot be made, or whose device goes away: a clear upload-error or recording-stop, never a hang.
// Refusal is real: a frame whose permissions policy denies the camera and microphone makes the browser itself answer
// NotAllowedError, whatever the fake-device flags grant the top page. A missing camera is real too: the browser is
// asked for a camera by an id no device has, and answers as it does on a machine without one.
import { expect, fixture, html } from '@open-wc/testing';
import type { ApiVideoUploader } from '../../src/index.js';
import '../../src/index.js';
import { Recording, RecordingFailure } from '../../src/record/index.js';
import { browserEngine, describeRecording, nextEvent, part, RecordedRecording, recordsHere, sha256, useLane, waitUntil } from './support.js';

const PART = 64 * 1024;

function deniedFrame(): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.allow = "camera 'none'; microphone 'none'; display-capture 'none'";
  frame.srcdoc = '<!doctype html><title>denied</title>';
  const loaded = new Promise<HTMLIFrameElement>((resolve) => frame.addEventListener('load', () => resolve(frame), { once: true }));
  document.body.append(frame);
  return loaded;
}

describe('Recording failures', () => {
  const lane = useLane();
  beforeEach(async () => {
    await lane.reset();
    await lane.emulator('POST', '/config', { minPartBytes: PART });
  });

  it('says the camera was refused, as upload-error recording-failed, and sends nothing', async () => {
    const frame = await deniedFrame();
    const run = new RecordedRecording();
    const started = Recording.start(
      {
        source: 'camera',
        microphone: true,
        apiHost: lane.emulatorUrl,
        tokens: { url: lane.tokenUrl },
        mediaDevices: frame.contentWindow!.navigator.mediaDevices,
      },
      run.emit,
    );
    const failure = await started.then(
      () => undefined,
      (error: unknown) => error,
    );
    frame.remove();

    expect(failure).to.be.instanceOf(RecordingFailure);
    const errors = run.of('upload-error');
    expect(errors.length).to.equal(1);
    expect(errors[0].code).to.equal('recording-failed');
    expect(errors[0].reason).to.equal('refused');
    expect(errors[0].message).to.equal('The recording could not start: permission to use the camera or microphone was refused.');
    expect(errors[0].detail).to.match(/^NotAllowedError/);
    expect(run.of('recording-start')).to.deep.equal([]);
    expect(await lane.tokenRequestCount()).to.equal(0);
    expect(await lane.requestLog()).to.deep.equal([]);
  });

  if (!recordsHere) {
    it('says this browser cannot record, as upload-error recording-failed, and sends nothing', async () => {
      const run = new RecordedRecording();
      const failure = await Recording.start(
        { source: 'camera', apiHost: lane.emulatorUrl, tokens: { url: lane.tokenUrl } },
        run.emit,
      ).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(browserEngine()).to.equal('webkit');
      expect(failure).to.be.instanceOf(RecordingFailure);
      const errors = run.of('upload-error');
      expect(errors.map((e) => e.code)).to.deep.equal(['recording-failed']);
      expect(errors[0].reason).to.equal('unsupported');
      expect(errors[0].message).to.equal('The recording could not start: this browser cannot record (its recorder is not supported).');
      expect(errors[0].detail).to.match(/^NotSupportedError/);
      expect(await lane.requestLog()).to.deep.equal([]);
    });
  }
});

/**
 * Until the returned function is called, this page's camera requests name a device id no device has: the fake-device
 * flags give every page a camera, and neither engine can be told from a page to have none. The request still goes to
 * the browser, which rejects it itself (OverconstrainedError on the device id in Chromium and Firefox), as
 * `getUserMedia` does where no camera is plugged in.
 */
function withoutCamera(): () => void {
  const devices = navigator.mediaDevices;
  const ask = devices.getUserMedia.bind(devices);
  Object.defineProperty(devices, 'getUserMedia', {
    configurable: true,
    value: (constraints?: MediaStreamConstraints) =>
      ask({ ...constraints, video: constraints?.video ? { deviceId: { exact: 'no-such-camera' } } : false }),
  });
  return () => delete (devices as { getUserMedia?: unknown }).getUserMedia;
}

describeRecording('<apivideo-uploader> without a camera', () => {
  const lane = useLane();
  let restore: () => void = () => {};
  beforeEach(async () => {
    await lane.reset();
    restore = withoutCamera();
  });
  afterEach(() => restore());

  it('says so under the controls, fires upload-error recording-failed and nothing else, and offers to record again', async () => {
    const el = await fixture<ApiVideoUploader>(
      html`<apivideo-uploader sources="camera" token-url=${lane.tokenUrl} api-host=${lane.emulatorUrl}></apivideo-uploader>`,
    );
    await waitUntil(() => part(el, 'record-camera'), 'the record button');
    const heard: string[] = [];
    for (const name of ['recording-start', 'recording-stop', 'upload-start', 'upload-success']) el.addEventListener(name, () => heard.push(name));
    const failed = nextEvent<CustomEvent<{ code: string; reason?: string; message: string; detail?: string }>>(el, 'upload-error');
    part(el, 'record-camera')!.click();
    const { code, reason, message, detail } = (await failed).detail;

    expect(code).to.equal('recording-failed');
    expect(reason).to.equal('no-device');
    expect(message).to.equal('The recording could not start: there is no camera or microphone.');
    expect(detail).to.match(/^OverconstrainedError/);
    await el.updateComplete;
    expect(el.state).to.equal('error');
    expect(part(el, 'recording-error')!.textContent).to.equal(
      'No camera or microphone was found. Plug one in and try again.',
    );
    expect(part(el, 'recording-preview'), 'no preview').to.equal(null);
    expect((part(el, 'record-camera') as HTMLButtonElement).disabled, 'the record button is back').to.equal(false);
    expect(heard).to.deep.equal([]);
    expect(await lane.tokenRequestCount()).to.equal(0);
    expect(await lane.requestLog()).to.deep.equal([]);

    // startRecording() settles too (it never waits for a camera that is not there), with the microphone off.
    (part(el, 'microphone')!.querySelector('input') as HTMLInputElement).click();
    const again = nextEvent<CustomEvent<{ message: string }>>(el, 'upload-error');
    await el.startRecording('camera');
    expect((await again).detail.message).to.equal('The recording could not start: there is no camera.');
    expect(heard).to.deep.equal([]);
  });
});

describeRecording('Recordings that end early', () => {
  const lane = useLane();
  beforeEach(async () => {
    await lane.reset();
    await lane.emulator('POST', '/config', { minPartBytes: PART });
  });

  it('ends the recording when its camera goes away and uploads what was recorded', async () => {
    const run = new RecordedRecording();
    const recording = await Recording.start(
      { source: 'camera', apiHost: lane.emulatorUrl, tokens: { url: lane.tokenUrl }, partSize: PART, timesliceMs: 200, onData: run.onData },
      run.emit,
    );
    await run.untilEvent('upload-part', 1);
    // A fake device cannot be unplugged: the track is ended as a lost device leaves it, and told so as the browser
    // tells it (stop() alone fires no `ended`).
    const camera = recording.stream.getVideoTracks()[0];
    camera.stop();
    camera.dispatchEvent(new Event('ended'));
    await recording.settled;

    expect(run.of('recording-stop').map((s) => s.reason)).to.deep.equal(['device-lost']);
    const [success] = run.of('upload-success');
    expect(success, 'upload-success').to.not.equal(undefined);
    expect((await lane.storedVideo(success.video.videoId)).sha256).to.equal(await sha256(run.recorded));
  });

  it('stops at max-duration and uploads it all', async () => {
    const run = new RecordedRecording();
    const recording = await Recording.start(
      { source: 'camera', apiHost: lane.emulatorUrl, tokens: { url: lane.tokenUrl }, partSize: PART, timesliceMs: 200, maxDurationSeconds: 1, onData: run.onData },
      run.emit,
    );
    await recording.settled;

    expect(run.of('recording-stop').map((s) => s.reason)).to.deep.equal(['max-duration']);
    const [success] = run.of('upload-success');
    expect((await lane.storedVideo(success.video.videoId)).sha256).to.equal(await sha256(run.recorded));
  });

  it('fails the recording upload, once, when the token source gives no token, and stops nothing it did not start', async () => {
    await lane.setTokenEndpoint({ mode: 'status', status: 500, times: 10 });
    const run = new RecordedRecording();
    const recording = await Recording.start(
      { source: 'camera', apiHost: lane.emulatorUrl, tokens: { url: lane.tokenUrl }, partSize: PART, timesliceMs: 200, onData: run.onData },
      run.emit,
    );
    await recording.settled;
    await recording.stop();

    expect(run.of('upload-error').map((e) => [e.code, e.status])).to.deep.equal([['token-request-failed', 500]]);
    expect(await lane.requestLog()).to.deep.equal([]);
  });
});
