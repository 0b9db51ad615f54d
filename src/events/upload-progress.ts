/** `detail` of the `upload-progress` event. */
export interface UploadProgressDetail {
  /** The file the event concerns. */
  readonly file: File;
  /** Bytes the server holds or that are in flight in the current part. */
  readonly uploadedBytes: number;
  /** Size of the file in bytes; for a recording, the bytes recorded so far (it grows until the recording stops). */
  readonly totalBytes: number;
  /** 0..100, never decreasing within one upload. */
  readonly percent: number;
  /** 1-based number of the part being sent. */
  readonly part: number;
  /** How many parts the file is sent in; for a recording, 0 until it has stopped. */
  readonly parts: number;
  /** Smoothed upload speed; 0 until it can be measured. */
  readonly bytesPerSecond: number;
  /** Smoothed time left in seconds; `null` until it can be estimated. */
  readonly etaSeconds: number | null;
}

/**
 * `upload-progress`: Bytes went out. `percent` never goes backwards and never passes 100; speed and time left are smoothed.
 * Bubbles and crosses shadow roots.
 */
export class UploadProgressEvent extends Event {
  static readonly eventName = 'upload-progress';
  readonly detail: UploadProgressDetail;

  constructor(detail: UploadProgressDetail) {
    super(UploadProgressEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}
