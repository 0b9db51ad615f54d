// Values api.video takes for a video, from its OpenAPI spec: the token handler checks a page's edit against them
// before anything is sent, and the emulator refuses what api.video refuses. One list, so the two cannot drift apart.

/** The languages api.video transcribes (`language` of `POST /videos` and `PATCH /videos/{videoId}`). */
export const VIDEO_LANGUAGES = [
  'ar', 'ca', 'cs', 'da', 'de', 'el', 'en', 'es', 'fa', 'fi', 'fr', 'he', 'hi', 'hr', 'hu', 'it', 'ja',
  'ko', 'ml', 'nl', 'nn', 'no', 'pl', 'pt', 'ru', 'sk', 'sl', 'te', 'tr', 'uk', 'ur', 'vi', 'zh',
] as const;

export type VideoLanguage = (typeof VIDEO_LANGUAGES)[number];

/**
 * The frame `PATCH /videos/{videoId}/thumbnail` picks (VideoThumbnailPickPayload's `timecode`). The spec's pattern is
 * `HH:MM:SS` with an optional `.ss`; its own example carries three decimals (`00:00:00.000`), so two or three are
 * taken. The other forms its prose mentions (a frame number after the seconds, a bare number of seconds) are not:
 * the spec's pattern does not admit them.
 */
export const THUMBNAIL_TIMECODE = /^(\d{2}):([0-5]\d):([0-5]\d)(?:\.(\d{2,3}))?$/;
