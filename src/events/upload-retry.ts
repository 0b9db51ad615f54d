/**
 * Why a part waits, as a code to switch on: no answer (`network`), no progress for too long (`timeout`), api.video's
 * rate limit (`rate-limited`, a 429 on this upload or on another of the page's), api.video failing (`server`, 5xx), or
 * the upload token refused or replaced (`token`).
 */
export type RetryCause = 'network' | 'timeout' | 'rate-limited' | 'server' | 'token';

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
  /** Why, in words (e.g. "The server answered 503", "network error"), for logs; switch on `cause`. */
  readonly reason: string;
  /** Why, as a code. */
  readonly cause: RetryCause;
}

/**
 * `upload-retry`: A part failed for a reason worth retrying (5xx, network, 429, expired token) and will be sent again,
 * or waits before it goes because api.video's rate limit is spent for the page (`cause: 'rate-limited'`).
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
