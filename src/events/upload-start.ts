/** `detail` of the `upload-start` event. */
export interface UploadStartDetail {
  /** The file being uploaded. */
  readonly file: File;
  /** Size of the file in bytes; for a recording, the bytes recorded so far. */
  readonly totalBytes: number;
  /** Bytes per part (the last part may be smaller). */
  readonly chunkSize: number;
  /** How many parts the file is sent in; 0 for a recording, whose length is not known yet. */
  readonly parts: number;
}

/**
 * `upload-start`: An upload began: the token is in hand and the first part is about to be sent.
 * Bubbles and crosses shadow roots.
 */
export class UploadStartEvent extends Event {
  static readonly eventName = 'upload-start';
  readonly detail: UploadStartDetail;

  constructor(detail: UploadStartDetail) {
    super(UploadStartEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}
