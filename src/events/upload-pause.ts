/** `detail` of the `upload-pause` event. */
export interface UploadPauseDetail {
  /** The file the event concerns. */
  readonly file: File;
}

/**
 * `upload-pause`: The upload was paused (by `pause()` or because the browser went offline).
 * Bubbles and crosses shadow roots.
 */
export class UploadPauseEvent extends Event {
  static readonly eventName = 'upload-pause';
  readonly detail: UploadPauseDetail;

  constructor(detail: UploadPauseDetail) {
    super(UploadPauseEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}
