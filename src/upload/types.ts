// The upload layer's public vocabulary: what the element passes in and what it hears back.
import type {
  NotResumedReason, TokenRefreshReason, UploadErrorDetail, UploadProgressDetail, UploadRetryDetail, UploaderEvent, UploadState,
  Video,
} from '../events/index.js';
import type { Wait } from './abortable-delay.js';
import type { PartSender } from './part-sender.js';
import type { PartSource } from './part-source.js';
import type { RateGate } from './rate-gate.js';
import type { ResumeTracker } from './resume-tracker.js';

export type { UploadState };

/** Why the session asks its token source for a token; `token-refresh` reports the same reason. */
export type TokenRequestReason = TokenRefreshReason;

/**
 * What a token provider may answer: the token alone, or with its expiry and the video the upload goes into (`videoId`,
 * made beforehand with the API key). The expiry: `ttl` / `expiresIn` in seconds from now, or `expiresAt` with the
 * `createdAt` of the same clock (api.video's UploadToken as the backend got it: its life is counted from now, whatever
 * the server's clock), or a lone `expiresAt` on the page's clock.
 */
export type ProvidedToken =
  | string
  | {
      token: string;
      expiresAt?: Date | string | number | null;
      createdAt?: Date | string | number;
      ttl?: number;
      expiresIn?: number;
      videoId?: string;
      /** The backend's signed permission to edit that video's title, description, tags and thumbnail. */
      capability?: string;
    };

/** A function the page supplies to hand out delegated upload tokens; it may answer synchronously or with a promise. */
export type TokenProvider = (context: {
  file: File;
  reason: TokenRequestReason;
  signal: AbortSignal;
  /** The video the upload already goes into (a renewal, a resumed upload, a `video-id`): make no new one for it. */
  videoId?: string;
}) => ProvidedToken | Promise<ProvidedToken>;

/** Where tokens come from. Precedence: `provider`, then `url`, then `staticToken`. */
export interface TokenSourceOptions {
  provider?: TokenProvider;
  /**
   * The site's backend: POSTed JSON `{fileName, fileSize, fileType, videoId?}` (`videoId` once the upload goes into a
   * known video), credentials `same-origin`.
   */
  url?: string;
  /** Merged into the token URL request (headers, credentials, method). */
  requestInit?: RequestInit;
  staticToken?: string;
  /** How long the URL or provider may take; default 15000 ms. */
  timeoutMs?: number;
}

export interface UploadSessionOptions {
  /** What the events name; its bytes are what is sent, unless `source` is given. */
  file: File;
  /** What is sent, when it is not the file's parts: a recording's, cut while it is recorded. */
  source?: PartSource;
  tokens: TokenSourceOptions;
  /** `ws.api.video` (default), `sandbox.api.video`, or a full `http(s)://host:port` URL (local emulator). */
  apiHost?: string;
  /** Bytes per part, 5..128 MiB (from `minChunkSize` when it is set); default 50 MiB. */
  chunkSize?: number;
  /**
   * The server's smallest part but the last: api.video's 5 MiB unless set. Lower only for a server that takes smaller
   * parts (the local emulator's `minPartBytes`), so that a test sends a file of several parts without megabytes.
   */
  minChunkSize?: number;
  /**
   * The video to upload into, made beforehand by the site's backend with the API key: parts carry it from part 1, so
   * a lost answer to part 1 can never make a second video. A `videoId` from the token source counts the same.
   */
  videoId?: string;
  /** Title of the video; default the file name. */
  videoName?: string;
  /**
   * Parts of the file in flight at once, 1 to 8 (default 1). Part 1 goes alone when no `videoId` is known: its answer
   * names the video the others go into.
   */
  parallelParts?: number;
  /** The gate every request waits at while api.video's rate limit is spent; default the page's one gate. */
  rateGate?: RateGate;
  /** How many times a part is retried on 5xx, network errors or 429 before giving up; default 6. */
  maxRetries?: number;
  /**
   * The waits before each retry after an outage (5xx, no answer), in ms, the last one repeated; default 500 ms,
   * doubling up to 30 s. A 429 waits as long as api.video asks, whatever this says.
   */
  retryDelays?: readonly number[];
  /**
   * How long a part may make no progress (no bytes out, no answer) before it is aborted and sent again, counted as a
   * retry against `maxRetries`; default 30000 ms, 0 turns the watchdog off.
   */
  stallTimeoutMs?: number;
  /** How long to wait for the video to become playable before giving up silently; default 10 minutes. */
  playableTimeoutMs?: number;
  /**
   * Resume after a reload: the session looks for a record of an earlier upload of this file and continues it (into
   * its video, from the first part not acknowledged), and records its own parts as they are acknowledged. Without it,
   * nothing is looked up or stored.
   */
  resume?: ResumeTracker;
  /** The clock token expiry is judged by (ms since epoch); default `Date.now`. */
  now?: () => number;
  /**
   * How a backoff after an outage is waited out (a 429's wait is the rate gate's: give it the same clock); default a
   * real timer. A seam for tests, whose clock moves on at once and records what was asked instead of waiting.
   */
  wait?: Wait;
  /** What sends each part: the seam to the wire; default the one built on @api.video/video-uploader. */
  sender?: PartSender;
}

/** Why an upload is paused: asked (a person, the page), or the browser went offline (it goes on by itself once online). */
export type PauseReason = 'request' | 'offline';

/** Where an upload stands, as the session keeps it: what the element renders, read again after each event. */
export interface UploadSnapshot {
  readonly state: UploadState;
  /** The latest `upload-progress` detail. */
  readonly progress?: UploadProgressDetail;
  /** The latest `upload-error` detail, while in `error` or `waiting-for-token`. */
  readonly error?: UploadErrorDetail;
  /** The latest `upload-retry`, until the part it concerns is stored or the upload leaves `uploading`. */
  readonly retrying?: UploadRetryDetail;
  readonly videoId?: string;
  /** api.video's Video object, after `upload-success`. */
  readonly video?: Video;
  /** While `paused`: why. */
  readonly pausedBy?: PauseReason;
  /** While a resumed upload has stored no part of its own: the percent where it took up. */
  readonly resumedAt?: number;
  /** While in progress: why it did not continue an earlier upload of the same file. */
  readonly notResumed?: NotResumedReason;
  /** The video the token source made for this upload, with its backend's permission to edit it, when it gave one. */
  readonly editable?: EditableVideo;
}

/** A video the site's backend lets this page edit: the capability its token handler signed for it. */
export interface EditableVideo {
  readonly videoId: string;
  readonly capability: string;
}

/** Where a session sends every event it fires, in order; the element dispatches them as they are. */
export type UploadSessionEmit = (event: UploaderEvent) => void;
