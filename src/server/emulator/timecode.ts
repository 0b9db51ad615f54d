// What `PATCH /videos/{videoId}/thumbnail` takes (api.video's VideoThumbnailPickPayload): the frame to show before
// the video plays, as a timecode, of the form api-video/video-values.ts describes.
import { THUMBNAIL_TIMECODE } from '../api-video/video-values.js';
import { HttpError, problems } from './problems.js';

/** The timecode of a thumbnail pick body, checked; a missing or malformed one is a 400 naming `timecode`. */
export function parseTimecode(body: Record<string, unknown>): string {
  const timecode = body.timecode;
  if (typeof timecode !== 'string' || !THUMBNAIL_TIMECODE.test(timecode)) {
    throw new HttpError(
      problems.invalidAttribute('timecode', 'timecode is required and must be a string "HH:MM:SS" or "HH:MM:SS.ss", e.g. "00:00:05.00".'),
    );
  }
  return timecode;
}
