// The handler's calls to api.video: each one aborted on the wire once it outlives upstreamTimeoutMs, and every way it
// can fail turned into the refusal that says whose fault it is.
import { apiVideoCalls, describeUpstreamError, type ApiVideoCalls } from '../api-video/index.js';
import type { Settings } from './options.js';
import { problems, Refusal } from './problems.js';

/**
 * One call to api.video: a silent api.video must not keep a socket open per request. `what` says the call in the log
 * and the answer ("create the video"); `failedTitle` titles an unexpected failure, for the page to show.
 */
export async function upstream<R, T>(settings: Settings<R>, what: string, call: (api: ApiVideoCalls) => Promise<T>, failedTitle?: string): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), settings.upstreamTimeoutMs);
  try {
    return await call(apiVideoCalls(settings.apiKey, settings.baseUri, controller.signal));
  } catch (error) {
    throw upstreamRefusal(settings, what, error, controller.signal.aborted, failedTitle);
  } finally {
    clearTimeout(timer);
  }
}

function upstreamRefusal<R>(settings: Settings<R>, what: string, error: unknown, timedOut: boolean, failedTitle: string | undefined): Refusal {
  const where = `api.video at ${settings.baseUri}`;
  if (timedOut) {
    settings.log(`${where} did not answer within ${settings.upstreamTimeoutMs} ms (asked to ${what}); the call was aborted`);
    return new Refusal(problems.upstreamTimeout());
  }
  const failure = describeUpstreamError(error);
  switch (failure.kind) {
    case 'unreachable':
      settings.log(`${where} cannot be reached: ${failure.reason}`);
      return new Refusal(problems.upstreamUnreachable(what), { 'Retry-After': '5' });
    case 'malformed':
      settings.log(`${where} answered with something unusable when asked to ${what}: ${failure.reason}`);
      return new Refusal(problems.upstreamMalformed(what, failure.reason));
    case 'unexpected':
      settings.log(`asking ${where} to ${what} failed unexpectedly: ${failure.reason}`);
      return new Refusal(problems.unexpected(what, failedTitle));
    case 'refused':
      settings.log(`${where} refused to ${what}: HTTP ${failure.status} ${failure.title}${failure.detail ? ` (${failure.detail})` : ''}`);
      if (failure.status === 429) return new Refusal(problems.upstreamRateLimited(failure.title), { 'Retry-After': '60' });
      return new Refusal(problems.upstreamRefused(what, failure.status, failure.title));
  }
}
