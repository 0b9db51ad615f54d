// UploadSession end to end in Chromium against a private emulator: bytes, tokens from a URL or a provider, progress.
import { expect } from '@open-wc/testing';
import { MiB, RecordedSession, acceptedParts, sha256, skippingClock, useLane, videoFile } from './support.js';

describe('UploadSession', () => {
  const lane = useLane();
  beforeEach(() => lane.reset());

  it('uploads 3 parts of 5 MiB with a token from the token URL; the stored bytes hash like the source', async () => {
    const file = videoFile(13 * MiB, 'three-parts.mp4');
    const run = new RecordedSession({ file, chunkSize: 5 * MiB, apiHost: lane.emulatorUrl, tokens: { url: lane.tokenUrl } });

    await run.session.start();

    expect(run.session.state).to.equal('success');
    expect(run.of('upload-error')).to.deep.equal([]);
    const [{ video }] = run.of('upload-success');
    expect(video.videoId).to.match(/^vi[0-9A-Za-z]{22}$/);
    expect(video.title).to.equal('three-parts.mp4');
    expect(run.session.videoId).to.equal(video.videoId);
    const stored = await lane.storedVideo(video.videoId);
    expect(stored.complete).to.equal(true);
    expect(stored.size).to.equal(file.size);
    expect(stored.sha256).to.equal(await sha256(file));
    expect(acceptedParts(await lane.requestLog())).to.deep.equal([1, 2, 3]);
    expect(run.of('upload-start')).to.deep.equal([{ totalBytes: file.size, chunkSize: 5 * MiB, parts: 3, resumed: false, firstPart: 1 }]);
    expect(run.of('upload-part').map((p) => [p.part, p.parts, p.videoId, p.attempts])).to.deep.equal([
      [1, 3, video.videoId, 1],
      [2, 3, video.videoId, 1],
      [3, 3, video.videoId, 1],
    ]);
    expect(run.states).to.deep.equal(['preparing', 'uploading', 'success']);
  });

  it('POSTs {fileName, fileSize, fileType} to the token URL once, merging requestInit headers, and reads the UploadToken JSON', async () => {
    const file = videoFile(6 * MiB, 'named.mp4');
    const run = new RecordedSession({
      file,
      chunkSize: 5 * MiB,
      apiHost: lane.emulatorUrl,
      tokens: { url: lane.tokenUrl, requestInit: { headers: { 'X-Test-Header': 'from-page' } } },
    });

    await run.session.start();

    expect(run.session.state).to.equal('success');
    const { count, requests } = await lane.tokenRequests();
    expect(count).to.equal(1);
    expect(requests[0].method).to.equal('POST');
    expect(requests[0].body).to.deep.equal({ fileName: 'named.mp4', fileSize: file.size, fileType: 'video/mp4' });
    expect(requests[0].headers['content-type']).to.equal('application/json');
    expect(requests[0].headers['x-test-header']).to.equal('from-page');
    const [refresh] = run.of('token-refresh');
    expect(refresh.reason).to.equal('initial');
    // api.video's UploadToken carries expiresAt (ttl 3600): passed straight through, it is read as a Date.
    expect(refresh.expiresAt).to.be.instanceOf(Date);
    expect(refresh.expiresAt!.getTime()).to.be.greaterThan(Date.now() + 3000 * 1000);
  });

  it('accepts a plain-text token from the token URL', async () => {
    await lane.setTokenEndpoint({ mode: 'plain-text' });
    const run = new RecordedSession({ file: videoFile(MiB), apiHost: lane.emulatorUrl, tokens: { url: lane.tokenUrl } });

    await run.session.start();

    expect(run.session.state).to.equal('success');
    expect(await lane.tokenRequestCount()).to.equal(1);
    expect(run.of('token-refresh')[0].expiresAt).to.equal(undefined);
  });

  it('asks the provider for a token with the file, the reason and a signal', async () => {
    const file = videoFile(11 * MiB, 'provided.mp4');
    const asked: { file: File; reason: string; signal: AbortSignal }[] = [];
    const run = new RecordedSession({
      file,
      chunkSize: 5 * MiB,
      apiHost: lane.emulatorUrl,
      tokens: {
        provider: async (context) => {
          asked.push(context);
          const { token, expiresAt } = await lane.emulator<{ token: string; expiresAt: string }>('POST', '/tokens', { ttl: 600 });
          return { token, expiresAt };
        },
        url: '/never-asked-because-the-provider-wins',
        staticToken: 'to-never-used',
      },
    });

    await run.session.start();

    expect(run.session.state).to.equal('success');
    expect(asked.map((a) => [a.file, a.reason])).to.deep.equal([[file, 'initial']]);
    expect(asked[0].signal).to.be.instanceOf(AbortSignal);
    const stored = await lane.storedVideo(run.session.videoId!);
    expect(stored.sha256).to.equal(await sha256(file));
  });

  it('takes a token from a provider that answers synchronously, and reports one that throws synchronously', async () => {
    const token = await lane.createToken();
    const file = videoFile(2 * MiB, 'sync.mp4');
    const run = new RecordedSession({ file, apiHost: lane.emulatorUrl, tokens: { provider: () => token } });

    await run.session.start();

    expect(run.of('upload-error')).to.deep.equal([]);
    expect(run.session.state).to.equal('success');
    expect((await lane.storedVideo(run.session.videoId!)).sha256).to.equal(await sha256(file));

    const throwing = new RecordedSession({
      file,
      apiHost: lane.emulatorUrl,
      tokens: {
        provider: () => {
          throw new Error('not signed in');
        },
      },
    });
    await throwing.session.start();
    expect(throwing.of('upload-error')).to.deep.equal([
      { code: 'token-request-failed', message: 'The token provider failed: not signed in.', status: undefined, retriable: true, reason: 'provider', detail: 'not signed in' },
    ]);
  });

  it('uploads with a static token', async () => {
    const token = await lane.createToken();
    const run = new RecordedSession({ file: videoFile(2 * MiB), apiHost: lane.emulatorUrl, tokens: { staticToken: token } });

    await run.session.start();

    expect(run.session.state).to.equal('success');
    expect((await lane.requestLog()).map((r) => r.token)).to.deep.equal([token]);
    expect(run.of('token-refresh')).to.deep.equal([]);
  });

  it('reports progress that never goes backwards, never passes 100 and ends at 100, even across a retried part', async () => {
    await lane.fault({ part: 2, status: 503 });
    // Speed is said once a quarter second of sending was seen: a slow answer on the last part makes sure of it, now
    // that the retry's backoff is asked of a clock that moves on at once (a 12 MiB upload on loopback takes less).
    await lane.fault({ part: 3, delayMs: 400 });
    const file = videoFile(12 * MiB);
    const run = new RecordedSession({ file, chunkSize: 5 * MiB, apiHost: lane.emulatorUrl, tokens: { url: lane.tokenUrl }, ...skippingClock().options });

    await run.session.start();

    const progress = run.of('upload-progress');
    expect(progress.length).to.be.greaterThan(3);
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i].uploadedBytes).to.be.at.least(progress[i - 1].uploadedBytes);
      expect(progress[i].percent).to.be.at.least(progress[i - 1].percent);
    }
    for (const p of progress) {
      expect(p.percent).to.be.within(0, 100);
      expect(p.uploadedBytes).to.be.within(0, file.size);
      expect(p.totalBytes).to.equal(file.size);
      expect(p.parts).to.equal(3);
      expect(p.bytesPerSecond).to.be.at.least(0);
    }
    const last = progress.at(-1)!;
    expect([last.percent, last.uploadedBytes, last.part, last.etaSeconds]).to.deep.equal([100, file.size, 3, 0]);
    // 100 once, when the server holds every part: not also when the last part's bytes were all sent.
    expect(progress.filter((p) => p.percent === 100)).to.have.length(1);
    expect(progress.some((p) => p.bytesPerSecond > 0)).to.equal(true);
    expect(run.of('upload-retry').map((r) => r.part)).to.deep.equal([2]);
  });

  it('reports the video playable once its HLS manifest answers 200', async () => {
    const run = new RecordedSession({ file: videoFile(MiB), apiHost: lane.emulatorUrl, tokens: { url: lane.tokenUrl } });

    await run.session.start();
    await run.untilEvent('video-playable');

    const [{ video }] = run.of('video-playable');
    expect(video.videoId).to.equal(run.session.videoId);
    expect((await fetch(video.assets!.hls!)).status).to.equal(200);
  });
});

describe('the test token endpoint without a lane', () => {
  it("answers api.video's UploadToken JSON for a token of the shared emulator", async () => {
    const { default: env } = await import('/__env.js');
    const res = await fetch('/test-token', { method: 'POST', body: '{}' });
    expect(res.headers.get('Content-Type')).to.equal('application/json');
    const answer = (await res.json()) as { token: string; ttl: number; createdAt: string; expiresAt: string };
    expect(answer.token).to.match(/^to[0-9A-Za-z]{22}$/);
    expect(answer.ttl).to.equal(3600);
    const known = await fetch(`${env.emulatorUrl}/upload-tokens/${answer.token}`, {
      headers: { Authorization: `Basic ${btoa('emulator-api-key:')}` },
    });
    expect(known.status).to.equal(200);
  });
});
