/** `detail` of the `upload-part` event. */
export interface UploadPartDetail {
  /** The file the event concerns. */
  readonly file: File;
  /** 1-based number of the acknowledged part. */
  readonly part: number;
  /** How many parts the file is sent in; for a recording, 0 until its last part, whose number it then is. */
  readonly parts: number;
  /** The video the parts belong to. */
  readonly videoId: string;
  /** How many times this part was sent before the server took it (1 = first try). */
  readonly attempts: number;
}

/**
 * `upload-part`: The server acknowledged one part.
 * Bubbles and crosses shadow roots.
 */
export class UploadPartEvent extends Event {
  static readonly eventName = 'upload-part';
  readonly detail: UploadPartDetail;

  constructor(detail: UploadPartDetail) {
    super(UploadPartEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}
