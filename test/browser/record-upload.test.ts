// Recording from the fake camera and microphone, uploaded while it is made, against the lane's emulator. Parts are
// forced small (the emulator's minPartBytes lowered to match) so a few seconds of video make several of them.
// Chromium: --use-fake-device-for-media-stream; Firefox: media.navigator.streams.fake (web-test-runner.config.mjs).
import { expect } from '@open-wc/testing';
import type { EmulatorVideoReport } from '../../src/server/emulator/control.js';
import { Recording } from '../../src/record/index.js';
import { EBML_HEADER, RecordedRecording, describeRecording, sha256, skippingClock, storedHead, useLane, type Lane } from './support.js';

/** Bytes per part: a few seconds of the fake camera make several. */
const PART = 32 * 1024;

async function record(lane: Lane, run: RecordedRecording, extra: Partial<Parameters<typeof Recording.start>[0]> = {}): Promise<Recording> {
  return Recording.start(
    {
      source: 'camera',
      microphone: true,
      apiHost: lane.emulatorUrl,
      tokens: { url: lane.tokenUrl },
      partSize: PART,
      timesliceMs: 100,
      onData: run.onData,
      ...extra,
    },
    run.emit,
  );
}

/** Stop once `parts` parts have been acknowledged, then wait for the upload to settle. */
async function recordParts(recording: Recording, run: RecordedRecording, parts: number): Promise<void> {
  await run.untilEvent('upload-part', parts);
  await recording.stop();
}

async function expectStoredAsRecorded(lane: Lane, run: RecordedRecording): Promise<EmulatorVideoReport> {
  expect(run.of('upload-error'), 'no upload-error').to.deep.equal([]);
  const [success] = run.of('upload-success');
  expect(success, 'upload-success').to.not.equal(undefined);
  const stored = await lane.storedVideo(success.video.videoId);
  expect(stored.complete).to.equal(true);
  expect(stored.size).to.equal(run.recorded.size);
  expect(stored.sha256).to.equal(await sha256(run.recorded));
  expect(await storedHead(lane, success.video.videoId, 4)).to.deep.equal(EBML_HEADER);
  const videos = await lane.emulator<EmulatorVideoReport[]>('GET', '/videos');
  expect(videos.map((v) => v.videoId), 'one video').to.deep.equal([success.video.videoId]);
  return stored;
}

