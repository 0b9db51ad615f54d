// A recording that cannot be made, or whose device goes away: a clear upload-error or recording-stop, never a hang.
// Refusal is real: a frame whose permissions policy denies the camera and microphone makes the browser itself answer
// NotAllowedError, whatever the fake-device flags grant the top page.
import { expect } from '@open-wc/testing';
import { Recording, RecordingFailure } from '../../src/record/index.js';
import { RecordedRecording, browserEngine, describeRecording, recordsHere, sha256, useLane } from './support.js';

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
      expect(errors[0].message).to.equal('The recording could not start: this browser cannot record (its recorder is not supported).');
      expect(errors[0].detail).to.match(/^NotSupportedError/);
      expect(await lane.requestLog()).to.deep.equal([]);
    });
  }
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
    await recording.upload.settled;

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
    await recording.upload.settled;

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
    await recording.upload.settled;
    await recording.stop();

    expect(run.of('upload-error').map((e) => [e.code, e.status])).to.deep.equal([['token-request-failed', 500]]);
    expect(await lane.requestLog()).to.deep.equal([]);
  });
});
