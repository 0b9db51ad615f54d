// The default part sender, and the only module that touches @api.video/video-uploader: the library builds the part's
// request (its form data with the bytes, the file name and the videoId once known, `Content-Range: part k/N` or
// `part k/*`, its own headers), sends it and parses the answer. Which part goes when and what a failure means are the
// upload's: the library's own loop over the parts is not used, and it never retries on its own.
//
// One library object per request. The library keeps every request's AbortController (and through it the XHR, its
// form data and the part's bytes) until its object is cancelled; an object per request lets all of it go with the
// request, with no reach into the library's state. Pinned by test/browser/upload-engine-contract.test.ts:
// - createFormData + xhrWithRetrier: one part's request, built and sent by the library;
// - retryStrategy: always "give up", so one attempt is one request and its failure comes back at once;
// - uploadEndpoint: the attempt's token, and a full http:// apiHost as is (the library would force https);
// - parseErrorResponse: the only place the XHR (and so X-RateLimit-Retry-After and Retry-After) is visible on a failure.
import { ProgressiveUploader } from '@api.video/video-uploader/src/progressive-video-uploader';
import type { VideoUploadError, VideoUploadResponse } from '@api.video/video-uploader/src/abstract-uploader';
import type { Video } from '../events/index.js';
import { PartError, uploadEndpoint, type Attempt, type PartRequest, type PartSender } from './part-sender.js';
import { retryAfterOf, type PartFailure } from './retry-policy.js';

type Operation = ReturnType<OnePart['send']>;

class OnePart extends ProgressiveUploader {
  readonly #request: PartRequest;

  constructor(request: PartRequest) {
    super({ uploadToken: request.token, videoName: request.fileName, ...(request.videoId ? { videoId: request.videoId } : {}) });
    this.#request = request;
    this.uploadEndpoint = uploadEndpoint(request.apiHost, request.token);
    this.retryStrategy = () => null;
  }

  send() {
    const { bytes, fileName, part, total, onProgress } = this.#request;
    return this.xhrWithRetrier({
      body: this.createFormData(bytes, fileName),
      parts: { currentPart: part, totalParts: total },
      onProgress: (event) => onProgress?.(event.loaded),
    });
  }

  protected override parseErrorResponse(xhr: XMLHttpRequest): VideoUploadError {
    return withRetryAfter(super.parseErrorResponse(xhr), xhr);
  }
}

/** Sends one part with @api.video/video-uploader. */
export const libraryPartSender: PartSender = (request) => settledOnce(new OnePart(request).send(), request);

/**
 * The library's request as an Attempt. It is marked settled before anyone awaiting `result` hears of the outcome, so
 * a stop decided on that outcome finds the request finished and leaves it alone: aborting a finished XHR resets it,
 * and Firefox and WebKit then still fire its `load`, with status 0 and an empty body, which the library would parse
 * as a success and throw on.
 */
function settledOnce(operation: Operation, request: PartRequest): Attempt {
  let settled = false;
  return {
    result: operation.result.then(
      (response) => {
        settled = true;
        return toVideo(response);
      },
      (error: VideoUploadError) => {
        settled = true;
        throw new PartError(request.part, { ...toFailure(error), sentWithToken: request.token });
      },
    ),
    cancel: () => {
      if (settled) return;
      settled = true;
      operation.cancel();
    },
  };
}

/** The library's reading of a failed answer, plus how long a 429 asks to wait (the XHR is visible only here). */
function withRetryAfter(parsed: VideoUploadError, xhr: XMLHttpRequest): VideoUploadError {
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
