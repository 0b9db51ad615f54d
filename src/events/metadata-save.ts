/** A video's title, description and tags, as api.video names them. */
export interface VideoMetadata {
  readonly title?: string;
  readonly description?: string;
  readonly tags?: readonly string[];
}

/** `detail` of the `metadata-save` event. */
export interface MetadataSaveDetail {
  /** The file whose video it is. */
  readonly file?: File;
  readonly videoId: string;
  /** The fields as api.video holds them now. */
  readonly video: VideoMetadata;
  /** The frame chosen as the thumbnail, when one was (`HH:MM:SS.mmm`). */
  readonly thumbnailTimecode?: string;
}

/**
 * `metadata-save`: The title, description, tags or thumbnail typed or chosen in the element are on the video, saved
 * through the site's token handler (when the person saved, or when the upload ended with edits not yet saved).
 * Bubbles and crosses shadow roots.
 */
export class MetadataSaveEvent extends Event {
  static readonly eventName = 'metadata-save';
  readonly detail: MetadataSaveDetail;

  constructor(detail: MetadataSaveDetail) {
    super(MetadataSaveEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}
