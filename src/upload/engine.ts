// The only module that touches @api.video/video-uploader. The library builds each part's request (the part's bytes
// and file name, the videoId once known, Content-Range, its own headers), sends it and parses the answer. Which part
// goes when and how many side by side are the session's, what a failure means is PartAttempts': the library's own
// loop over the parts is not used, and it never retries on its own.
// Each override or protected member used is pinned by a contract test (test/browser/upload-engine-contract.test.ts):
// a library upgrade that changes them must fail there, not in use.
//
// - createFormData + xhrWithRetrier: one part's request, built and sent by the library, for any part in any order.
// - retryStrategy: always "give up", so one attempt is one request and its failure reaches the session at once.
// - uploadEndpoint: set before each attempt, to carry that attempt's token (and to let a full http:// apiHost reach
//   the local emulator, where the library would force https).
// - videoId: read by createFormData; set once the session knows the video the parts go into.
// - parseErrorResponse: the only place the XHR (and so X-RateLimit-Retry-After and Retry-After) is visible on a failure.
// - abortControllers: where xhrWithRetrier keeps each request's controller, which it lets go only on cancel (see
//   `trackedAttempt`).
import { VideoUploader } from '@api.video/video-uploader/src/video-uploader';
import type { VideoUploadError, VideoUploadResponse } from '@api.video/video-uploader/src/abstract-uploader';
import type { Video } from '../events/index.js';
import { retryAfterOf, type PartFailure } from './retry-policy.js';

type CancelableUpload = ReturnType<VideoUploader['xhrWithRetrier']>;

export interface EngineOptions {
  file: File;
  apiHost: string;
  chunkSize: number;
  videoName?: string;
  /** The video the parts go into from the first part sent: one begun earlier, or made by the site's backend. */
  videoId?: string;
}

/** One request for one part. `cancel()` aborts it while it is on its way; once it has settled it does nothing. */
export interface Attempt {
  readonly result: Promise<Video>;
  cancel(): void;
}

/** Makes one attempt at a part with `token`; `onProgress` hears the bytes of the part sent so far. */
export type SendAttempt = (token: string, onProgress?: (partBytesSent: number) => void) => Attempt;

/** A part the server refused, or that could not be sent. */
export class PartError extends Error {
  override readonly name = 'PartError';
  constructor(
    readonly part: number,
    readonly failure: PartFailure,
  ) {
    super(failure.title ?? failure.reason ?? `part ${part} failed with ${failure.status}`);
  }
}

/** How many parts `file` is sent in (one at least). */
export function partsFor(file: Blob, chunkSize: number): number {
  return Math.max(1, Math.ceil(file.size / chunkSize));
}

export function uploadEndpoint(apiHost: string, token: string): string {
  const base = /^https?:\/\//i.test(apiHost) ? apiHost.replace(/\/+$/, '') : `https://${apiHost}`;
  return `${base}/upload?token=${encodeURIComponent(token)}`;
}

const ABORTED: PartFailure = { reason: 'ABORTED' };

export class UploadEngine extends VideoUploader {
  readonly parts: number;
  private readonly source: File;
  private readonly partSize: number;
  private readonly partName: string;
  private readonly host: string;
  private readonly onTheWay = new Set<Attempt>();
  private stopped = false;

  constructor(options: EngineOptions) {
    super({
      file: options.file,
      // Replaced before every attempt by the token the session gives it.
      uploadToken: '-',
      chunkSize: options.chunkSize,
      videoName: options.videoName,
      ...(options.videoId ? { videoId: options.videoId } : {}),
    });
    this.source = options.file;
    this.partSize = options.chunkSize;
    this.partName = options.videoName || options.file.name;
    this.host = options.apiHost;
    this.parts = partsFor(options.file, options.chunkSize);
    this.retryStrategy = () => null;
  }

