// A recording's parts over a part sender: parts whose total is unknown while they are sent (`Content-Range: part
// k/*`), the last one `part N/N`, each with its exact bytes (a recording keeps a part until the server holds it, to
// send it again after a failure). Which part goes when, and what a failure means, are RecordingUpload's.
import { PartsOnTheWay, type Attempt, type PartSender } from '../upload/part-sender.js';
import { libraryPartSender } from '../upload/library-sender.js';

export interface ProgressiveEngineOptions {
  apiHost: string;
  videoName: string;
  videoId?: string;
  /** What sends each part; default the one built on @api.video/video-uploader. */
  sender?: PartSender;
}

export class ProgressiveEngine {
  private readonly wire: PartsOnTheWay;
  private videoId: string | undefined;

  constructor(private readonly options: ProgressiveEngineOptions) {
    this.wire = new PartsOnTheWay(options.sender ?? libraryPartSender);
    this.videoId = options.videoId;
  }

  /** The video every part sent from now on goes into (part 1's answer names it). */
  useVideo(videoId: string): void {
    this.videoId = videoId;
  }

  /** Requests on their way; a settled one is not kept. */
  get inFlight(): number {
    return this.wire.size;
  }

  /** Aborts every request on its way. */
  stop(): void {
    this.wire.stop();
  }

  /** One request for part k with `token`; `last` makes it `part k/k`, else `part k/*`. */
  attempt(part: number, bytes: Blob, last: boolean, token: string, onProgress?: (sent: number) => void): Attempt {
    const { apiHost, videoName } = this.options;
    return this.wire.send({
      apiHost,
      token,
      part,
      total: last ? part : '*',
      bytes,
      fileName: videoName,
      ...(this.videoId ? { videoId: this.videoId } : {}),
      onProgress,
    });
  }
}
