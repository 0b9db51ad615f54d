/** Why a token was requested. */
export type TokenRefreshReason = 'initial' | 'expired' | 'rejected';

/** `detail` of the `token-refresh` event. */
export interface TokenRefreshDetail {
  /** The file the event concerns. */
  readonly file: File;
  /** Why it was asked for: the first token of an upload, an `expiresAt` about to pass, or a token the server refused. */
  readonly reason: TokenRefreshReason;
  /** When the new token expires, if the source said so. */
  readonly expiresAt?: Date;
}

/**
 * `token-refresh`: A new upload token was obtained from the token source.
 * Bubbles and crosses shadow roots.
 */
export class TokenRefreshEvent extends Event {
  static readonly eventName = 'token-refresh';
  readonly detail: TokenRefreshDetail;

  constructor(detail: TokenRefreshDetail) {
    super(TokenRefreshEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}
