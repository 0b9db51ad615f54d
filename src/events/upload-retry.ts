/** `detail` of the `upload-retry` event. */
export interface UploadRetryDetail {
  /** The file the event concerns. */
  readonly file: File;
  /** 1-based number of the part to send again. */
  readonly part: number;
  /** 1-based number of this retry for the part. */
  readonly attempt: number;
  /** How long the session waits before sending it again. */
  readonly delayMs: number;
  /** Why, in words (e.g. "The server answered 503", "network error"). */
  readonly reason: string;
}

/**
 * `upload-retry`: A part failed for a reason worth retrying (5xx, network, 429, expired token) and will be sent again.
 * Bubbles and crosses shadow roots.
 */
export class UploadRetryEvent extends Event {
  static readonly eventName = 'upload-retry';
  readonly detail: UploadRetryDetail;

  constructor(detail: UploadRetryDetail) {
    super(UploadRetryEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}
