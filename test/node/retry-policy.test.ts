// The retry table: pure functions of a failed part's answer, acted on by PartAttempts.afterFailure (files and recordings alike).
import { describe, expect, it } from 'vitest';
import { backoffMs, decideRetry, failureDetail, isAlreadySent, isAlreadyUploaded, retryAfterOf } from '../../src/upload/retry-policy.js';

describe('the retry table', () => {
  it('waits with backoff on 5xx and network errors, as told on 429, fails on 4xx (401 is the session’s)', () => {
    expect(decideRetry({ status: 503 }, 0, 6)).toEqual({ action: 'wait', delayMs: 500, reason: 'the server answered 503', cause: 'server' });
    expect(decideRetry({ reason: 'NETWORK_ERROR' }, 2, 6)).toEqual({ action: 'wait', delayMs: 2000, reason: 'network error', cause: 'network' });
    expect(decideRetry({ reason: 'NETWORK_TIMEOUT' }, 0, 6)).toMatchObject({ reason: 'network timeout', cause: 'timeout' });
    expect(decideRetry({ status: 429, retryAfterSeconds: 7 }, 0, 6)).toEqual({ action: 'wait', delayMs: 7000, reason: 'rate limited (429)', cause: 'rate-limited' });
    expect(decideRetry({ status: 429 }, 0, 6)).toMatchObject({ delayMs: 1000 });
    expect(decideRetry({ status: 401 }, 0, 6)).toEqual({ action: 'fail' });
    expect(decideRetry({ status: 400 }, 0, 6)).toEqual({ action: 'fail' });
    expect(decideRetry({ status: 404 }, 0, 6)).toEqual({ action: 'fail' });
    expect(decideRetry({ status: 503 }, 6, 6)).toEqual({ action: 'fail' });
  });

  it('takes its waits from a table when given one, the last repeated; an empty table waits not at all', () => {
    expect([0, 1, 2, 5].map((n) => backoffMs(n, [10, 20, 40]))).toEqual([10, 20, 40, 40]);
    expect(backoffMs(3, [])).toBe(0);
    expect(decideRetry({ status: 502 }, 1, 6, [0, 5])).toMatchObject({ action: 'wait', delayMs: 5, cause: 'server' });
    // A 429 waits as api.video asks, whatever the table says.
    expect(decideRetry({ status: 429, retryAfterSeconds: 2 }, 0, 6, [0])).toMatchObject({ delayMs: 2000 });
  });

  it('caps backoff at 30 s', () => {
    expect([0, 1, 2, 3, 10].map((n) => backoffMs(n))).toEqual([500, 1000, 2000, 4000, 30000]);
  });

  it('reads X-RateLimit-Retry-After first, then Retry-After in seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-30T12:00:00Z');
    expect(retryAfterOf('3', '9', now)).toBe(3);
    expect(retryAfterOf('0.5', null, now)).toBe(0.5);
    expect(retryAfterOf(null, '7', now)).toBe(7);
    expect(retryAfterOf(null, 'Mon, 30 Nov 2026 12:00:42 GMT', now)).toBe(42);
    expect(retryAfterOf(null, 'Mon, 30 Nov 2026 11:00:00 GMT', now)).toBe(0);
    expect(retryAfterOf('soon', '-1', now)).toBeUndefined();
    expect(retryAfterOf('', null, now)).toBeUndefined();
    expect(retryAfterOf(null, 'not a date', now)).toBeUndefined();
  });

  it('knows api.video’s “already sent” answers by their type', () => {
    const sent = { status: 400, type: 'https://docs.api.video/reference/video-content-range-by-part-part-already-sent' };
    const uploaded = { status: 400, type: 'https://docs.api.video/reference/video-source-already-uploaded' };
    expect([isAlreadySent(sent), isAlreadySent(uploaded), isAlreadySent({ status: 400 })]).toEqual([true, false, false]);
    expect([isAlreadyUploaded(uploaded), isAlreadyUploaded(sent)]).toEqual([true, false]);
  });
});

describe('what the page hears when a part ended the upload', () => {
  it('a refused static token waits for a new one; a source that keeps handing out refused tokens is broken', () => {
    const refused = { status: 401, title: 'The upload token is invalid or expired.' };
    expect(failureDetail(2, refused, false, 1)).toEqual({
      code: 'token-expired',
      message: 'The upload token is invalid or expired. Set a new upload token to continue.',
      status: 401,
      retriable: true,
      part: 2,
    });
    expect(failureDetail(2, refused, true, 4)).toMatchObject({
      code: 'token-rejected',
      message: 'api.video refused 4 upload tokens in a row: The upload token is invalid or expired.',
    });
  });

  it("quotes api.video's title, and says which failures a retry can fix", () => {
    expect(failureDetail(3, { status: 400, title: 'The uploaded file is empty.' }, true, 4)).toEqual({
      code: 'upload-failed',
      message: 'The uploaded file is empty.',
      status: 400,
      retriable: false,
      part: 3,
      detail: 'The uploaded file is empty.',
    });
    expect(failureDetail(1, { status: 503 }, true, 4)).toMatchObject({ code: 'upload-failed', retriable: true, message: 'api.video answered 503.' });
    expect(failureDetail(1, { reason: 'NETWORK_ERROR' }, true, 4)).toEqual({
      code: 'network',
      message: 'api.video could not be reached (network error).',
      retriable: true,
      part: 1,
    });
    expect(failureDetail(1, { reason: 'ABORTED' }, true, 4)).toMatchObject({ code: 'aborted' });
  });
});

