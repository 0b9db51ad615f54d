// Tokens mid-upload: deleted, expired, expiring before a part, static and refused, a source handing out bad ones.
// Every claim about what went over the wire is read from the emulator's request log.
import { expect } from '@open-wc/testing';
import type { UploadLogEntry } from '../../src/server/emulator/state.js';
import { TokenKeeper } from '../../src/upload/token-keeper.js';
import { RecordedSession, acceptedParts, sha256, useLane, videoFile, type Lane } from './support.js';

/** Bytes per part: the emulator is told to take parts this small. */
const PART = 64 * 1024;
/** Three whole parts. */
const FIFTEEN = 3 * PART;

/** Holds part k's request on the server long enough for the test to act on the token part k-1 used. */
/** Keeps part k on the wire until the test has acted on its token: it releases the part after that. */
const holdPart = (lane: Lane, part: number) => lane.hold(part, 'token-change');
const releasePart = (lane: Lane) => lane.release('token-change');

function tokenOf(log: UploadLogEntry[], part: number, status = 201): string {
  const entry = log.find((r) => r.part === part && r.status === status);
  expect(entry, `a ${status} for part ${part}`).to.not.equal(undefined);
  return entry!.token!;
}

describe('UploadSession tokens', () => {
  const lane = useLane();
  beforeEach(async () => {
    await lane.reset();
    await lane.smallParts(PART);
  });

  it('recovers from a token deleted mid-upload with exactly one more token request, sending no part twice', async () => {
    const file = videoFile(FIFTEEN);
    const run = new RecordedSession({ file, chunkSize: PART, minChunkSize: PART, apiHost: lane.emulatorUrl, tokens: { url: lane.tokenUrl } });
    await holdPart(lane, 2);
    run.until(() => run.of('upload-part').length === 1).then(async () => {
      const first = tokenOf(await lane.requestLog(), 1);
      await lane.deleteToken(first);
      await releasePart(lane);
    });

    await run.session.start();

    expect(run.session.state).to.equal('success');
    expect(await lane.tokenRequestCount()).to.equal(2);
    const log = await lane.requestLog();
    expect(log.map((r) => [r.part, r.status])).to.deep.equal([[1, 201], [2, 401], [2, 201], [3, 201]]);
    expect(acceptedParts(log)).to.deep.equal([1, 2, 3]);
    expect(tokenOf(log, 2)).to.not.equal(tokenOf(log, 1));
    expect(tokenOf(log, 2, 401)).to.equal(tokenOf(log, 1));
    expect(log.filter((r) => r.status === 201).map((r) => r.videoId)).to.deep.equal(Array(3).fill(run.session.videoId));
    expect(run.of('token-refresh').map((t) => t.reason)).to.deep.equal(['initial', 'rejected']);
    expect(run.of('upload-part').map((p) => [p.part, p.attempts])).to.deep.equal([[1, 1], [2, 2], [3, 1]]);
    expect((await lane.storedVideo(run.session.videoId!)).sha256).to.equal(await sha256(file));
    // The renewal names the video the upload goes into, so a backend that makes a video per token makes none for it.
    const { requests } = await lane.tokenRequests();
    expect(requests.map((r) => (r.body as { videoId?: string }).videoId)).to.deep.equal([undefined, run.session.videoId]);
  });

  it('recovers from a token expired mid-upload (strict expiry) with exactly one more token request, sending no part twice', async () => {
    await lane.emulator('POST', '/config', { strictTokenExpiry: true });
    const file = videoFile(FIFTEEN);
    const run = new RecordedSession({ file, chunkSize: PART, minChunkSize: PART, apiHost: lane.emulatorUrl, tokens: { url: lane.tokenUrl } });
    await holdPart(lane, 2);
    run.until(() => run.of('upload-part').length === 1).then(async () => {
      const first = tokenOf(await lane.requestLog(), 1);
      await lane.emulator('POST', `/tokens/${first}/expire`);
      await releasePart(lane);
    });

    await run.session.start();

    expect(run.session.state).to.equal('success');
    expect(await lane.tokenRequestCount()).to.equal(2);
    const log = await lane.requestLog();
    expect(log.map((r) => [r.part, r.status])).to.deep.equal([[1, 201], [2, 401], [2, 201], [3, 201]]);
    expect(tokenOf(log, 2)).to.not.equal(tokenOf(log, 1));
    expect(tokenOf(log, 3)).to.equal(tokenOf(log, 2));
    expect((await lane.storedVideo(run.session.videoId!)).sha256).to.equal(await sha256(file));
  });

  it('renews a token whose expiresAt passes before the upload starts, with zero 401s', async () => {
    // The first token lives 2 s. Once it is in hand, the page's clock and the emulator's move 10 s on: sent, it
    // would be refused (strict expiry).
    await lane.emulator('POST', '/config', { strictTokenExpiry: true });
    await lane.setTokenEndpoint({ mode: 'ok', ttl: 2, times: 1 });
    let skew = 0;
    const file = videoFile(2 * PART + PART / 4);
    const run = new RecordedSession({
      file,
      chunkSize: PART, minChunkSize: PART,
      apiHost: lane.emulatorUrl,
      tokens: { url: lane.tokenUrl },
      now: () => Date.now() + skew,
    });
    run.until(() => run.of('token-refresh').length === 1).then(() => {
      skew = 10_000;
      return lane.emulator('POST', '/clock', { advanceMs: 10_000 });
    });

    await run.session.start();

    expect(run.session.state).to.equal('success');
    expect(run.of('token-refresh').map((t) => t.reason)).to.deep.equal(['initial', 'expired']);
    expect(await lane.tokenRequestCount()).to.equal(2);
    const log = await lane.requestLog();
    expect(log.filter((r) => r.status === 401)).to.deep.equal([]);
    expect(acceptedParts(log)).to.deep.equal([1, 2, 3]);
    const handedOut = (await lane.tokenRequests()).requests.map((r) => r.token);
    expect(log.map((r) => r.token)).to.deep.equal([handedOut[1], handedOut[1], handedOut[1]]);
    expect(handedOut[0]).to.not.equal(handedOut[1]);
  });

  it('does not renew a fresh token just because its life is short', async () => {
    await lane.setTokenEndpoint({ mode: 'ok', ttl: 30 });
    const run = new RecordedSession({ file: videoFile(PART + PART / 4), chunkSize: PART, minChunkSize: PART, apiHost: lane.emulatorUrl, tokens: { url: lane.tokenUrl } });

    await run.session.start();

    expect(run.session.state).to.equal('success');
    expect(run.of('token-refresh').map((t) => t.reason)).to.deep.equal(['initial']);
    expect(await lane.tokenRequestCount()).to.equal(1);
  });

  it('renews a provider token that is already expired before sending a part', async () => {
    const reasons: string[] = [];
    const run = new RecordedSession({
      file: videoFile(PART + PART / 4),
      chunkSize: PART, minChunkSize: PART,
      apiHost: lane.emulatorUrl,
      tokens: {
        provider: async ({ reason }) => {
          reasons.push(reason);
          const token = await lane.createToken();
          return reasons.length === 1 ? { token, expiresAt: Date.now() - 60_000 } : token;
        },
      },
    });

    await run.session.start();

    expect(run.session.state).to.equal('success');
    expect(reasons).to.deep.equal(['initial', 'expired']);
    expect((await lane.requestLog()).map((r) => r.status)).to.deep.equal([201, 201]);
  });

  it('with a static token only, waits for a new one and continues at the refused part', async () => {
    const first = await lane.createToken();
    const second = await lane.createToken();
    const file = videoFile(FIFTEEN);
    const run = new RecordedSession({ file, chunkSize: PART, minChunkSize: PART, apiHost: lane.emulatorUrl, tokens: { staticToken: first } });
    await holdPart(lane, 2);
    run.until(() => run.of('upload-part').length === 1).then(async () => {
      await lane.deleteToken(first);
      await releasePart(lane);
    });

    await run.session.start();

    expect(run.session.state).to.equal('waiting-for-token');
    const [error] = run.of('upload-error');
    expect(error).to.deep.include({ code: 'token-expired', retriable: true, status: 401, part: 2 });
    expect(error.message).to.contain('The upload token is invalid or expired.');

    run.session.setStaticToken(second);
    await run.untilState('success');

    const log = await lane.requestLog();
    expect(log.map((r) => [r.part, r.status, r.token])).to.deep.equal([
      [1, 201, first],
      [2, 401, first],
      [2, 201, second],
      [3, 201, second],
    ]);
    expect(run.states).to.deep.equal(['preparing', 'uploading', 'waiting-for-token', 'uploading', 'success']);
    expect((await lane.storedVideo(run.session.videoId!)).sha256).to.equal(await sha256(file));
  });

  it('with a static token replaced while a part is in flight, resends that part with the new token at once', async () => {
    const first = await lane.createToken();
    const second = await lane.createToken();
    const file = videoFile(FIFTEEN);
    const run = new RecordedSession({ file, chunkSize: PART, minChunkSize: PART, apiHost: lane.emulatorUrl, tokens: { staticToken: first } });
    await holdPart(lane, 2);
    run.until(() => run.of('upload-part').length === 1).then(async () => {
      await lane.deleteToken(first);
      run.session.setStaticToken(second);
      await releasePart(lane);
    });

    await run.session.start();

    expect(run.of('upload-error')).to.deep.equal([]);
    expect(run.session.state).to.equal('success');
    expect(run.states).to.deep.equal(['preparing', 'uploading', 'success']);
    const log = await lane.requestLog();
    expect(log.map((r) => [r.part, r.status, r.token])).to.deep.equal([
      [1, 201, first],
      [2, 401, first],
      [2, 201, second],
      [3, 201, second],
    ]);
    expect(run.of('upload-retry')).to.deep.equal([{ part: 2, attempt: 1, delayMs: 0, reason: 'the upload token was replaced', cause: 'token' }]);
    expect((await lane.storedVideo(run.session.videoId!)).sha256).to.equal(await sha256(file));
  });

  it('ends in token-rejected when the source keeps handing out refused tokens, and retry() then works', async () => {
    let good = false;
    let asked = 0;
    const run = new RecordedSession({
      file: videoFile(PART + PART / 4),
      chunkSize: PART, minChunkSize: PART,
      apiHost: lane.emulatorUrl,
      tokens: {
        provider: async () => {
          asked++;
          const token = await lane.createToken();
          if (!good) await lane.deleteToken(token);
          return token;
        },
      },
    });

    await run.session.start();

    expect(run.session.state).to.equal('error');
    const [error] = run.of('upload-error');
    expect(error).to.deep.include({ code: 'token-rejected', retriable: true, status: 401, part: 1 });
    expect(asked).to.equal(4);
    expect((await lane.requestLog()).map((r) => r.status)).to.deep.equal([401, 401, 401, 401]);

    good = true;
    run.session.retry();
    await run.untilState('success');
    expect(asked).to.equal(5);
    expect(acceptedParts(await lane.requestLog())).to.deep.equal([1, 2]);
  });

  it('asks the token URL once however many ask at the same time', async () => {
    const refreshes: unknown[] = [];
    const keeper = new TokenKeeper({ file: videoFile(10), tokens: { url: lane.tokenUrl }, signal: new AbortController().signal }, (e) => refreshes.push(e));

    const tokens = await Promise.all(
      [keeper.acquire('rejected'), keeper.acquire('rejected'), keeper.acquire('expired')].map((asked) => asked.then(() => keeper.current!)),
    );

    expect(new Set(tokens.map((t) => t.token)).size).to.equal(1);
    expect(await lane.tokenRequestCount()).to.equal(1);
    expect(refreshes).to.have.length(1);
    await keeper.acquire('rejected');
    expect(await lane.tokenRequestCount()).to.equal(2);
  });
});
