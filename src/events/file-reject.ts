/**
 * Which restriction a rejected file broke: `empty`, `type` (`accept`), `size` (`max-file-size`), `duration`
 * (`max-duration`), or `count`: with `multiple`, the queue already holds `max-files` files.
 */
export type FileRejectReason = 'empty' | 'type' | 'size' | 'duration' | 'count';

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
 * `file-reject`: A chosen file broke a restriction (empty, type, size, duration, or one file more than `max-files`);
 * no request was made. Bubbles and crosses shadow roots.
 */
export class FileRejectEvent extends Event {
  static readonly eventName = 'file-reject';
  readonly detail: FileRejectDetail;

  constructor(detail: FileRejectDetail) {
    super(FileRejectEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}
