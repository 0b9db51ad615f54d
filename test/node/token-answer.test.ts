// Reading what a token endpoint or provider answers, and the token source's own refusals: pure, so tested in Node.
import { describe, expect, it, vi } from 'vitest';
import { TokenSource, TokenRequestError, describeStatus, endpointWords, parseTokenAnswer } from '../../src/upload/token-source.js';

describe('reading a token answer', () => {
  it("reads api.video's UploadToken JSON passed straight through: the server's expiresAt, moved to this page's clock", () => {
    const body = '{"token":"to1tcmSFHeYY5KzyhOqVKMKb","ttl":3600,"createdAt":"2020-12-02T10:13:19+00:00","expiresAt":"2020-12-02T11:13:19+00:00"}';
    const serverNow = Date.parse('2020-12-02T10:13:20Z');
    // The page's clock an hour ahead of the server's.
    const answer = parseTokenAnswer(body, 'application/json', { arrivedAt: serverNow + 3_600_000, serverNow });
    expect(answer.token).to.equal('to1tcmSFHeYY5KzyhOqVKMKb');
    expect(answer.expiresAt?.toISOString()).to.equal('2020-12-02T12:13:19.000Z');
  });

  it('without the server\'s clock, counts the token\'s life from when the answer arrived', () => {
    const arrivedAt = Date.parse('2030-01-01T00:00:00Z');
    const read = (body: string) => parseTokenAnswer(body, 'application/json', { arrivedAt }).expiresAt?.toISOString();
    expect(read('{"token":"to1","ttl":60,"createdAt":"2020-12-02T10:00:00+00:00"}')).to.equal('2030-01-01T00:01:00.000Z');
    expect(read('{"token":"to1","expiresIn":90}')).to.equal('2030-01-01T00:01:30.000Z');
    expect(read('{"token":"to1","createdAt":"2020-12-02T10:00:00+00:00","expiresAt":"2020-12-02T10:02:00+00:00"}')).to.equal(
      '2030-01-01T00:02:00.000Z',
    );
    // Only an expiry, with nothing to judge the clocks by: taken as it is.
    expect(read('{"token":"to1","expiresAt":1700000000}')).to.equal(new Date(1700000000000).toISOString());
  });

  it("counts the life of api.video's token handed on as is by a provider from now, whatever the server's clock", async () => {
    // The backend's answer, passed on by the page's provider; the page's clock is two hours ahead of the server's.
    const server = { token: 'to1', ttl: 3600, createdAt: '2020-12-02T10:00:00+00:00', expiresAt: '2020-12-02T11:00:00+00:00' };
    vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2020-12-02T12:00:00Z') });
    try {
      const read = async (answer: object) => {
        const source = new TokenSource({ provider: () => answer as never }, new File(['x'], 'a.mp4'));
        return (await source.request('initial', new AbortController().signal)).expiresAt?.toISOString();
      };
      expect(await read(server)).to.equal('2020-12-02T13:00:00.000Z');
      const { ttl: _ttl, ...withoutTtl } = server;
      expect(await read(withoutTtl)).to.equal('2020-12-02T13:00:00.000Z');
      // A lone expiresAt is on the page's clock, as documented.
      expect(await read({ token: 'to1', expiresAt: '2020-12-02T12:02:00Z' })).to.equal('2020-12-02T12:02:00.000Z');
    } finally {
      vi.useRealTimers();
    }
  });

  it('treats ttl 0 or a null expiresAt as never expiring, and reads a videoId', () => {
    const read = (body: string) => parseTokenAnswer(body, 'application/json');
    expect(read('{"token":"to1","ttl":0,"createdAt":"2020-12-02T10:00:00+00:00"}').expiresAt).to.equal(undefined);
    expect(read('{"token":"to1","ttl":3600,"expiresAt":null}').expiresAt).to.equal(undefined);
    expect(read('{"token":"to1","videoId":" vi123 "}')).to.deep.equal({ token: 'to1', videoId: 'vi123' });
    expect(read('{"token":"to1","videoId":"vi123","capability":"v1.9.abc"}')).to.deep.equal({ token: 'to1', videoId: 'vi123', capability: 'v1.9.abc' });
    // A capability is for a video: without one it means nothing.
    expect(read('{"token":"to1","capability":"v1.9.abc"}')).to.deep.equal({ token: 'to1' });
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

describe("a refusing token endpoint's own words", () => {
  it('takes a problem title, a message, an error (or its message), a detail, or short text, on one line', () => {
    expect(endpointWords('{"title":"You must be signed in to upload videos."}', 'application/problem+json')).to.equal(
      'You must be signed in to upload videos.',
    );
    expect(endpointWords('{"message":"Quota reached"}', 'application/json')).to.equal('Quota reached');
    expect(endpointWords('{"error":"Not allowed"}', 'application/json')).to.equal('Not allowed');
    expect(endpointWords('{"error":{"message":"Session expired"}}', 'application/json')).to.equal('Session expired');
    expect(endpointWords('{"detail":"Try later"}', 'application/json')).to.equal('Try later');
    expect(endpointWords('Closed\n  for maintenance ', 'text/plain')).to.equal('Closed for maintenance');
    expect(endpointWords('Closed for maintenance', 'application/json')).to.equal('Closed for maintenance');
  });

  it('says nothing for a web page, an empty body, broken JSON or JSON without words', () => {
    expect(endpointWords('<!doctype html><h1>Sign in</h1>', 'text/html')).to.equal(undefined);
    expect(endpointWords('<h1>Sign in</h1>', 'application/json')).to.equal(undefined);
    expect(endpointWords('Sign in', 'text/html')).to.equal(undefined);
    expect(endpointWords('  ', 'text/plain')).to.equal(undefined);
    expect(endpointWords('{"title":', 'application/json')).to.equal(undefined);
    expect(endpointWords('{"status":401}', 'application/json')).to.equal(undefined);
  });

  it('cuts a long text short', () => {
    const words = endpointWords('x'.repeat(1000), 'text/plain')!;
    expect(words).to.have.length(300);
    expect(words.endsWith('…')).to.equal(true);
  });
});
