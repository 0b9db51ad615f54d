import type { Video } from './video.js';

/** `detail` of the `upload-success` event. */
export interface UploadSuccessDetail {
  /** The file the event concerns. */
  readonly file: File;
  /** api.video's Video object for the new video. */
  readonly video: Video;
}

/**
 * `upload-success`: Every part is on the server; `video` is the Video api.video answered with.
 * Bubbles and crosses shadow roots.
 */
export class UploadSuccessEvent extends Event {
  static readonly eventName = 'upload-success';
  readonly detail: UploadSuccessDetail;

  constructor(detail: UploadSuccessDetail) {
    super(UploadSuccessEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}
