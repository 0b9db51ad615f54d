// A token request (POST): a token for the page, and with `createVideo` the video it uploads into, made first; with
// `metadata` as well, the capability to edit that video.
import { MAX_TTL, uploadTokenJson, videoIdOf, type UploadTokenJson } from '../api-video/index.js';
import type { TokenRequest } from './core.js';
import type { Settings } from './options.js';
import { problems, Refusal } from './problems.js';
import { checkAuthorized, readBody, takeRate } from './steps.js';
import { upstream } from './upstream.js';
import { requestedVideoId, videoPayload, type TokenRequestBody } from './video.js';

/** A token, and the video made for it when `createVideo` is on, with the capability to edit it when `metadata` is. */
export type TokenGrant = UploadTokenJson & { videoId?: string; capability?: string };

/**
 * The steps of a POST, in order: the body, the limit, the site's login check, and api.video. What the body asks is
 * checked before the limit is taken, so a mistake in it is a 400 that costs nothing.
 */
export async function grantFor<R>(settings: Settings<R>, request: TokenRequest<R>): Promise<{ grant: TokenGrant; headers: Record<string, string> }> {
  const body: TokenRequestBody = await readBody(settings, request);
  const ttl = grantedTtl(body, settings.ttl);
  const knownVideoId = requestedVideoId(body);
  const headers = await takeRate(settings, request);
  await checkAuthorized(settings, request.original);
  const token = await upstream(settings, 'create an upload token', async (api) => uploadTokenJson(await api.createUploadToken(ttl)));
  if (settings.createVideo === false) return { grant: token, headers };
  // A token for an upload that already goes into a video (renewed mid-upload, resumed): that video, not a new one.
  // Never a capability: the page named this video itself, and could name any.
  if (knownVideoId) return { grant: { ...token, videoId: knownVideoId }, headers };
  const fields = await videoFields(settings, request.original, body);
  // After the token: a refused token then leaves no video behind, and a token left unused expires by itself.
  const videoId = await upstream(settings, 'create the video', async (api) => videoIdOf(await api.createVideo(videoPayload(body, fields))));
  const capability = settings.edit ? { capability: await settings.edit.capabilities.sign(videoId) } : {};
  return { grant: { ...token, videoId, ...capability }, headers };
}

/** A client may ask for a shorter life than the server's ttl, never a longer one; 0 ("never expires") is the longest. */
export function grantedTtl(body: TokenRequestBody, serverTtl: number): number {
  const asked = body.ttl;
  if (asked === undefined || asked === null) return serverTtl;
  if (typeof asked !== 'number' || !Number.isInteger(asked) || asked < 0) throw new Refusal(problems.badTtl(asked));
  // Past api.video's limit the request would only come back refused, as a 502 that blames api.video for the client.
  if (asked > MAX_TTL) throw new Refusal(problems.ttlTooLong(asked, MAX_TTL));
  if (serverTtl === 0) return asked;
  if (asked === 0) return serverTtl;
  return Math.min(asked, serverTtl);
}

async function videoFields<R>(settings: Settings<R>, original: R, body: TokenRequestBody): Promise<unknown> {
  if (typeof settings.createVideo !== 'function') return undefined;
  try {
    return await settings.createVideo(original, body);
  } catch (error) {
    settings.log(`createVideo() threw: ${error instanceof Error ? error.message : String(error)}`);
    throw new Refusal(problems.unexpected('describe the video'));
  }
}