describeRecording('Recording from the camera, uploaded while recording', () => {
  const lane = useLane();
  beforeEach(async () => {
    await lane.reset();
    await lane.emulator('POST', '/config', { minPartBytes: PART });
  });

  it('sends parts of unknown total while recording and the last part N/N after stop; the stored file is the recording', async () => {
    const run = new RecordedRecording();
    const recording = await record(lane, run);
    expect(run.of('recording-start')[0].source).to.equal('camera');
    expect(run.of('recording-start')[0].mimeType).to.match(/^video\/webm/);

    await run.untilEvent('upload-part', 2);
    const beforeStop = (await lane.requestLog()).filter((r) => r.status === 201);
    expect(beforeStop.length, 'parts stored before stop').to.be.at.least(2);
    expect(beforeStop.map((r) => r.totalParts), 'part k/* while recording').to.deep.equal(beforeStop.map(() => null));
    expect(recording.recording, 'still recording').to.equal(true);
    await recording.stop();

    const stored = await expectStoredAsRecorded(lane, run);
    const log = (await lane.requestLog()).filter((r) => r.status === 201);
    const n = log.length;
    expect(log.map((r) => r.part)).to.deep.equal(Array.from({ length: n }, (_, i) => i + 1));
    expect(log.at(-1)!.totalParts, 'the last part says N/N').to.equal(n);
    expect(log.slice(0, -1).every((r) => r.bytes >= PART), 'every part but the last is at least the minimum').to.equal(true);
    expect(stored.receivedParts).to.deep.equal(log.map((r) => r.part));
    const [stop] = run.of('recording-stop');
    expect(stop.bytes).to.equal(run.recorded.size);
    expect(stop.reason).to.equal('user');
    expect(run.of('upload-part').map((p) => p.part)).to.deep.equal(log.map((r) => r.part));
    expect(run.of('upload-progress').at(-1)!.percent).to.equal(100);
  });

  it('renews a token deleted mid-recording and sends the refused part again', async () => {
    const run = new RecordedRecording();
    const recording = await record(lane, run);
    await run.untilEvent('upload-part', 1);
    const first = (await lane.requestLog()).find((r) => r.status === 201)!.token!;
    await lane.deleteToken(first);
    await recordParts(recording, run, 3);

    await expectStoredAsRecorded(lane, run);
    const log = await lane.requestLog();
    const refused = log.filter((r) => r.status === 401);
    expect(refused.length, 'one part refused for its token').to.equal(1);
    expect(refused[0].token).to.equal(first);
    expect(log.some((r) => r.status === 201 && r.part === refused[0].part && r.token !== first), 'sent again with a new token').to.equal(true);
    expect(run.of('token-refresh').map((t) => t.reason)).to.deep.equal(['initial', 'rejected']);
  });

  it('renews tokens that expire mid-recording (strict expiry), every part stored, none refused twice', async () => {
    await lane.emulator('POST', '/config', { strictTokenExpiry: true });
    await lane.setTokenEndpoint({ mode: 'ok', ttl: 2, times: 100 });
    const run = new RecordedRecording();
    const recording = await record(lane, run);
    await recordParts(recording, run, 5);
    await lane.emulator('POST', '/config', { strictTokenExpiry: false });

    await expectStoredAsRecorded(lane, run);
    const refreshes = run.of('token-refresh').map((t) => t.reason);
    expect(refreshes[0]).to.equal('initial');
    expect(refreshes.length, 'tokens renewed as they expired').to.be.at.least(2);
    expect(refreshes.slice(1).every((r) => r === 'expired' || r === 'rejected')).to.equal(true);
    const log = await lane.requestLog();
    const stored = new Set(log.filter((r) => r.status === 201).map((r) => r.part));
    expect(stored.size, 'each part stored once').to.equal(log.filter((r) => r.status === 201).length);
  });

  it('sends a part again after the connection was cut on it, losing no byte', async () => {
    // Four times: a browser may itself re-send a request whose reused connection died before any answer, unseen by
    // the page (Chromium up to twice, Firefox three times), so the page sees at least one of the four.
    await lane.fault({ part: 2, times: 4, reset: true });
    const run = new RecordedRecording();
    // The backoffs asked of a clock that moves on at once.
    const recording = await record(lane, run, skippingClock().options);
    await recordParts(recording, run, 3);

    await expectStoredAsRecorded(lane, run);
    const retries = run.of('upload-retry');
    expect(retries.length, 'the page saw the cut').to.be.at.least(1);
    expect(retries.every((r) => r.part === 2 && r.reason === 'network error')).to.equal(true);
    const log = await lane.requestLog();
    expect(log.filter((r) => r.part === 2 && r.status !== 201).length).to.equal(4);
    expect(run.of('upload-part').find((p) => p.part === 2)!.attempts).to.equal(retries.length + 1);
    expect(run.of('recording-stop').length, 'the recording went on').to.equal(1);
  });

  it("waits out api.video's 5xx on a part for as long as it lasts, saying so, and loses no byte", async () => {
    await lane.fault({ part: 2, times: 3, status: 503 });
    const run = new RecordedRecording();
    // The backoffs asked of a clock that moves on at once.
    const recording = await record(lane, run, skippingClock().options);
    await recordParts(recording, run, 3);

    await expectStoredAsRecorded(lane, run);
    const retries = run.of('upload-retry');
    expect(retries.map((r) => [r.part, r.reason])).to.deep.equal([
      [2, 'the server answered 503'], [2, 'the server answered 503'], [2, 'the server answered 503'],
    ]);
    expect(run.of('upload-part').find((p) => p.part === 2)!.attempts).to.equal(4);
  });

  it('holds parts waiting beyond its memory limit in IndexedDB alone while the connection is cut, and sends them after', async () => {
    const small = 16 * 1024;
    await lane.emulator('POST', '/config', { minPartBytes: small });
    // Twelve cuts: the browser's own silent re-sends take some, so the page waits several backoffs on part 2.
    await lane.fault({ part: 2, times: 12, reset: true });
    const samples: { waiting: number; inMemory: number }[] = [];
    const run = new RecordedRecording();
    // Each backoff lasts until the samples below have seen several parts waiting behind part 2 (or as long as it
    // asked, if that comes first): the recording goes on meanwhile, for no longer than the test needs.
    const piledUp = () => samples.some((sample) => sample.waiting > 3 * small);
    const wait = async (ms: number, signal: AbortSignal) => {
      const until = Date.now() + ms;
      while (!piledUp() && !signal.aborted && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
    };
    const recording = await record(lane, run, { partSize: small, memoryLimit: small, wait });
    // What is held, looked at every 100 ms until part 2 is through.
    const sampler = setInterval(() => {
      samples.push({ waiting: recording.parts.unacknowledgedBytes, inMemory: recording.parts.bytesInMemory });
    }, 100);
    await run.until(() => run.of('upload-part').some((p) => p.part === 2));
    clearInterval(sampler);
    await recordParts(recording, run, 4);

    await expectStoredAsRecorded(lane, run);
    const most = Math.max(...samples.map((s) => s.waiting));
    expect(most, 'several parts waited').to.be.above(3 * small);
    expect(Math.max(...samples.map((s) => s.inMemory)), 'in memory: the part on its way and the limit').to.be.at.most(2 * small);
    expect(run.of('upload-retry').every((r) => r.part === 2)).to.equal(true);
  });

  it('goes into the video the token source names', async () => {
    const videoId = await lane.createVideo('made beforehand');
    const run = new RecordedRecording();
    const recording = await record(lane, run, {
      tokens: { provider: async () => ({ token: await lane.createToken(), videoId }) },
    });
    await recordParts(recording, run, 1);

    const stored = await expectStoredAsRecorded(lane, run);
    expect(stored.videoId).to.equal(videoId);
  });
});
