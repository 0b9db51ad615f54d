// The recorded bytes not yet cut into a part: the recorder's chunks as they come, taken off the front in parts of an
// exact size. Blobs are the browser's own storage (Chromium moves large ones to disk), so nothing here copies bytes:
// a part is a slice of a Blob made of the chunks.
export class PendingBytes {
  #chunks: Blob[] = [];
  #bytes = 0;

  get size(): number {
    return this.#bytes;
  }

  append(chunk: Blob): void {
    if (chunk.size === 0) return;
    this.#chunks.push(chunk);
    this.#bytes += chunk.size;
  }

  /** The first `size` bytes (all of them when fewer), removed from the front. */
  take(size: number): Blob {
    const all = new Blob(this.#chunks);
    const head = all.slice(0, Math.min(size, all.size));
    const rest = all.slice(head.size);
    this.#chunks = rest.size > 0 ? [rest] : [];
    this.#bytes = rest.size;
    return head;
  }
}
