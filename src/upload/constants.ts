// Part sizes api.video accepts; the same numbers as @api.video/video-uploader, kept here so the element can validate
// `chunk-size` without importing the library.
export const MIN_CHUNK_SIZE = 5 * 1024 * 1024;
export const DEFAULT_CHUNK_SIZE = 50 * 1024 * 1024;
export const MAX_CHUNK_SIZE = 128 * 1024 * 1024;
export const DEFAULT_TOKEN_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_RETRIES = 6;
/** A part with no bytes out and no answer for this long is aborted and sent again. */
export const DEFAULT_STALL_TIMEOUT_MS = 30_000;
