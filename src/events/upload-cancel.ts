/** `detail` of the `upload-cancel` event. */
export interface UploadCancelDetail {
  /** The file the event concerns (absent when the element failed before it had one). */
  readonly file?: File;
}

/**
 * `upload-cancel`: The upload was cancelled; the part in flight was aborted.
 * Bubbles and crosses shadow roots.
 */
export class UploadCancelEvent extends Event {
  static readonly eventName = 'upload-cancel';
  readonly detail: UploadCancelDetail;

  constructor(detail: UploadCancelDetail = {}) {
    super(UploadCancelEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}
