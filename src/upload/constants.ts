// Part sizes api.video accepts; the same numbers as @api.video/video-uploader, kept here so the element can validate
// `chunk-size` without importing the library.
export const MIN_CHUNK_SIZE = 5 * 1024 * 1024;
export const DEFAULT_CHUNK_SIZE = 50 * 1024 * 1024;
export const MAX_CHUNK_SIZE = 128 * 1024 * 1024;
export const DEFAULT_TOKEN_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_RETRIES = 6;
/** A part with no bytes out and no answer for this long is aborted and sent again. */
export const DEFAULT_STALL_TIMEOUT_MS = 30_000;
/** How often one part may be refused for its token before the source is declared broken. */
export const MAX_TOKEN_REJECTIONS = 3;
/**
 * A token that expires within this much of a part's send (plus the part's expected duration) is renewed first.
 * Capped at half the token's life: renewing a fresh 3-second token because it is short would only get another one.
 */
export const EXPIRY_MARGIN_MS = 5_000;
