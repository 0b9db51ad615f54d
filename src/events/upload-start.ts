/**
 * Why an earlier upload of the same file was not continued, and this one starts over in a new video:
 * - `video-not-found`: the earlier upload's video no longer exists on api.video;
 * - `part-size-changed`: the part size differs from the earlier upload's, so its parts would not line up;
 * - `other-video`: the page names another video (`video-id`) than the earlier upload's;
 * - `file-changed`: a part the server holds differs from the same part of this file: it shares the earlier file's
 *   name, size, type, date and ends, but not its bytes (an edit in place, a re-export), so it goes into a video of
 *   its own.
 */
export type NotResumedReason = 'video-not-found' | 'part-size-changed' | 'other-video' | 'file-changed';

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
  /** Whether this continues an earlier upload of the same file (after a reload, a crash or a closed tab), into its video. */
  readonly resumed: boolean;
  /** The first part this upload sends: 1, or the first part the earlier upload had not got acknowledged. */
  readonly firstPart: number;
  /** Present when an earlier upload of this file was found but could not be continued: why. */
  readonly notResumed?: NotResumedReason;
}

/**
 * `upload-start`: An upload began: the token is in hand and the first part is about to be sent. When a resumed
 * upload finds its video gone, a second `upload-start` says the upload starts over (`notResumed: 'video-not-found'`),
 * and `upload-progress` starts again from 0.
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