  /** The video every part sent from now on goes into (part 1's answer names it). */
  useVideo(videoId: string): void {
    this.videoId = videoId;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  /** Aborts every request on its way (a finished one is left alone); no attempt is made after it. */
  stop(): void {
    this.stopped = true;
    for (const attempt of this.onTheWay) attempt.cancel();
  }

  /** One request for part k of `parts`, with `token`. */
  attempt(part: number, token: string, onProgress?: (partBytesSent: number) => void): Attempt {
    if (this.stopped) return { result: Promise.reject(new PartError(part, ABORTED)), cancel: () => {} };
    const start = (part - 1) * this.partSize;
    const end = Math.min(this.source.size, start + this.partSize);
    this.uploadEndpoint = uploadEndpoint(this.host, token);
    const send = () =>
      this.xhrWithRetrier({
        body: this.createFormData(this.source, this.partName, start, end),
        parts: { currentPart: part, totalParts: this.parts },
        onProgress: (event) => onProgress?.(event.loaded),
      });
    return trackedAttempt(send, this.abortControllers, part, token, this.onTheWay);
  }

  protected override parseErrorResponse(xhr: XMLHttpRequest): VideoUploadError {
    return withRetryAfter(super.parseErrorResponse(xhr), xhr);
  }
}

/**
 * One library request, sent by `send`, as an Attempt, kept in `onTheWay` until it settles (so a stop can abort what
 * is on its way). Settled, its AbortController goes from the library's `controllers`: xhrWithRetrier keeps every
 * request's controller, and through the abort listener its XHR, form data and the part's bytes, until the request is
 * cancelled, so for as long as the uploader lives (an hour's recording: every part it sent). The library names the
 * controller by a random id: the one that appears while `send` runs is the request's.
 * It is marked settled before anyone awaiting `result` hears of the outcome, so a stop decided on that outcome finds
 * the request finished and leaves it alone: aborting a finished XHR resets it, and Firefox and WebKit then still fire
 * its `load`, with status 0 and an empty body, which the library would parse as a success and throw on.
 */
export function trackedAttempt(
  send: () => CancelableUpload,
  controllers: Record<string, AbortController>,
  part: number,
  token: string,
  onTheWay: Set<Attempt>,
): Attempt {
  const before = new Set(Object.keys(controllers));
  const request = send();
  const added = Object.keys(controllers).filter((id) => !before.has(id));
  let settled = false;
  const attempt: Attempt = {
    result: request.result.then(
      (response) => {
        settled = true;
        return toVideo(response);
      },
      (error: VideoUploadError) => {
        settled = true;
        throw new PartError(part, { ...toFailure(error), sentWithToken: token });
      },
    ),
    cancel: () => {
      if (settled) return;
      settled = true;
      request.cancel();
    },
  };
  onTheWay.add(attempt);
  // Settled, it is never cancelled (above): the library's controller for it can go.
  const done = () => {
    onTheWay.delete(attempt);
    for (const id of added) delete controllers[id];
  };
  attempt.result.then(done, done);
  return attempt;
}

/** The library's reading of a failed answer, plus how long a 429 asks to wait (the XHR is visible only here). */
export function withRetryAfter(parsed: VideoUploadError, xhr: XMLHttpRequest): VideoUploadError {
  const retryAfter = retryAfterOf(safeHeader(xhr, 'X-RateLimit-Retry-After'), safeHeader(xhr, 'Retry-After'));
  return retryAfter === undefined ? parsed : ({ ...parsed, retryAfterSeconds: retryAfter } as VideoUploadError);
}

function safeHeader(xhr: XMLHttpRequest, name: string): string | null {
  try {
    return xhr.getResponseHeader(name);
  } catch {
    return null;
  }
}

function toFailure(error: VideoUploadError | undefined): PartFailure {
  const e = (error ?? {}) as VideoUploadError & { detail?: unknown; retryAfterSeconds?: number };
  return {
    status: typeof e.status === 'number' && e.status > 0 ? e.status : undefined,
    title: typeof e.title === 'string' ? e.title : undefined,
    type: typeof e.type === 'string' ? e.type : undefined,
    detail: typeof e.detail === 'string' ? e.detail : undefined,
    reason: e.reason,
    retryAfterSeconds: e.retryAfterSeconds,
  };
}

// The library turns api.video's Video into its own shape (`_public`, Date objects); pages get the wire shape back.
function toVideo(response: VideoUploadResponse): Video {
  const { _public, publishedAt, createdAt, updatedAt, ...rest } = response as VideoUploadResponse & Record<string, unknown>;
  const video: Record<string, unknown> = { ...rest };
  if (_public !== undefined) video.public = _public;
  for (const [key, value] of Object.entries({ publishedAt, createdAt, updatedAt })) {
    if (value instanceof Date) video[key] = value.toISOString().replace(/\.\d{3}Z$/, '+00:00');
    else if (value !== undefined) video[key] = value;
  }
  return video as unknown as Video;
}
