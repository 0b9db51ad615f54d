// The only module that touches @api.video/video-uploader. The library walks the file's parts in order, builds each
// part's request (the part's bytes, the videoId once known, Content-Range, its own headers), sends it and parses the
// answer. Every decision about a part is the session's: the library never retries on its own, and each attempt's
// outcome goes back to the one place that decides what happens next (UploadSession.sendPart).
// Each override is pinned by a contract test (test/browser/upload-engine-contract.test.ts): a library upgrade that
// changes them must fail there, not in use.
//
// - retryStrategy: always "give up", so one attempt is one request and its failure reaches the session at once.
// - xhrWithRetrier: called by the library's loop once per part; the part is handed to the session's `sendPart`, with
//   a function that makes one attempt (one request) with the token the session gives it.
// - uploadEndpoint: set before each attempt, to carry that attempt's token (and to let a full http:// apiHost reach
//   the local emulator, where the library would force https).
// - parseErrorResponse: the only place the XHR (and so X-RateLimit-Retry-After and Retry-After) is visible on a failure.
import { VideoUploader } from '@api.video/video-uploader/src/video-uploader';
import type { VideoUploadError, VideoUploadResponse } from '@api.video/video-uploader/src/abstract-uploader';
import type { Video } from '../events/index.js';
import { retryAfterOf, type PartFailure } from './retry-policy.js';

type XhrParams = Parameters<VideoUploader['xhrWithRetrier']>[0];
type CancelableUpload = ReturnType<VideoUploader['xhrWithRetrier']>;

export interface EngineOptions {
  file: File;
  apiHost: string;
  chunkSize: number;
  videoName?: string;
  /** The video the parts go into from part 1 on: one begun earlier, or made by the site's backend. */
  videoId?: string;
}

/** One request for one part. `cancel()` aborts it while it is on its way; once it has settled it does nothing. */
export interface Attempt {
  readonly result: Promise<Video>;
  cancel(): void;
}

/** Makes one attempt at the part with `token`; `onProgress` hears the bytes of the part sent so far. */
export type SendAttempt = (token: string, onProgress?: (partBytesSent: number) => void) => Attempt;

export interface EngineHooks {
  /**
   * Part k of n: resolves with the Video once the server holds the part (after as many attempts as the session
   * decides, or none if it already had it); rejects to end the run.
   */
  sendPart(part: number, parts: number, attempt: SendAttempt): Promise<Video>;
}

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
  private readonly hooks: EngineHooks;
  private readonly host: string;
  private readonly totalParts: number;
  private stopped = false;
  private readonly stoppedWith: Promise<never>;
  private rejectStopped!: (reason: unknown) => void;

  constructor(options: EngineOptions, hooks: EngineHooks) {
    super({
      file: options.file,
      // Replaced before every attempt by the token the session gives it.
      uploadToken: '-',
      chunkSize: options.chunkSize,
      videoName: options.videoName,
      ...(options.videoId ? { videoId: options.videoId } : {}),
    });
    this.hooks = hooks;
    this.host = options.apiHost;
    this.totalParts = partsFor(options.file, options.chunkSize);
    this.retryStrategy = () => null;
    this.stoppedWith = new Promise<never>((_, reject) => (this.rejectStopped = reject));
    this.stoppedWith.catch(() => {});
  }

  /** Sends every part; resolves with the Video of the last one. Rejects with what `sendPart` or `stop()` gave. */
  run(): Promise<Video> {
    return Promise.race([this.upload() as Promise<unknown> as Promise<Video>, this.stoppedWith]);
  }

  /** Ends the run: a request on its way is aborted (a finished one is left alone), and no part is sent after it. */
  stop(reason: unknown = new PartError(0, ABORTED)): void {
    if (this.stopped) return;
    this.stopped = true;
    this.rejectStopped(reason);
    this.cancel();
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  protected override xhrWithRetrier(params: XhrParams): CancelableUpload {
    const part = params.parts?.currentPart ?? 1;
    let current: Attempt | undefined;
    const attempt: SendAttempt = (token, onProgress) => {
      current = this.attempt(part, params, token, onProgress);
      return current;
    };
    const result = this.stopped
      ? Promise.reject(new PartError(part, ABORTED))
      : this.hooks.sendPart(part, this.totalParts, attempt);
    return { cancel: () => current?.cancel(), result: result as Promise<unknown> as Promise<VideoUploadResponse> };
  }

  private attempt(part: number, params: XhrParams, token: string, onProgress?: (bytes: number) => void): Attempt {
    if (this.stopped) return { result: Promise.reject(new PartError(part, ABORTED)), cancel: () => {} };
    this.uploadEndpoint = uploadEndpoint(this.host, token);
    const request = super.xhrWithRetrier({
      ...params,
      onProgress: (event) => {
        params.onProgress?.(event);
        onProgress?.(event.loaded);
      },
    });
    // Set before anyone awaiting `result` hears of the outcome, so a stop decided on that outcome finds the request
    // finished. Aborting a finished XHR resets it, and Firefox and WebKit then still fire its `load`, with status 0
    // and an empty body, which the library would parse as a success and throw on.
    let settled = false;
    const result = request.result.then(
      (response) => {
        settled = true;
        return toVideo(response);
      },
      (error: VideoUploadError) => {
        settled = true;
        throw new PartError(part, { ...toFailure(error), sentWithToken: token });
      },
    );
    return {
      result,
      cancel: () => {
        if (settled) return;
        settled = true;
        request.cancel();
      },
    };
  }

  protected override parseErrorResponse(xhr: XMLHttpRequest): VideoUploadError {
    const parsed = super.parseErrorResponse(xhr);
    const retryAfter = retryAfterOf(safeHeader(xhr, 'X-RateLimit-Retry-After'), safeHeader(xhr, 'Retry-After'));
    return retryAfter === undefined ? parsed : ({ ...parsed, retryAfterSeconds: retryAfter } as VideoUploadError);
  }
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
