/** `detail` of the `upload-cancel` event (nothing to say beyond the event itself). */
export type UploadCancelDetail = Record<string, never>;

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
