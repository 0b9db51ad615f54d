// A frame of each chosen file, shown beside its name so a person recognises their video before it is uploaded:
// decoded in the page from the local file (frame-strip.ts, fetched on first use), after the file is on screen and
// never in the way of its upload. A file the browser cannot decode simply has none.
import type { ReactiveControllerHost } from 'lit';

/** A decoded frame's URL, none (`null`: the browser could not decode it), or the decoding under way. */
type Poster = string | null | Promise<void>;

/** Pixels across of a poster frame: twice the largest it is drawn, for sharp screens. */
const POSTER_WIDTH = 160;

export class PosterFrames {
  private readonly posters = new Map<File, Poster>();

  constructor(private readonly host: ReactiveControllerHost) {}

  /** The file's frame, once decoded; the first call starts the decoding and renders the host again when it ends. */
  of(file: File): string | undefined {
    const poster = this.posters.get(file);
    if (typeof poster === 'string') return poster;
    if (poster === undefined) this.posters.set(file, this.decode(file));
    return undefined;
  }

  /** Lets go of the frames of files no longer shown. */
  keep(files: readonly File[]): void {
    for (const [file, poster] of this.posters) {
      if (files.includes(file)) continue;
      if (typeof poster === 'string') URL.revokeObjectURL(poster);
      // A decoding under way finds its file gone and lets its frame go (see decode).
      this.posters.delete(file);
    }
  }

  private async decode(file: File): Promise<void> {
    let poster: string | null = null;
    try {
      // After the render that shows the file, and the upload's start with it: a frame is never in their way.
      await new Promise((resolve) => setTimeout(resolve));
      const { framesOf } = await import('./frames-code.js');
      [{ url: poster }] = await framesOf(file, 1, POSTER_WIDTH);
    } catch {
      poster = null;
    }
    if (!this.posters.has(file)) {
      if (poster) URL.revokeObjectURL(poster);
      return;
    }
    this.posters.set(file, poster);
    if (poster) this.host.requestUpdate();
  }
}
