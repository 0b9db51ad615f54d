// One run of parts over a part sender: part k's bytes with its `Content-Range` total (the number of parts, or `*`
// while a recording's is unknown), and the video every part goes into once known. Which part goes when and how many
// side by side are the session's, what a failure means is PartAttempts'; the sender (library-sender.ts by default)
// makes the one request.
import { PartsOnTheWay, type Attempt, type PartSender } from './part-sender.js';
import { libraryPartSender } from './library-sender.js';

export interface EngineOptions {
  apiHost: string;
  /** The name parts are sent under: api.video titles the video after it. */
  videoName: string;
  /** The video the parts go into from the first part sent: one begun earlier, or made by the site's backend. */
  videoId?: string;
  /** What sends each part; default the one built on @api.video/video-uploader. */
  sender?: PartSender;
}

/** One part as it goes on the wire. */
export interface OutgoingPart {
  readonly part: number;
  readonly bytes: Blob;
  /** How many parts the video has, or `'*'` while unknown. */
  readonly total: number | '*';
}

export class UploadEngine {
  readonly #wire: PartsOnTheWay;
  #videoId: string | undefined;

  readonly #options: EngineOptions;

  constructor(options: EngineOptions) {
    this.#options = options;
    this.#wire = new PartsOnTheWay(options.sender ?? libraryPartSender);
    this.#videoId = options.videoId;
  }

  /** The video every part sent from now on goes into (part 1's answer names it). */
  useVideo(videoId: string): void {
    this.#videoId = videoId;
  }

  get isStopped(): boolean {
    return this.#wire.isStopped;
  }

  /** Requests on their way; a settled one is not kept. */
  get inFlight(): number {
    return this.#wire.size;
  }

  /** Aborts every request on its way (a finished one is left alone); no attempt is made after it. */
  stop(): void {
    this.#wire.stop();
  }

  /** One request for `outgoing` with `token`. */
  attempt({ part, bytes, total }: OutgoingPart, token: string, onProgress?: (partBytesSent: number) => void): Attempt {
    const { apiHost, videoName } = this.#options;
    return this.#wire.send({
      apiHost,
      token,
      part,
      total,
      bytes,
      fileName: videoName,
      ...(this.#videoId ? { videoId: this.#videoId } : {}),
      onProgress,
    });
  }
}
