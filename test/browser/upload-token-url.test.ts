// Each way a token URL can fail ends in token-request-failed with a message saying what came back; retry() recovers.
import { expect } from '@open-wc/testing';
import { MiB, RecordedSession, acceptedParts, useLane, videoFile, type TokenEndpointBehaviour } from './support.js';
import type { TokenFailureReason } from '../../src/events/index.js';

describe('UploadSession with a failing token URL', () => {
  const lane = useLane();
  beforeEach(() => lane.reset());

  const told = 'The test token endpoint was told to fail.';
  const failures: { name: string; mode: TokenEndpointBehaviour; message: string; reason: TokenFailureReason; status?: number; detail?: string }[] = [
    { name: 'a 500', mode: { mode: 'status', status: 500 }, message: `The token endpoint answered 500 Internal Server Error: ${told}`, reason: 'status', status: 500, detail: told },
    { name: 'a 403', mode: { mode: 'status', status: 403 }, message: `The token endpoint answered 403 Forbidden: ${told}`, reason: 'status', status: 403, detail: told },
    { name: 'an HTML page', mode: { mode: 'html' }, message: 'The token endpoint answered with HTML, not a token.', reason: 'html' },
    { name: 'JSON without a token', mode: { mode: 'no-token' }, message: 'The token endpoint answered with JSON without a token.', reason: 'no-token' },
    { name: 'a torn connection', mode: { mode: 'network-error' }, message: 'The token endpoint could not be reached (network error).', reason: 'network' },
    { name: 'no answer in time', mode: { mode: 'timeout' }, message: 'The token endpoint did not answer within 0.3 s.', reason: 'timeout' },
  ];

  for (const failure of failures) {
    it(`reports ${failure.name} as token-request-failed, sends nothing, and retry() then uploads`, async () => {
      await lane.setTokenEndpoint(failure.mode);
      const run = new RecordedSession({
        file: videoFile(6 * MiB),
        chunkSize: 5 * MiB,
        apiHost: lane.emulatorUrl,
        // A short timeout where no answer is what is tested; the others keep the default, so a busy machine's slow
        // answer is not taken for none.
        tokens: { url: lane.tokenUrl, ...(failure.reason === 'timeout' ? { timeoutMs: 300 } : {}) },
      });

      await run.session.start();

      expect(run.session.state).to.equal('error');
      expect(run.of('upload-error')).to.deep.equal([
        {
          code: 'token-request-failed',
          message: failure.message,
          status: failure.status,
          retriable: true,
          reason: failure.reason,
          ...(failure.detail ? { detail: failure.detail } : {}),
        },
      ]);
      expect(await lane.requestLog()).to.deep.equal([]);
      expect(run.of('upload-start')).to.deep.equal([]);

      await lane.setTokenEndpoint({ mode: 'ok' });
      run.session.retry();
      await run.untilState('success');
      expect(await lane.tokenRequestCount()).to.equal(2);
      expect(run.of('token-refresh').map((t) => t.reason)).to.deep.equal(['initial']);
      expect(acceptedParts(await lane.requestLog())).to.deep.equal([1, 2]);
    });
  }

  it("gives the endpoint's own words for a refusal, from JSON or short text, never from a web page", async () => {
    const cases: [body: string, words: string | undefined][] = [
      ['{"title":"You must be signed in to upload videos."}', 'You must be signed in to upload videos.'],
      ['{"message":"Your plan allows 3 uploads a day."}', 'Your plan allows 3 uploads a day.'],
      ['{"error":{"message":"Session expired"}}', 'Session expired'],
      ['Uploads are closed\n  for maintenance.', 'Uploads are closed for maintenance.'],
      ['<!doctype html><h1>Sign in</h1>', undefined],
    ];
    for (const [body, words] of cases) {
      await lane.setTokenEndpoint({ mode: 'status', status: 401, body });
      const run = new RecordedSession({ file: videoFile(MiB), apiHost: lane.emulatorUrl, tokens: { url: lane.tokenUrl } });
      await run.session.start();
      const [error] = run.of('upload-error');
      expect(error.detail, body).to.equal(words);
      expect(error.message, body).to.equal(`The token endpoint answered 401 Unauthorized${words ? `: ${words}` : '.'}`);
    }
  });

  it('when the renewal after a 401 fails, stops at that part, and retry() continues there, not at part 1', async () => {
    const run = new RecordedSession({
      file: videoFile(15 * MiB),
      chunkSize: 5 * MiB,
      apiHost: lane.emulatorUrl,
      tokens: { url: lane.tokenUrl },
    });
    // Part 2 stays on the wire until its token is deleted and the token URL fails.
    await lane.hold(2);
    run.until(() => run.of('upload-part').length === 1).then(async () => {
      await lane.setTokenEndpoint({ mode: 'status', status: 502 });
      const [first] = await lane.requestLog();
      await lane.deleteToken(first.token!);
      await lane.release('part-2');
    });

    await run.session.start();

    expect(run.session.state).to.equal('error');
    expect(run.of('upload-error')).to.deep.equal([
      {
        code: 'token-request-failed',
        message: `The token endpoint answered 502 Bad Gateway: ${told}`,
        status: 502,
        retriable: true,
        reason: 'status',
        detail: told,
      },
    ]);

    await lane.setTokenEndpoint({ mode: 'ok' });
    run.session.retry();
    await run.untilState('success');

    const log = await lane.requestLog();
    expect(log.map((r) => [r.part, r.status])).to.deep.equal([[1, 201], [2, 401], [2, 201], [3, 201]]);
    expect(run.of('token-refresh').map((t) => t.reason)).to.deep.equal(['initial', 'rejected']);
    expect(await lane.tokenRequestCount()).to.equal(3);
  });

  it('says so when a token provider throws', async () => {
    const run = new RecordedSession({
      file: videoFile(MiB),
      apiHost: lane.emulatorUrl,
      tokens: {
        provider: async () => {
          throw new Error('session expired, please sign in');
        },
      },
    });

    await run.session.start();

    expect(run.of('upload-error')).to.deep.equal([
            {
        code: 'token-request-failed',
        message: 'The token provider failed: session expired, please sign in.',
        status: undefined,
        retriable: true,
        reason: 'provider',
        detail: 'session expired, please sign in',
      },
    ]);
  });
});
