/** Where one file's upload stands. Mirrored by the element to its `state` attribute. */
export type UploadState = 'idle' | 'preparing' | 'uploading' | 'paused' | 'waiting-for-token' | 'error' | 'success';

/** `detail` of the `upload-state` event. */
export interface UploadStateDetail {
  /** The file the event concerns. */
  readonly file: File;
  /** The state the upload is in now. */
  readonly state: UploadState;
  /** The state it left. */
  readonly previous: UploadState;
}

/**
 * `upload-state`: The upload moved to another state (the `state` attribute follows): e.g. `preparing` while a token
 * is fetched, `uploading`, `paused`, `error`. Bubbles and crosses shadow roots.
 */
export class UploadStateEvent extends Event {
  static readonly eventName = 'upload-state';
  readonly detail: UploadStateDetail;

  constructor(detail: UploadStateDetail) {
    super(UploadStateEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}
