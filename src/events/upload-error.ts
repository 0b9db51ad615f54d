/**
 * What went wrong:
 * - `token-request-failed`: the token URL or provider gave no usable token;
 * - `token-rejected`: the source kept handing out tokens the server refused;
 * - `token-expired`: the static token was refused and there is nothing to ask (set a new one);
 * - `upload-failed`: the server refused a part (its `title` is the message);
 * - `network`: the server could not be reached, even after retries;
 * - `invalid-file`: the file cannot be uploaded (e.g. it is empty);
 * - `aborted`: the upload was stopped;
 * - `recording-failed`: a recording could not start or went wrong (permission refused, no device; the browser's
 *   error name is in `detail`).
 */
export type UploadErrorCode =
  | 'token-request-failed'
  | 'token-rejected'
  | 'token-expired'
  | 'upload-failed'
  | 'network'
  | 'invalid-file'
  | 'aborted'
  | 'recording-failed';

/**
 * Why a `token-request-failed` happened, so a page can tell its users what came back, in their language:
 * - `network`: the token URL could not be reached (offline, refused, or the connection was cut);
 * - `status`: the token URL answered a status that is not 2xx (it is in `status`);
 * - `html`: the token URL answered with a web page, often a login page, not a token;
 * - `no-token`: the answer, or what the token provider returned, held no token (e.g. JSON without `token`);
 * - `unreadable`: the answer could not be read as a token (broken JSON, an empty body, prose);
 * - `timeout`: no answer came within the timeout;
 * - `provider`: the token provider threw (its words are in `detail`);
 * - `no-source`: there is no upload token, token URL or token provider to ask;
 * - `origin-refused`: the token URL (this package's token handler) refuses this page's origin: add it to the
 *   handler's `allowedOrigins`.
 */
export type TokenFailureReason =
  | 'network'
  | 'status'
  | 'html'
  | 'no-token'
  | 'unreadable'
  | 'timeout'
  | 'provider'
  | 'no-source'
  | 'origin-refused';

/**
 * Why a `recording-failed` happened, so the visitor can be told what to do:
 * - `refused`: permission to use the camera, microphone or screen was refused (by the visitor or the page's policy);
 * - `no-device`: there is no camera or microphone (or none that fits);
 * - `in-use`: the device is there but could not be used (another program may hold it);
 * - `unsupported`: this browser cannot record, or cannot share a screen.
 * Absent when the recording failed for another reason (its words are in `detail`).
 */
export type RecordingFailureReason = 'refused' | 'no-device' | 'in-use' | 'unsupported';

/** `detail` of the `upload-error` event. */
export interface UploadErrorDetail {
  /** The file the event concerns (absent when the element failed before it had one). */
  readonly file?: File;
  /** What kind of failure it is. */
  readonly code: UploadErrorCode;
  /**
   * A sentence for developers and logs, in English: api.video's `title`, or what the token endpoint answered. The
   * element does not show it: it shows the visitor a plain sentence for `code` in its `lang` ("The upload could not
   * start. Try again."), quoting `detail` only when it is the site's own refusal (a token endpoint's or provider's
   * words), and writes `code`, `reason`, `status`, this message and `detail` to the console.
   */
  readonly message: string;
  /** The other side's own words, verbatim and untranslated: api.video's problem `title`, or the error a token provider threw. */
  readonly detail?: string;
  /**
   * For `token-request-failed`: what came back instead of a token; for `recording-failed`: what went wrong with the
   * device. Absent for every other code.
   */
  readonly reason?: TokenFailureReason | RecordingFailureReason;
  /** HTTP status, when an HTTP answer caused it. */
  readonly status?: number;
  /** Whether `retry()` (or a new token) can continue the upload. */
  readonly retriable: boolean;
  /** 1-based number of the part that failed, when a part failed. */
  readonly part?: number;
}

/**
 * `upload-error`: The upload stopped on an error. When `retriable` is true, `retry()` (or a new token) continues at the failed part.
 * Bubbles and crosses shadow roots.
 */
export class UploadErrorEvent extends Event {
  static readonly eventName = 'upload-error';
  readonly detail: UploadErrorDetail;

  constructor(detail: UploadErrorDetail) {
    super(UploadErrorEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}
