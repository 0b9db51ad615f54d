// An edit (PATCH on the token URL): the page sets the title, description, tags or thumbnail of the video the handler
// made for it, with the capability that came with its token, never with the API key. Every check passes before
// api.video is asked anything.
import { videoSummaryOf, type VideoSummaryJson } from '../api-video/index.js';
import type { TokenRequest } from './core.js';
import type { EditSettings } from './edit-options.js';
import { parseEdit } from './edit-fields.js';
import type { Settings } from './options.js';
import { EDIT_FAILED, editProblems, Refusal } from './problems.js';
import { checkAuthorized, readBody, takeRate } from './steps.js';
import { upstream } from './upstream.js';
import { isVideoId } from './video.js';

/** The answer to an edit: the video as api.video now holds it, and the frame picked when one was. */
export interface VideoEditAnswer {
  videoId: string;
  video: VideoSummaryJson;
  thumbnailTimecode?: string;
}

/** The steps of a PATCH, in order: the body, the limit, the site's login check, the capability, the fields; then api.video. */
export async function editFor<R>(
  settings: Settings<R>,
  edit: EditSettings,
  request: TokenRequest<R>,
): Promise<{ answer: VideoEditAnswer; headers: Record<string, string> }> {
  const body = await readBody(settings, request, edit.body);
  const headers = await takeRate(settings, request);
  await checkAuthorized(settings, request.original);
  const videoId = await checkCapability(edit, body);
  const changes = parseEdit(body, edit);
  let video: VideoSummaryJson | undefined;
  if (changes.video) {
    const fields = changes.video;
    video = await upstream(settings, 'change the video', async (api) => videoSummaryOf(await api.updateVideo(videoId, fields)), EDIT_FAILED);
  }
  const timecode = changes.thumbnailTimecode;
  if (timecode !== undefined) {
    video = await upstream(settings, "pick the video's thumbnail", async (api) => videoSummaryOf(await api.pickThumbnail(videoId, timecode)), EDIT_FAILED);
  }
  // parseEdit refuses an edit that changes neither, so one of the two calls was made.
  return { answer: { videoId, video: video!, ...(timecode === undefined ? {} : { thumbnailTimecode: timecode }) }, headers };
}

/** The video the edit is for, once its capability proves the handler made it for this page, and not too long ago. */
async function checkCapability(edit: EditSettings, body: Record<string, unknown>): Promise<string> {
  const { videoId, capability } = body;
  if (capability === undefined || capability === null || capability === '') throw new Refusal(editProblems.capabilityMissing());
  if (!isVideoId(videoId)) {
    throw new Refusal(editProblems.fieldInvalid('videoId', 'videoId is the id of the video to change, "vi" followed by letters and digits, as the upload token came with.'));
  }
  const check = await edit.capabilities.check(capability, videoId);
  if (check === 'expired') throw new Refusal(editProblems.capabilityExpired());
  if (check !== 'valid') throw new Refusal(editProblems.capabilityInvalid());
  return videoId;
}
