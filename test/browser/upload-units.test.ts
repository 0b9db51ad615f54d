// The upload layer's pure parts: reading token answers, the retry table, progress maths, endpoints, bad options.
import { expect } from '@open-wc/testing';
import { TokenSource, TokenRequestError, describeStatus, parseTokenAnswer } from '../../src/upload/token-source.js';
import { backoffMs, decideRetry, parseRetryAfter } from '../../src/upload/retry-policy.js';
import { ProgressTracker } from '../../src/upload/progress.js';
import { uploadEndpoint } from '../../src/upload/engine.js';
import { UploadSession, MIN_CHUNK_SIZE, MAX_CHUNK_SIZE, DEFAULT_CHUNK_SIZE } from '../../src/upload/index.js';
import { MiB, RecordedSession } from './upload-support.js';

describe('reading a token answer', () => {
  it("reads api.video's UploadToken JSON passed straight through, expiresAt in ATOM format", () => {
    const answer = parseTokenAnswer(
      '{"token":"to1tcmSFHeYY5KzyhOqVKMKb","ttl":3600,"createdAt":"2020-12-02T10:13:19+00:00","expiresAt":"2020-12-02T11:13:19+00:00"}',
      'application/json',
    );
    expect(answer.token).to.equal('to1tcmSFHeYY5KzyhOqVKMKb');
    expect(answer.expiresAt?.toISOString()).to.equal('2020-12-02T11:13:19.000Z');
  });

  it('derives expiresAt from createdAt + ttl, and treats ttl 0 or a null expiresAt as never expiring', () => {
    expect(parseTokenAnswer('{"token":"to1","ttl":60,"createdAt":"2020-12-02T10:00:00+00:00"}', 'application/json').expiresAt?.toISOString())
      .to.equal('2020-12-02T10:01:00.000Z');
    expect(parseTokenAnswer('{"token":"to1","ttl":0,"createdAt":"2020-12-02T10:00:00+00:00"}', 'application/json').expiresAt).to.equal(undefined);
    expect(parseTokenAnswer('{"token":"to1","ttl":3600,"expiresAt":null}', 'application/json').expiresAt).to.equal(undefined);
    expect(parseTokenAnswer('{"token":"to1","expiresAt":1700000000}', 'application/json').expiresAt?.getTime()).to.equal(1700000000000);
  });

  it('accepts a plain-text token and a JSON string, trimmed', () => {
    expect(parseTokenAnswer('  to1tcmSFHeYY5KzyhOqVKMKb\n', 'text/plain')).to.deep.equal({ token: 'to1tcmSFHeYY5KzyhOqVKMKb' });
    expect(parseTokenAnswer('"to1tcmSFHeYY5KzyhOqVKMKb"', 'application/json')).to.deep.equal({ token: 'to1tcmSFHeYY5KzyhOqVKMKb' });
  });

  it('refuses HTML, JSON without a token, broken JSON, empty bodies and prose, saying which', () => {
    const message = (text: string, type: string) => {
      try {
        parseTokenAnswer(text, type);
      } catch (error) {
        expect(error).to.be.instanceOf(TokenRequestError);
        return (error as Error).message;
      }
      return 'accepted';
    };
    expect(message('<!DOCTYPE html><title>Sign in</title>', 'text/html')).to.equal('The token endpoint answered with HTML, not a token.');
    expect(message('<html></html>', '')).to.equal('The token endpoint answered with HTML, not a token.');
    expect(message('{"data":[]}', 'application/json')).to.equal('The token endpoint answered with JSON without a token.');
    expect(message('{"token":""}', 'application/json')).to.equal('The token endpoint answered with JSON without a token.');
    expect(message('{"token":', 'application/json')).to.equal('The token endpoint answered with JSON that cannot be read.');
    expect(message('', 'text/plain')).to.equal('The token endpoint answered with an empty body, not a token.');
    expect(message('Service temporarily unavailable', 'text/plain')).to.equal('The token endpoint answered with text that is not a token.');
  });

  it('gives each refused answer a reason a page can translate', () => {
    const reason = (text: string, type: string) => {
      try {
        parseTokenAnswer(text, type);
      } catch (error) {
        return (error as TokenRequestError).reason;
      }
      return 'accepted';
    };
    expect(reason('<!DOCTYPE html><title>Sign in</title>', 'text/html')).to.equal('html');
    expect(reason('{"data":[]}', 'application/json')).to.equal('no-token');
    expect(reason('{"token":""}', 'application/json')).to.equal('no-token');
    expect(reason('{"token":', 'application/json')).to.equal('unreadable');
    expect(reason('', 'text/plain')).to.equal('unreadable');
    expect(reason('Service temporarily unavailable', 'text/plain')).to.equal('unreadable');
  });

  it('names a status with its reason phrase, even when HTTP/2 sent none', () => {
    expect(describeStatus(500)).to.equal('500 Internal Server Error');
    expect(describeStatus(418, "I'm a teapot")).to.equal("418 I'm a teapot");
    expect(describeStatus(599)).to.equal('599');
  });

  it('times out a provider that ignores its signal', async () => {
    const source = new TokenSource({ provider: () => new Promise(() => {}), timeoutMs: 200 }, new File(['x'], 'x.mp4'));
    const error = await source.request('initial', new AbortController().signal).then(() => undefined, (e: unknown) => e);
    expect((error as Error).message).to.equal('The token provider did not answer within 0.2 s.');
    expect((error as TokenRequestError).reason).to.equal('timeout');
  });

  it('gives the static token when nothing can be asked, and says so when there is none', async () => {
    const signal = new AbortController().signal;
    expect(await new TokenSource({ staticToken: ' to1 ' }, new File(['x'], 'x')).request('initial', signal)).to.deep.equal({ token: 'to1' });
    const error = await new TokenSource({}, new File(['x'], 'x')).request('initial', signal).catch((e: Error) => e.message);
    expect(error).to.equal('There is no upload token: give an upload token, a token URL or a token provider.');
  });
});

