/** Which restriction a rejected file broke. */
export type FileRejectReason = 'empty' | 'type' | 'size' | 'duration';

/** `detail` of the `file-reject` event. */
export interface FileRejectDetail {
  /** The rejected file. */
  readonly file: File;
  /** Which restriction it broke. */
  readonly reason: FileRejectReason;
  /** A sentence a person can read, in the element's language. */
  readonly message: string;
}

/**
 * `file-reject`: A chosen file broke a restriction (empty, type, size or duration); no request was made.
 * Bubbles and crosses shadow roots.
 */
export class FileRejectEvent extends Event {
  static readonly eventName = 'file-reject';
  readonly detail: FileRejectDetail;

  constructor(detail: FileRejectDetail) {
    super(FileRejectEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}
