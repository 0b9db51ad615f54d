// api.video's Video object as the upload endpoint answers it (OpenAPI schema `video`), trimmed to what a page uses.

/** Where a video came from (`source` in api.video's Video). */
export interface VideoSource {
  readonly uri?: string;
  readonly type?: string;
  readonly liveStream?: { readonly liveStreamId?: string; readonly links?: unknown[] };
}

/** Links to a video's assets (`assets` in api.video's Video). */
export interface VideoAssets {
  /** HLS manifest; answers 202 until the video can be played, then 200. */
  readonly hls?: string;
  readonly iframe?: string;
  readonly player?: string;
  readonly thumbnail?: string;
  /** MP4 file, when mp4 support is on. */
  readonly mp4?: string;
}

/** api.video's Video object. Dates are ISO 8601 strings, as on the wire. */
export interface Video {
  readonly videoId: string;
  readonly title?: string;
  readonly description?: string;
  readonly createdAt?: string;
  readonly publishedAt?: string;
  readonly updatedAt?: string;
  readonly discardedAt?: string | null;
  readonly deletesAt?: string | null;
  readonly discarded?: boolean;
  readonly language?: string;
  readonly languageOrigin?: 'api' | 'auto' | null;
  readonly tags?: readonly string[];
  readonly metadata?: readonly { readonly key?: string; readonly value?: string }[];
  readonly source?: VideoSource;
  readonly assets?: VideoAssets;
  readonly playerId?: string;
  readonly public?: boolean;
  readonly panoramic?: boolean;
  readonly mp4Support?: boolean;
}
