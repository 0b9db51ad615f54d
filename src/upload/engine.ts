// One run of a file's parts over a part sender: part k's bytes, `Content-Range: part k/N`, the video every part goes
// into once known. Which part goes when and how many side by side are the session's, what a failure means is
// PartAttempts'; the sender (library-sender.ts by default) makes the one request.
// Nothing here is re-exported for other modules: the seam's names (PartError, Attempt, partsFor, uploadEndpoint) are
// imported from part-sender.ts. Only the file's upload needs this module; a module the recording shares (PartAttempts)
// importing through it would tie the two into one chunk loaded by every page (see vite.lib.config.ts).
import { PartsOnTheWay, partsFor, type Attempt, type PartSender } from './part-sender.js';
import { libraryPartSender } from './library-sender.js';

export interface EngineOptions {
  file: File;
  apiHost: string;
  chunkSize: number;
  videoName?: string;
  /** The video the parts go into from the first part sent: one begun earlier, or made by the site's backend. */
  videoId?: string;
  /** What sends each part; default the one built on @api.video/video-uploader. */
  sender?: PartSender;
}

export class UploadEngine {
  readonly parts: number;
  private readonly wire: PartsOnTheWay;
  private videoId: string | undefined;

  constructor(private readonly options: EngineOptions) {
    this.parts = partsFor(options.file, options.chunkSize);
    this.wire = new PartsOnTheWay(options.sender ?? libraryPartSender);
    this.videoId = options.videoId;
  }

  /** The video every part sent from now on goes into (part 1's answer names it). */
  useVideo(videoId: string): void {
    this.videoId = videoId;
  }

  get isStopped(): boolean {
    return this.wire.isStopped;
  }

  /** Requests on their way; a settled one is not kept. */
  get inFlight(): number {
    return this.wire.size;
  }

  /** Aborts every request on its way (a finished one is left alone); no attempt is made after it. */
  stop(): void {
    this.wire.stop();
  }

  /** One request for part k of `parts`, with `token`. */
  attempt(part: number, token: string, onProgress?: (partBytesSent: number) => void): Attempt {
    const { file, chunkSize, apiHost, videoName } = this.options;
    const start = (part - 1) * chunkSize;
    return this.wire.send({
      apiHost,
      token,
      part,
      total: this.parts,
      bytes: file.slice(start, Math.min(file.size, start + chunkSize)),
      fileName: videoName || file.name,
      ...(this.videoId ? { videoId: this.videoId } : {}),
      onProgress,
    });
  }
}
