// A recording as a part source: the recorder's data cut into parts of `partSize` bytes as it comes, each sent as
// `part k/*`; once the recording stops, what is left is the last part, `part N/N`. A part is kept until the server
// holds it. A part is never cut before more bytes exist after it, so the last part is never empty.
import { MIN_CHUNK_SIZE } from '../upload/constants.js';
import type { PartSource } from '../upload/part-source.js';
import { PendingBytes } from './pending-bytes.js';
import { WaitingParts } from './waiting-parts.js';

export interface RecordingPartsOptions {
  /**
   * Bytes per part: api.video's minimum, 5 MiB, unless told otherwise. Smaller parts only reach a server whose minimum
   * is lower (the emulator's `minPartBytes`).
   */
  partSize?: number;
  /**
   * Reads recorded bytes back from where they are also kept (the recording's IndexedDB journal). Given it, parts
   * waiting to be sent beyond `memoryLimit` bytes are let go from memory and read back when their turn comes.
   */
  spill?: (start: number, end: number) => Promise<Blob>;
  /** Bytes of parts waiting to be sent held in memory at most, the part being sent aside; default 64 MiB. */
  memoryLimit?: number;
}

export class RecordingParts implements PartSource {
  readonly partSize: number;
  readonly growing = true;
  readonly emptyMessage = 'Nothing was recorded.';
  readonly #pending = new PendingBytes();
  readonly #waiting: WaitingParts;
  #recorded = 0;
  #acknowledgedBytes = 0;
  #finished = false;
  #news!: Promise<void>;
  #wake!: () => void;

  /** `file` names the recording (its name and type); its bytes come through `push`. */
  constructor(readonly file: File, options: RecordingPartsOptions = {}) {
    this.partSize = options.partSize ?? MIN_CHUNK_SIZE;
    if (!Number.isInteger(this.partSize) || this.partSize < 1) throw new RangeError(`partSize must be a positive whole number, not ${this.partSize}.`);
    this.#waiting = new WaitingParts(options.spill, options.memoryLimit);
    this.#expectNews();
  }

  get size(): number {
    return this.#recorded;
  }

  get count(): number {
    return this.#waiting.count;
  }

  get complete(): boolean {
    return this.#finished;
  }

  /** Bytes recorded and not yet acknowledged by the server (kept until they are). */
  get unacknowledgedBytes(): number {
    return this.#recorded - this.#acknowledgedBytes;
  }

  /** Bytes of the parts not yet acknowledged that are held in memory. */
  get bytesInMemory(): number {
    return this.#waiting.bytesInMemory;
  }

  /** The recorder's next chunk. */
  push(chunk: Blob): void {
    if (this.#finished) return;
    this.#recorded += chunk.size;
    this.#pending.append(chunk);
    // Strictly more than a part: the bytes after it make sure the last part, cut after stop, is not empty.
    let cut = false;
    while (this.#pending.size > this.partSize) {
      this.#waiting.cut(this.#pending.take(this.partSize), false);
      cut = true;
    }
    if (cut) this.#tell();
  }

  /** The recording ended: what is left is the last part. */
  finish(): void {
    if (this.#finished) return;
    this.#finished = true;
    if (this.#pending.size > 0) this.#waiting.cut(this.#pending.take(this.#pending.size), true);
    this.#tell();
  }

  /** Every part but the last is `partSize` bytes. */
  sizeOf(part: number): number {
    const count = this.count;
    if (part < count || !this.#finished) return part <= count ? this.partSize : 0;
    return part === count ? this.#recorded - (count - 1) * this.partSize : 0;
  }

  bytesOf(part: number): Promise<Blob> {
    return this.#waiting.bytesOf(part);
  }

  more(): Promise<void> {
    return this.#finished ? Promise.resolve() : this.#news;
  }

  acknowledged(part: number): void {
    if (this.#waiting.done(part)) this.#acknowledgedBytes += this.sizeOf(part);
  }

  #tell(): void {
    this.#wake();
    this.#expectNews();
  }

  #expectNews(): void {
    this.#news = new Promise((resolve) => (this.#wake = resolve));
  }
}
