/** `detail` of the `upload-resume` event. */
export interface UploadResumeDetail {
  /** The file the event concerns. */
  readonly file: File;
}

/**
 * `upload-resume`: A paused upload carries on at the first part the server lacks.
 * Bubbles and crosses shadow roots.
 */
export class UploadResumeEvent extends Event {
  static readonly eventName = 'upload-resume';
  readonly detail: UploadResumeDetail;

  constructor(detail: UploadResumeDetail) {
    super(UploadResumeEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}
