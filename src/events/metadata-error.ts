/**
 * Why the video's details were not saved; what the person typed is kept, and the element offers to save it again:
 * - `invalid`: a field breaks a restriction (`field` names it); nothing was sent;
 * - `not-editable`: the token answer carried no capability to edit the video (the site's token handler has no
 *   `metadata` option, or made no video), or there is no URL to send the edit to;
 * - `refused`: the site's backend refused the edit (`status`; e.g. the capability expired, or a field it does not
 *   allow); its words are in `message`;
 * - `network`: the site's backend could not be reached, or did not answer in time;
 * - `server`: the site's backend failed (5xx) or answered something unreadable.
 */
export type MetadataErrorCode = 'invalid' | 'not-editable' | 'refused' | 'network' | 'server';

/** `detail` of the `metadata-error` event. */
export interface MetadataErrorDetail {
  readonly file?: File;
  readonly videoId?: string;
  readonly code: MetadataErrorCode;
  /** What happened, in words a person understands. */
  readonly message: string;
  /** The backend's HTTP status, for `refused` and `server`. */
  readonly status?: number;
  /** The field at fault, for `invalid`. */
  readonly field?: string;
}

/**
 * `metadata-error`: The video's details could not be saved. Nothing typed is lost: the form keeps it and offers to
 * save again. Bubbles and crosses shadow roots.
 */
export class MetadataErrorEvent extends Event {
  static readonly eventName = 'metadata-error';
  readonly detail: MetadataErrorDetail;

  constructor(detail: MetadataErrorDetail) {
    super(MetadataErrorEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}
