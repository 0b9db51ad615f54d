// The upload token an upload sends its parts with, for a file and a recording alike: asked for once however many parts
// need it at the same moment (one request, one `token-refresh`), renewed before it would expire on a part's way out,
// and told apart from a newer one when a part sent with it comes back refused.
import { TokenRefreshEvent } from '../events/index.js';
import { EXPIRY_MARGIN_MS } from './constants.js';
import type { PartFailure } from './retry-policy.js';
import { TokenSource, type UploadToken } from './token-source.js';
import type { EditableVideo, TokenRequestReason, TokenSourceOptions, UploadSessionEmit } from './types.js';

export interface TokenKeeperOptions {
  /** The file (or recording) the tokens are for: the token URL hears its name, the events carry it. */
  file: File;
  tokens: TokenSourceOptions;
  /** Ends a token request on its way when the upload ends. */
  signal: AbortSignal;
  /** The clock token expiry is judged by (ms since epoch); default `Date.now`. */
  now?: () => number;
  /** The video the upload goes into once known: each token request names it. */
  knownVideo?: () => string | undefined;
}

export class TokenKeeper {
  readonly #source: TokenSource;
  #token: UploadToken | undefined;
  #since = 0;
  /** Whether the current token has carried an attempt yet. */
  #used = false;
  /** The request under way: parts side by side that need a token share it, and its one `token-refresh`. */
  #request: Promise<void> | undefined;
  /** Why the next token is asked for when there is none: the first, or one after a refusal or a failed request. */
  #reason: TokenRequestReason = 'initial';
  /** The video the token source named, from the first token that named one. */
  #namedVideo: string | undefined;
  /** That video with the backend's permission to edit it, from the first token that carried one for it. */
  #edit: EditableVideo | undefined;

  readonly #options: TokenKeeperOptions;
  readonly #emit: UploadSessionEmit;

  constructor(options: TokenKeeperOptions, emit: UploadSessionEmit) {
    this.#options = options;
    this.#emit = emit;
    this.#source = new TokenSource(options.tokens, options.file);
  }

  get current(): UploadToken | undefined {
    return this.#token;
  }

  /** Whether a new token can be asked for (a provider or a URL); a static token alone cannot be renewed. */
  get canAsk(): boolean {
    return this.#source.canAsk;
  }

  /** The video a token named (a site that makes the video first); the page's own videoId comes before it. */
  get videoId(): string | undefined {
    return this.#namedVideo;
  }

  /** The video the token source made, editable from the page, when its backend said so. */
  get editable(): EditableVideo | undefined {
    return this.#edit;
  }

  /** A static token from the page; true when it is now the one parts go with (there is nothing to ask). */
  setStatic(token: string): boolean {
    this.#source.setStaticToken(token);
    if (!token.trim() || this.canAsk) return false;
    this.#token = { token: token.trim() };
    return true;
  }

  /** The current token is known bad: the next one is asked for as after a refusal. */
  forget(): void {
    this.#token = undefined;
    this.#reason = 'rejected';
  }

  /** The token an attempt goes with. */
  take(): string {
    this.#used = true;
    return this.#token!.token;
  }

  /** A 401 for a token that has been replaced since the attempt went out: send again with the new one, at once. */
  replaced(failure: PartFailure): boolean {
    return failure.sentWithToken !== undefined && this.#token !== undefined && failure.sentWithToken !== this.#token.token;
  }

  /**
   * Whether to ask for a new token before a part that takes `sendMs` to go out: the current one would expire on the
   * way. The margin is capped at half the token's life, and a token not used yet is judged without the part's time: a
   * short-lived token fresh from the source would otherwise be renewed for another one as short.
   */
  shouldRenew(sendMs: number): boolean {
    const expiresAt = this.#token?.expiresAt?.getTime();
    if (expiresAt === undefined) return false;
    const margin = Math.max(0, Math.min(EXPIRY_MARGIN_MS, (expiresAt - this.#since) / 2));
    return expiresAt - this.#now() < margin + (this.#used ? sendMs : 0);
  }

  /** A new token; rejects with the source's TokenRequestError when it gives none. */
  acquire(reason = this.#reason): Promise<void> {
    this.#request ??= this.#ask(reason).finally(() => (this.#request = undefined));
    return this.#request;
  }

  async #ask(reason: TokenRequestReason): Promise<void> {
    try {
      this.#token = await this.#source.request(reason, this.#options.signal, this.#options.knownVideo?.() ?? this.#namedVideo);
    } catch (error) {
      this.#token = undefined;
      this.#reason = reason;
      throw error;
    }
    this.#since = this.#now();
    this.#used = false;
    this.#reason = 'rejected';
    this.#namedVideo ??= this.#token.videoId;
    const { videoId, capability } = this.#token;
    if (!this.#edit && videoId && capability && videoId === this.#namedVideo) this.#edit = { videoId, capability };
    if (this.canAsk) this.#emit(new TokenRefreshEvent({ file: this.#options.file, reason, expiresAt: this.#token.expiresAt }));
  }

  #now(): number {
    return this.#options.now?.() ?? Date.now();
  }
}
