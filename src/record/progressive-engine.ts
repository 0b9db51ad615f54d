// The recording's adapter over @api.video/video-uploader's ProgressiveUploader: parts whose total is unknown while
// they are sent (`Content-Range: part k/*`), the last one `part N/N`. The library builds and sends each part's request
// (its form data, headers and Content-Range) and parses the answer; which part goes when, and what a failure means,
// are RecordingUpload's. The library's own queue (uploadPart/uploadLastPart) is not used: it merges blobs and sends
// each part once, where a recording must keep a part's exact bytes to send it again after a failure.
// Pinned by test/browser/record-engine-contract.test.ts.
import { ProgressiveUploader } from '@api.video/video-uploader/src/progressive-video-uploader';
import type { VideoUploadError } from '@api.video/video-uploader/src/abstract-uploader';
import { trackedAttempt, uploadEndpoint, withRetryAfter, type Attempt } from '../upload/engine.js';

export interface ProgressiveEngineOptions {
  apiHost: string;
  videoName: string;
  videoId?: string;
}

export class ProgressiveEngine extends ProgressiveUploader {
  private readonly host: string;
  private readonly partName: string;
  private readonly onTheWay = new Set<Attempt>();

  constructor(options: ProgressiveEngineOptions) {
    super({
      // Replaced before every attempt by the token the recording upload gives it.
      uploadToken: '-',
      videoName: options.videoName,
      ...(options.videoId ? { videoId: options.videoId } : {}),
    });
    this.host = options.apiHost;
    this.partName = options.videoName;
    this.retryStrategy = () => null;
  }

  /** The video every part sent from now on goes into (part 1's answer names it). */
  useVideo(videoId: string): void {
    this.videoId = videoId;
  }

  /** Aborts every request on its way. */
  stop(): void {
    for (const attempt of this.onTheWay) attempt.cancel();
  }

  /** One request for part k with `token`; `last` makes it `part k/k`, else `part k/*`. */
  attempt(part: number, bytes: Blob, last: boolean, token: string, onProgress?: (sent: number) => void): Attempt {
    this.uploadEndpoint = uploadEndpoint(this.host, token);
    const send = () =>
      this.xhrWithRetrier({
        body: this.createFormData(bytes, this.partName),
        parts: { currentPart: part, totalParts: last ? part : '*' },
        onProgress: (event) => onProgress?.(event.loaded),
      });
    return trackedAttempt(send, this.abortControllers, part, token, this.onTheWay);
  }

  protected override parseErrorResponse(xhr: XMLHttpRequest): VideoUploadError {
    return withRetryAfter(super.parseErrorResponse(xhr), xhr);
  }
}
