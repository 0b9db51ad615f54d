import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { ApiVideoUploader, UploadErrorEvent, UploadSuccessEvent } from '../../src/index.js';
import {
  MiB,
  fetchedSince,
  nextEvent,
  onPart,
  part,
  sha256,
  untilState,
  uploader,
  useLane,
  videoFile,
} from './support.js';

performance.setResourceTimingBufferSize(10_000);

/** Bytes per part: the emulator is told to take parts this small. */
const PART = 64 * 1024;
/** Three parts, the last one smaller. */
const THREE_PARTS = 2 * PART + PART / 2;
/** Two parts, the last one smaller. */
const TWO_PARTS = PART + PART / 4;

/** Pauses when part 1 is stored, runs `between`, then resumes: the token changes at a known point. */
function betweenParts(el: ApiVideoUploader, between: () => Promise<unknown>): void {
  onPart(el, 1, () => {
    el.pause();
    void between().then(() => el.resume());
  });
}

describe('<apivideo-uploader> tokens', () => {
  const lane = useLane();
  // Never reset here: the lane's emulator takes small parts from the start.
  before(() => lane.smallParts(PART));

  async function laneUploader(): Promise<ApiVideoUploader> {
    return fixture<ApiVideoUploader>(
      html`<apivideo-uploader api-host=${lane.emulatorUrl} token-url=${lane.tokenUrl}></apivideo-uploader>`,
    );
  }

  it('POSTs the file facts as JSON to a same-origin token-url, merging tokenRequestInit, and accepts a plain-text token', async () => {
    const el = await laneUploader();
    el.tokenRequestInit = { headers: { 'X-Test-Header': 'from-the-page' } };
    await lane.setTokenEndpoint({ mode: 'plain-text', times: 1 });
    const before = await lane.tokenRequestCount();
    const success = nextEvent<UploadSuccessEvent>(el, 'upload-success', 60_000);
    const file = videoFile(2 * MiB, 'facts.mp4', 24);
    void el.upload(file);
    const { video } = (await success).detail;
    const { count, requests } = await lane.tokenRequests();
    expect(count).to.equal(before + 1);
    const request = requests[requests.length - 1];
    expect(request.method).to.equal('POST');
    expect(request.headers['content-type']).to.contain('application/json');
    expect(request.headers['x-test-header']).to.equal('from-the-page');
    expect(request.body).to.deep.equal({ fileName: 'facts.mp4', fileSize: file.size, fileType: 'video/mp4' });
    expect((await lane.storedVideo(video.videoId)).sha256).to.equal(await sha256(file));
  });

  // `timeout` waits out the element's own 15 s token timeout: there is no shorter one to set from a page.
  for (const [mode, reason, words, shown] of [
    // The visitor reads one sentence whatever the cause (the event says which); a refusing endpoint's own words are
    // for its visitors and are shown, as text: markup in them is not rendered.
    [
      { mode: 'status', status: 401, body: { title: 'You must be <b>signed in</b> to upload videos.' } },
      'status',
      '401 Unauthorized: You must be <b>signed in</b> to upload videos.',
      'The upload could not start. Try again. Details: “You must be <b>signed in</b> to upload videos.”',
    ],
    [{ mode: 'status', status: 503, body: '' }, 'status', '503', 'The upload could not start. Try again.'],
    [
      { mode: 'html' },
      'html',
      'HTML',
      'The upload could not start. Try again.',
    ],
    [{ mode: 'no-token' }, 'no-token', 'without a token', 'The upload could not start. Try again.'],
    [
      { mode: 'network-error' },
      'network',
      'could not be reached',
      'The upload could not start. Try again.',
    ],
    [{ mode: 'timeout' }, 'timeout', 'within 15 s', 'The upload could not start. Try again.'],
  ] as const) {
    it(`ends a token-url answering ${mode.mode} in token-request-failed (${reason}), says so, and retry() works after`, async () => {
      const el = await laneUploader();
      await lane.setTokenEndpoint({ ...mode, times: 1 });
      const failed = nextEvent<UploadErrorEvent>(el, 'upload-error', 30_000);
      const file = videoFile(1 * MiB, `${mode.mode}.mp4`, 25);
      void el.upload(file);
      const error = (await failed).detail;
      await untilState(el, 'error');
      expect(error.code).to.equal('token-request-failed');
      expect(error.reason).to.equal(reason);
      expect(error.retriable).to.equal(true);
      expect(error.message).to.contain(words);
      expect(part(el, 'error-message')!.textContent).to.equal(shown);
      expect(part(el, 'error-message')!.querySelector('b')).to.equal(null);
      const success = nextEvent<UploadSuccessEvent>(el, 'upload-success', 60_000);
      el.retry();
      const { video } = (await success).detail;
      expect((await lane.storedVideo(video.videoId)).sha256).to.equal(await sha256(file));
    });
  }

  for (const [mode, reason, shown] of [
    [
      { mode: 'html' },
      'html',
      'L’envoi n’a pas pu commencer. Réessayez.',
    ],
    [{ mode: 'network-error' }, 'network', 'L’envoi n’a pas pu commencer. Réessayez.'],
  ] as const) {
    it(`with lang="fr", says in French that the upload could not start when a token-url fails (${reason})`, async () => {
      const el = await fixture<ApiVideoUploader>(
        html`<apivideo-uploader lang="fr" api-host=${lane.emulatorUrl} token-url=${lane.tokenUrl}></apivideo-uploader>`,
      );
      await lane.setTokenEndpoint({ ...mode, times: 1 });
      const failed = nextEvent<UploadErrorEvent>(el, 'upload-error', 30_000);
      void el.upload(videoFile(1 * MiB, `fr-${mode.mode}.mp4`, 29));
      const error = (await failed).detail;
      await untilState(el, 'error');
      expect(error.reason).to.equal(reason);
      expect(part(el, 'error-message')!.textContent).to.equal(shown);
    });
  }

  it('with only upload-token, waits for a new token when it is deleted mid-upload, then continues at the refused part', async () => {
    const el = await uploader(lane, PART);
    const first = await lane.createToken();
    el.uploadToken = first;
    const file = videoFile(THREE_PARTS, 'static.mp4', 21);
    betweenParts(el, () => lane.deleteToken(first));
    const refused = nextEvent<UploadErrorEvent>(el, 'upload-error', 60_000);
    void el.upload(file);
    const error = (await refused).detail;
    await untilState(el, 'waiting-for-token');

    expect(error.code).to.equal('token-expired');
    expect(error.retriable).to.equal(true);
    expect(error.status).to.equal(401);
    const k = error.part!;
    expect(k).to.be.within(2, 3);
    expect(el.getAttribute('state')).to.equal('waiting-for-token');
    expect(el.hasAttribute('upload-in-progress')).to.equal(true);
    expect(part(el, 'status')!.textContent).to.equal('On hold');
    expect(part(el, 'error-message')!.textContent).to.equal(
      'The upload is on hold and will continue in a moment.',
    );
    expect(part(el, 'cancel-button')).to.not.equal(null);
    expect(part(el, 'pause-button')).to.equal(null);

    const second = await lane.createToken();
    const success = nextEvent<UploadSuccessEvent>(el, 'upload-success', 60_000);
    el.setAttribute('upload-token', second);
    const { video } = (await success).detail;

    const stored = await lane.storedVideo(video.videoId);
    expect(stored.sha256).to.equal(await sha256(file));
    const log = await lane.requestsWith(first, second);
    const acknowledged = log.filter((entry) => entry.status === 201).map((entry) => entry.part);
    expect(acknowledged).to.deep.equal([1, 2, 3]);
    const refusedEntries = log.filter((entry) => entry.status === 401);
    expect(refusedEntries.map((entry) => [entry.part, entry.token])).to.deep.equal([[k, first]]);
    const withSecond = log.filter((entry) => entry.token === second);
    expect(withSecond[0].part).to.equal(k);
    expect(stored.partTokens[String(k)]).to.equal(second);
  });

  it('sends the remaining parts with a new upload-token set during the upload', async () => {
    const el = await uploader(lane, PART);
    const first = await lane.createToken();
    const second = await lane.createToken();
    el.uploadToken = first;
    betweenParts(el, async () => {
      el.uploadToken = second;
      await el.updateComplete;
    });
    const success = nextEvent<UploadSuccessEvent>(el, 'upload-success', 60_000);
    void el.upload(videoFile(THREE_PARTS, 'handover.mp4', 28));
    const { video } = (await success).detail;
    const stored = await lane.storedVideo(video.videoId);
    expect(stored.partTokens).to.deep.equal({ 1: first, 2: second, 3: second });
    expect((await lane.requestsWith(first, second)).filter((entry) => entry.status === 401)).to.deep.equal([]);
  });

  it('with only upload-token and strict expiry, waits when the token expires mid-upload; a new token continues', async () => {
    await lane.emulator('POST', '/config', { strictTokenExpiry: true });
    try {
      const el = await fixture<ApiVideoUploader>(
        html`<apivideo-uploader api-host=${lane.emulatorUrl} .minChunkSize=${PART} .chunkSize=${PART}></apivideo-uploader>`,
      );
      const first = await lane.createToken(3600);
      el.uploadToken = first;
      betweenParts(el, () => lane.emulator('POST', '/clock', { advanceMs: 2 * 3600 * 1000 }));
      const refused = nextEvent<UploadErrorEvent>(el, 'upload-error', 60_000);
      const file = videoFile(THREE_PARTS, 'expiring.mp4', 26);
      void el.upload(file);
      const error = (await refused).detail;
      await untilState(el, 'waiting-for-token');
      expect(error.code).to.equal('token-expired');
      const k = error.part!;

      const second = await lane.createToken(3600);
      const success = nextEvent<UploadSuccessEvent>(el, 'upload-success', 60_000);
      el.uploadToken = second;
      const { video } = (await success).detail;
      const stored = await lane.storedVideo(video.videoId);
      expect(stored.sha256).to.equal(await sha256(file));
      expect(stored.partTokens[String(k)]).to.equal(second);
      const log = (await lane.requestLog()).filter((entry) => entry.token === first || entry.token === second);
      expect(log.filter((entry) => entry.status === 201).map((entry) => entry.part)).to.deep.equal([1, 2, 3]);
      expect(log.filter((entry) => entry.status === 401).map((entry) => entry.part)).to.deep.equal([k]);
    } finally {
      await lane.emulator('POST', '/config', { strictTokenExpiry: false });
    }
  });

  it('refreshes a token that has expired before part 1 is sent: no 401 at all', async () => {
    const el = await fixture<ApiVideoUploader>(
      html`<apivideo-uploader api-host=${lane.emulatorUrl} .minChunkSize=${PART} .chunkSize=${PART}></apivideo-uploader>`,
    );
    const handedOut: string[] = [];
    el.tokenProvider = async () => {
      // The first token comes already expired (told in this page's clock: the lane's clock was moved ahead).
      const first = handedOut.length === 0;
      const token = await lane.createToken(first ? 1 : 3600);
      handedOut.push(token);
      return { token, expiresAt: first ? new Date(Date.now() - 1000) : null };
    };
    const reasons: string[] = [];
    el.addEventListener('token-refresh', (event) => reasons.push(event.detail.reason));
    const success = nextEvent<UploadSuccessEvent>(el, 'upload-success', 60_000);
    const file = videoFile(TWO_PARTS, 'short-lived.mp4', 27);
    void el.upload(file);
    const { video } = (await success).detail;
    expect(reasons).to.deep.equal(['initial', 'expired']);
    const log = (await lane.requestLog()).filter((entry) => handedOut.includes(entry.token!));
    expect(log.map((entry) => [entry.part, entry.status, entry.token])).to.deep.equal([
      [1, 201, handedOut[1]],
      [2, 201, handedOut[1]],
    ]);
    expect((await lane.storedVideo(video.videoId)).sha256).to.equal(await sha256(file));
  });

  it('with token-url, a token deleted mid-upload costs exactly one more token request and no part is sent twice', async () => {
    const el = await uploader(lane, PART);
    const tokenUrl = `${lane.emulatorUrl}/__emulator/tokens?deleted=${Math.random().toString(36).slice(2)}`;
    el.tokenUrl = tokenUrl;
    const tokens: string[] = [];
    const since = performance.now();
    betweenParts(el, async () => {
      const video = await lane.storedVideo(el.videoId!);
      // Part 1 went with an upload token, never an API key.
      const carried = video.partTokens['1']!;
      tokens.push(carried);
      await lane.deleteToken(carried);
    });
    const reasons: string[] = [];
    el.addEventListener('token-refresh', (event) => reasons.push(event.detail.reason));
    const success = nextEvent<UploadSuccessEvent>(el, 'upload-success', 60_000);
    const file = videoFile(THREE_PARTS, 'renewed.mp4', 22);
    void el.upload(file);
    const { video } = (await success).detail;

    expect(reasons).to.deep.equal(['initial', 'rejected']);
    expect(fetchedSince(since).filter((url) => url === tokenUrl)).to.have.length(2);
    const stored = await lane.storedVideo(video.videoId);
    expect(stored.sha256).to.equal(await sha256(file));
    const log = await lane.requestsWith(...new Set([tokens[0], ...Object.values(stored.partTokens)]));
    expect(log.filter((entry) => entry.status === 201).map((entry) => entry.part)).to.deep.equal([1, 2, 3]);
    expect(log.filter((entry) => entry.status === 401)).to.have.length(1);
  });

  it('reports a failing token endpoint with its status, and retry() works once it answers', async () => {
    const el = await uploader(lane, PART);
    let fail = true;
    el.tokenProvider = async () => {
      if (fail) throw new Error('The token service is down for maintenance');
      return lane.createToken();
    };
    const failed = nextEvent<UploadErrorEvent>(el, 'upload-error', 30_000);
    const file = videoFile(TWO_PARTS, 'later.mp4', 23);
    void el.upload(file);
    const error = (await failed).detail;
    await untilState(el, 'error');
    expect(error.code).to.equal('token-request-failed');
    expect(error.reason).to.equal('provider');
    expect(error.message).to.contain('down for maintenance');
    expect(el.hasAttribute('upload-error')).to.equal(true);
    expect(part(el, 'error-message')!.textContent).to.equal(
      'The upload could not start. Try again. Details: “The token service is down for maintenance”',
    );

    fail = false;
    const success = nextEvent<UploadSuccessEvent>(el, 'upload-success', 60_000);
    part(el, 'retry-button')!.click();
    const stored = await lane.storedVideo((await success).detail.video.videoId);
    expect(stored.sha256).to.equal(await sha256(file));
  });

  it('says which status a token URL answered', async () => {
    const el = await uploader(lane, PART);
    el.tokenUrl = `${lane.emulatorUrl}/__emulator/no-such-route`;
    const failed = nextEvent<UploadErrorEvent>(el, 'upload-error', 30_000);
    void el.upload(videoFile(1 * MiB, 'nowhere.mp4'));
    const error = (await failed).detail;
    expect(error.code).to.equal('token-request-failed');
    expect(error.reason).to.equal('status');
    expect(error.status).to.equal(404);
    expect(error.message).to.contain('404');
    expect(error.retriable).to.equal(true);
  });
});
