// The parts of a recording cut and not yet acknowledged, in order. They are held in memory up to a limit; past it,
// while they wait (network down, retries), the newest are let go and read back from the spill store (the recording's
// IndexedDB journal, which holds every byte anyway) when their turn comes.
const DEFAULT_MEMORY_LIMIT = 64 * 1024 * 1024;

interface Part {
  readonly number: number;
  /** Where the part starts in the recording, and its size: enough to read it back once it left memory. */
  readonly start: number;
  readonly size: number;
  /** The bytes, while held in memory; undefined once let go to the spill store. */
  bytes?: Blob;
  readonly last: boolean;
}

export class WaitingParts {
  readonly #parts: Part[] = [];
  #cutCount = 0;
  #cutBytes = 0;

  readonly #spill: ((start: number, end: number) => Promise<Blob>) | undefined;
  readonly #memoryLimit: number;

  constructor(spill?: (start: number, end: number) => Promise<Blob>, memoryLimit = DEFAULT_MEMORY_LIMIT) {
    this.#spill = spill;
    this.#memoryLimit = memoryLimit;
  }

  /** How many parts have been cut. */
  get count(): number {
    return this.#cutCount;
  }

  /** Part k is acknowledged: it is let go. False when it was not waiting. */
  done(number: number): boolean {
    const index = this.#parts.findIndex((part) => part.number === number);
    if (index >= 0) this.#parts.splice(index, 1);
    return index >= 0;
  }

  get bytesInMemory(): number {
    return this.#parts.reduce((sum, part) => sum + (part.bytes?.size ?? 0), 0);
  }

  cut(bytes: Blob, last: boolean): void {
    this.#parts.push({ number: ++this.#cutCount, start: this.#cutBytes, size: bytes.size, bytes, last });
    this.#cutBytes += bytes.size;
    this.#spillBeyondLimit();
  }

  /** Part k's bytes: in memory, or read back from the spill store. */
  async bytesOf(number: number): Promise<Blob> {
    const part = this.#parts.find((waiting) => waiting.number === number);
    if (!part) throw new Error(`Recorded part ${number} is not waiting to be sent.`);
    if (part.bytes) return part.bytes;
    const bytes = await this.#spill!(part.start, part.start + part.size);
    if (bytes.size !== part.size) throw new Error(`Recorded part ${part.number} could not be read back whole (${bytes.size} of ${part.size} bytes).`);
    part.bytes = bytes;
    return bytes;
  }

  #spillBeyondLimit(): void {
    if (!this.#spill) return;
    // The first part may be on its way: it stays. The newest go first, so the next to send stay at hand.
    let held = this.bytesInMemory - (this.#parts[0]?.bytes?.size ?? 0);
    for (let i = this.#parts.length - 1; i >= 1 && held > this.#memoryLimit; i--) {
      const part = this.#parts[i];
      if (!part.bytes) continue;
      held -= part.bytes.size;
      part.bytes = undefined;
    }
  }
}