describe('the retry table', () => {
  it('waits with backoff on 5xx and network errors, as told on 429, asks for a token on 401, fails on other 4xx', () => {
    expect(decideRetry({ status: 503 }, 0, 6)).to.deep.equal({ action: 'wait', delayMs: 500, reason: 'the server answered 503' });
    expect(decideRetry({ reason: 'NETWORK_ERROR' }, 2, 6)).to.deep.equal({ action: 'wait', delayMs: 2000, reason: 'network error' });
    expect(decideRetry({ reason: 'NETWORK_TIMEOUT' }, 0, 6)).to.deep.include({ reason: 'network timeout' });
    expect(decideRetry({ status: 429, retryAfterSeconds: 7 }, 0, 6)).to.deep.equal({ action: 'wait', delayMs: 7000, reason: 'rate limited (429)' });
    expect(decideRetry({ status: 429 }, 0, 6)).to.deep.include({ delayMs: 1000 });
    expect(decideRetry({ status: 401, title: 'The upload token is invalid or expired.' }, 9, 6)).to.deep.equal({
      action: 'new-token',
      reason: 'The upload token is invalid or expired.',
    });
    expect(decideRetry({ status: 400 }, 0, 6)).to.deep.equal({ action: 'fail' });
    expect(decideRetry({ status: 404 }, 0, 6)).to.deep.equal({ action: 'fail' });
    expect(decideRetry({ status: 503 }, 6, 6)).to.deep.equal({ action: 'fail' });
  });

  it('caps backoff at 30 s and reads X-RateLimit-Retry-After', () => {
    expect([0, 1, 2, 3, 10].map(backoffMs)).to.deep.equal([500, 1000, 2000, 4000, 30000]);
    expect([parseRetryAfter('3'), parseRetryAfter('0.5'), parseRetryAfter(null), parseRetryAfter(''), parseRetryAfter('soon'), parseRetryAfter('-1')])
      .to.deep.equal([3, 0.5, undefined, undefined, undefined, undefined]);
  });
});

describe('progress maths', () => {
  it('never goes backwards when a part restarts at zero, never passes 100, and ends at 100', () => {
    let now = 0;
    const tracker = new ProgressTracker(1000, 2, () => now);
    const seen = [tracker.update(100, 1), (now += 1000, tracker.update(600, 2)), (now += 1000, tracker.update(500, 2)), tracker.update(5000, 2)];
    expect(seen.map((p) => p.percent)).to.deep.equal([10, 60, 60, 100]);
    expect(seen.map((p) => p.uploadedBytes)).to.deep.equal([100, 600, 600, 1000]);
    expect(tracker.complete()).to.deep.include({ percent: 100, etaSeconds: 0, part: 2, parts: 2 });
  });

  it('averages speed over the active time only, and estimates the time left from it', () => {
    let now = 0;
    const tracker = new ProgressTracker(10_000, 1, () => now);
    tracker.update(0, 1);
    now = 1000;
    expect(tracker.update(1000, 1)).to.deep.include({ bytesPerSecond: 1000, etaSeconds: 9 });
    tracker.suspend();
    now = 60_000; // paused for a minute: not counted
    tracker.update(1000, 1);
    now = 61_000;
    expect(tracker.update(2000, 1)).to.deep.include({ bytesPerSecond: 1000, etaSeconds: 8 });
  });

  it('has no estimate before it can measure one', () => {
    const tracker = new ProgressTracker(10, 1, () => 0);
    expect(tracker.update(0, 1)).to.deep.include({ bytesPerSecond: 0, etaSeconds: null, percent: 0 });
  });
});

describe('upload endpoint and options', () => {
  it('builds https://host/upload for a host name, and keeps a full URL (the local emulator) as is', () => {
    expect(uploadEndpoint('ws.api.video', 'to1')).to.equal('https://ws.api.video/upload?token=to1');
    expect(uploadEndpoint('sandbox.api.video', 'to1')).to.equal('https://sandbox.api.video/upload?token=to1');
    expect(uploadEndpoint('http://127.0.0.1:8787/', 'to1')).to.equal('http://127.0.0.1:8787/upload?token=to1');
    expect(uploadEndpoint('http://127.0.0.1:8787', 'to a&b')).to.equal('http://127.0.0.1:8787/upload?token=to%20a%26b');
  });

  it('exports the part size limits', () => {
    expect([MIN_CHUNK_SIZE, DEFAULT_CHUNK_SIZE, MAX_CHUNK_SIZE]).to.deep.equal([5 * MiB, 50 * MiB, 128 * MiB]);
  });

  it('refuses a part size outside 5..128 MiB with a readable error', () => {
    const file = new File(['x'], 'x.mp4');
    expect(() => new UploadSession({ file, tokens: {}, chunkSize: MiB })).to.throw(RangeError, 'between 5 MiB and 128 MiB');
    expect(() => new UploadSession({ file, tokens: {}, chunkSize: 129 * MiB })).to.throw(RangeError);
  });

  it('refuses an empty file without a request', async () => {
    let asked = 0;
    const run = new RecordedSession({ file: new File([], 'empty.mp4'), tokens: { provider: async () => (asked++, 'to1') } });
    await run.session.start();
    expect(run.of('error')).to.deep.equal([{ code: 'invalid-file', message: 'The file is empty.', retriable: false }]);
    expect(asked).to.equal(0);
  });
});
