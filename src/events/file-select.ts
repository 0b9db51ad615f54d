/** `detail` of the `file-select` event. */
export interface FileSelectDetail {
  /** The chosen file. */
  readonly file: File;
}

/**
 * `file-select`: A file was chosen (picker, drop or paste) and passed the restrictions.
 * Bubbles and crosses shadow roots.
 */
export class FileSelectEvent extends Event {
  static readonly eventName = 'file-select';
  readonly detail: FileSelectDetail;

  constructor(detail: FileSelectDetail) {
    super(FileSelectEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}
