// What `PATCH /videos/{videoId}/thumbnail` takes (api.video's VideoThumbnailPickPayload): the frame to show before
// the video plays, as a timecode. The spec's pattern is `HH:MM:SS` with an optional `.ss`; its own example carries
// three decimals (`00:00:00.000`), so the emulator takes two or three. The other forms its prose mentions (a frame
// number after the seconds, a bare number of seconds) are refused: the spec's pattern does not admit them.
import { HttpError, problems } from './problems.js';

const TIMECODE = /^(\d{2}):([0-5]\d):([0-5]\d)(?:\.(\d{2,3}))?$/;

/** The timecode of a thumbnail pick body, checked; a missing or malformed one is a 400 naming `timecode`. */
export function parseTimecode(body: Record<string, unknown>): string {
  const timecode = body.timecode;
  if (typeof timecode !== 'string' || !TIMECODE.test(timecode)) {
    throw new HttpError(
      problems.invalidAttribute('timecode', 'timecode is required and must be a string "HH:MM:SS" or "HH:MM:SS.ss", e.g. "00:00:05.00".'),
    );
  }
  return timecode;
}
