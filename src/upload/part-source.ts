// What an upload sends: the parts of a source. A file knows all its parts from the start, and they may go in any order
// and side by side (`part k/N`). A recording's parts are cut while it is recorded and go one at a time, in order, its
// total unknown until it stops (`part k/*`, then `part N/N`). The session is one state machine over either: what
// differs is data the source gives, never a second path.
import { DEFAULT_CHUNK_SIZE, MAX_CHUNK_SIZE, MIN_CHUNK_SIZE } from './constants.js';

export interface PartSource {
  /** What the events name: the file, or the recording (its name and type; its bytes come through the source). */
  readonly file: File;
  /** Bytes per part (the last one may be shorter). */
  readonly partSize: number;
  /** Bytes known so far: the whole source once `complete`. */
  readonly size: number;
  /** Parts known so far. */
  readonly count: number;
  /** Every part is known: a file from the start, a recording once it stopped. */
  readonly complete: boolean;
  /**
   * The total grows while parts are sent (a recording): parts go one at a time and in order, an outage is never
   * final (the recording does not stop because the network did), and nothing pauses it or records it for a reload.
   */
  readonly growing: boolean;
  /** Why an upload of nothing fails ("The file is empty."). */
  readonly emptyMessage: string;
  /** Part k's size, in bytes. */
  sizeOf(part: number): number;
  /** Part k's bytes (read back from storage when they left memory). */
  bytesOf(part: number): Blob | Promise<Blob>;
  /** Resolves once more parts are known, or the source is complete; at once when it is already complete. */
  more(): Promise<void>;
  /** The server holds part k: its bytes may go. */
  acknowledged(part: number): void;
}

/** A file's parts: all known at once, `chunkSize` bytes each, in any order. */
export class FileParts implements PartSource {
  readonly partSize: number;
  readonly count: number;
  readonly complete = true;
  readonly growing = false;
  readonly emptyMessage = 'The file is empty.';

  /** `minChunkSize` is api.video's 5 MiB unless the server takes smaller parts (see UploadSessionOptions). */
  constructor(
    readonly file: File,
    chunkSize = DEFAULT_CHUNK_SIZE,
    minChunkSize = MIN_CHUNK_SIZE,
  ) {
    if (!Number.isFinite(chunkSize) || chunkSize < minChunkSize || chunkSize < 1 || chunkSize > MAX_CHUNK_SIZE) {
      const min = minChunkSize === MIN_CHUNK_SIZE ? '5 MiB' : `${minChunkSize} bytes`;
      throw new RangeError(`The part size must be between ${min} and 128 MiB (${minChunkSize}..${MAX_CHUNK_SIZE} bytes).`);
    }
    this.partSize = chunkSize;
    this.count = file.size === 0 ? 0 : Math.ceil(file.size / chunkSize);
  }

  get size(): number {
    return this.file.size;
  }

  sizeOf(part: number): number {
    return Math.max(0, Math.min(this.partSize, this.file.size - (part - 1) * this.partSize));
  }

  bytesOf(part: number): Blob {
    const start = (part - 1) * this.partSize;
    return this.file.slice(start, start + this.sizeOf(part));
  }

  more(): Promise<void> {
    return Promise.resolve();
  }

  acknowledged(): void {}
}
