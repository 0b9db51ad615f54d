import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type {
  TokenProvider,
  UploadPartEvent,
  UploadProgressEvent,
  UploadStartEvent,
  UploadRetryEvent,
  UploadSuccessEvent,
  VideoPlayableEvent,
} from '../../src/index.js';
import { MiB, fetchedSince, nextEvent, part, recordEvents, sha256, uploader, useLane, videoFile } from './support.js';

performance.setResourceTimingBufferSize(10_000);

/** Bytes per part: the emulator is told to take parts this small (api.video's 5 MiB is kept where it is the subject). */
const PART = 64 * 1024;
/** Three parts, the last one smaller. */
const THREE_PARTS = 2 * PART + PART / 2;
/** Two parts, the last one smaller. */
const TWO_PARTS = PART + PART / 4;

describe('<apivideo-uploader> uploads', () => {
  const lane = useLane();
  // Never reset here: the lane's emulator takes small parts from the start. The element's own 5 MiB floor is tested
  // with an element that keeps it.
  before(() => lane.smallParts(PART));

  it('uploads a file in three parts with a static token; the stored bytes hash the same', async () => {
    const el = await uploader(lane, PART);
    el.uploadToken = await lane.createToken();
    const file = videoFile(THREE_PARTS, 'twelve.mp4', 12);
    const events = recordEvents(el, ['file-select', 'upload-start', 'upload-progress', 'upload-part', 'upload-success']);
    const success = nextEvent<UploadSuccessEvent>(el, 'upload-success', 60_000);
    await el.upload(file);
    const { video } = (await success).detail;
    await el.updateComplete;

    expect(el.state).to.equal('success');
    expect(el.getAttribute('state')).to.equal('success');
    expect(el.hasAttribute('upload-complete')).to.equal(true);
    expect(el.videoId).to.equal(video.videoId);
    expect(part(el, 'video-id')!.textContent).to.equal(video.videoId);

    const stored = await lane.storedVideo(video.videoId);
    expect(stored.complete).to.equal(true);
    expect(stored.size).to.equal(file.size);
    expect(stored.sha256).to.equal(await sha256(file));
    expect(stored.receivedParts).to.deep.equal([1, 2, 3]);

    const start = events.find((e) => e.type === 'upload-start') as UploadStartEvent;
    expect(start.detail).to.include({ totalBytes: file.size, chunkSize: PART, parts: 3 });
    const parts = events.filter((e) => e.type === 'upload-part') as UploadPartEvent[];
    expect(parts.map((e) => e.detail.part)).to.deep.equal([1, 2, 3]);
    const percents = (events.filter((e) => e.type === 'upload-progress') as UploadProgressEvent[]).map((e) => e.detail.percent);
    expect(percents.length).to.be.greaterThan(0);
    percents.forEach((percent, i) => expect(percent).to.be.within(i ? percents[i - 1] : 0, 100));
    expect(percents[percents.length - 1]).to.equal(100);
    expect(events.map((e) => e.type)[0]).to.equal('file-select');
    expect(events.every((e) => e.bubbles && e.composed)).to.equal(true);

    const log = await lane.requestsFor(video.videoId);
    expect(log.map((entry) => `${entry.part}/${entry.totalParts} ${entry.status}`)).to.deep.equal([
      '1/3 201',
      '2/3 201',
      '3/3 201',
    ]);
  });

  it('retries a part the server failed, firing upload-retry, and stores each part once', async () => {
    const el = await uploader(lane, PART);
    const token = await lane.createToken();
    el.uploadToken = token;
    // Sent again at once: the wait itself is the retry policy's (unit tests, on a fake clock).
    el.retryDelays = [0];
    // This file's private emulator: the fault cannot reach another file's upload.
    await lane.fault({ part: 2, status: 503, times: 1 });
    const retried = nextEvent<UploadRetryEvent>(el, 'upload-retry', 60_000);
    const success = nextEvent<UploadSuccessEvent>(el, 'upload-success', 60_000);
    const file = videoFile(THREE_PARTS, 'flaky.mp4', 15);
    void el.upload(file);
    const retry = await retried;
    expect(retry.detail.part).to.equal(2);
    expect(retry.detail.delayMs, 'the element’s retryDelays').to.equal(0);
    expect(retry.bubbles && retry.composed).to.equal(true);
    const { video } = (await success).detail;
    expect((await lane.storedVideo(video.videoId)).sha256).to.equal(await sha256(file));
    const log = await lane.requestsWith(token);
    expect(log.map((entry) => `${entry.part} ${entry.status}`)).to.deep.equal(['1 201', '2 503', '2 201', '3 201']);
  });

  it('keeps chunk-size within api.video limits', async () => {
    const el = await uploader(lane);
    el.setAttribute('chunk-size', '1000');
    el.uploadToken = await lane.createToken();
    const started = nextEvent<UploadStartEvent>(el, 'upload-start', 30_000);
    const success = nextEvent<UploadSuccessEvent>(el, 'upload-success', 60_000);
    void el.upload(videoFile(6 * MiB, 'small-parts.mp4', 14));
    expect((await started).detail).to.include({ chunkSize: 5 * MiB, parts: 2 });
    await success;
  });

  it('fires video-playable once api.video can play the upload', async () => {
    const el = await uploader(lane, PART);
    el.uploadToken = await lane.createToken();
    const success = nextEvent<UploadSuccessEvent>(el, 'upload-success', 60_000);
    const playable = nextEvent<VideoPlayableEvent>(el, 'video-playable', 30_000);
    void el.upload(videoFile(PART / 2, 'playable.mp4', 13));
    const { video } = (await success).detail;
    const event = await playable;
    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.detail.video.videoId).to.equal(video.videoId);
    const hls = await fetch(video.assets!.hls!);
    expect(hls.status).to.equal(200);
  });

  it('gets its token from token-url: POSTs the file facts as JSON and uses the UploadToken it answers', async () => {
    const el = await uploader(lane, PART);
    const tokenUrl = `${lane.emulatorUrl}/__emulator/tokens?flow=${Math.random().toString(36).slice(2)}`;
    el.tokenUrl = tokenUrl;
    const since = performance.now();
    const success = nextEvent<UploadSuccessEvent>(el, 'upload-success', 60_000);
    const refresh = nextEvent<Event & { detail: { reason: string } }>(el, 'token-refresh', 60_000);
    const file = videoFile(TWO_PARTS, 'from-url.mp4', 6);
    await el.upload(file);
    const { video } = (await success).detail;
    expect((await refresh).detail.reason).to.equal('initial');
    expect(fetchedSince(since).filter((url) => url === tokenUrl)).to.have.length(1);
    const stored = await lane.storedVideo(video.videoId);
    expect(stored.sha256).to.equal(await sha256(file));
    // The token the endpoint minted carried every part.
    expect(new Set(Object.values(stored.partTokens)).size).to.equal(1);
  });

  it('gets its token from tokenProvider, which wins over token-url and upload-token', async () => {
    const el = await uploader(lane, PART);
    const staticToken = await lane.createToken();
    const tokenUrl = `${lane.emulatorUrl}/__emulator/tokens?precedence=${Math.random().toString(36).slice(2)}`;
    const provided: string[] = [];
    const contexts: Array<{ fileName: string; reason: string; signal: boolean }> = [];
    const provider: TokenProvider = async ({ file, reason, signal }) => {
      contexts.push({ fileName: file.name, reason, signal: signal instanceof AbortSignal });
      const token = await lane.createToken();
      provided.push(token);
      return { token, expiresAt: null };
    };
    el.uploadToken = staticToken;
    el.tokenUrl = tokenUrl;
    el.tokenProvider = provider;
    const since = performance.now();
    const success = nextEvent<UploadSuccessEvent>(el, 'upload-success', 60_000);
    await el.upload(videoFile(TWO_PARTS, 'provided.mp4', 7));
    const { video } = (await success).detail;

    expect(contexts).to.deep.equal([{ fileName: 'provided.mp4', reason: 'initial', signal: true }]);
    const stored = await lane.storedVideo(video.videoId);
    expect(Object.values(stored.partTokens)).to.deep.equal([provided[0], provided[0]]);
    expect(fetchedSince(since).filter((url) => url === tokenUrl)).to.deep.equal([]);

    // Without a provider, token-url comes next, before the static token.
    el.tokenProvider = undefined;
    const second = nextEvent<UploadSuccessEvent>(el, 'upload-success', 60_000);
    await el.upload(videoFile(PART / 2, 'second.mp4', 8));
    const secondStored = await lane.storedVideo((await second).detail.video.videoId);
    expect(fetchedSince(since).filter((url) => url === tokenUrl)).to.have.length(1);
    expect(Object.values(secondStored.partTokens)).to.not.include(staticToken);
  });

  it('uploads the chosen file with the upload button when auto-upload="false"', async () => {
    const el = await uploader(lane, PART);
    el.setAttribute('auto-upload', 'false');
    el.uploadToken = await lane.createToken();
    const file = videoFile(PART / 2, 'manual.mp4', 3);
    let started = false;
    el.addEventListener('upload-start', () => (started = true));
    const transfer = new DataTransfer();
    transfer.items.add(file);
    part(el, 'base')!.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    await nextEvent(el, 'file-select');
    await el.updateComplete;
    expect(el.state).to.equal('idle');
    expect(started).to.equal(false);
    expect(part(el, 'file-name')!.textContent).to.equal('manual.mp4');
    const success = nextEvent<UploadSuccessEvent>(el, 'upload-success', 60_000);
    part(el, 'upload-button')!.click();
    const stored = await lane.storedVideo((await success).detail.video.videoId);
    expect(stored.sha256).to.equal(await sha256(file));
  });
});
