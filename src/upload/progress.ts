// Progress as a person reads it, for a file and a recording alike: the figure never moves backwards (a resent part
// restarts its byte count at zero; a recording's total grows under it) and reaches 100 once, when the server holds
// every part (every byte sent is not yet every byte held). Percent in tenths, below 99.9 until then. Speed and time
// left are averaged over all the bytes sent while active, so they don't jitter; time left is unknown while the total
// still grows.
import type { UploadProgressDetail } from '../events/index.js';

/** Progress as measured; the session adds the file it concerns. */
export type MeasuredProgress = Omit<UploadProgressDetail, 'file'>;

/** What progress is counted against: the source's bytes and parts known so far, and whether that is all of them. */
export interface ProgressTotals {
  readonly size: number;
  readonly count: number;
  readonly complete: boolean;
}

/** A total known from the start. */
export function fixedTotals(size: number, count: number): ProgressTotals {
  return { size, count, complete: true };
}

export class ProgressTracker {
  #shown = 0;
  #shownPercent = 0;
  #activeSince: number | undefined;
  #activeMs = 0;
  #bytesWhileActive = 0;
  #lastBytes = 0;
  #completed = false;

  readonly #totals: ProgressTotals;
  readonly #now: () => number;

  constructor(totals: ProgressTotals, now: () => number = () => performance.now()) {
    this.#totals = totals;
    this.#now = now;
  }

  /** Time stops counting for speed while paused or waiting for a token. */
  suspend(): void {
    if (this.#activeSince === undefined) return;
    this.#activeMs += this.#now() - this.#activeSince;
    this.#activeSince = undefined;
  }

  /** Bytes the source has on the server or in flight, reported for the part being sent. */
  update(uploadedBytes: number, part: number): MeasuredProgress {
    if (this.#activeSince === undefined) {
      this.#activeSince = this.#now();
      this.#lastBytes = this.#shown;
    }
    const bytes = Math.max(this.#shown, Math.min(this.#totals.size, Math.max(0, uploadedBytes)));
    this.#bytesWhileActive += bytes - this.#lastBytes;
    this.#lastBytes = bytes;
    this.#shown = bytes;
    return this.#detail(part);
  }

  /**
   * Bytes already on the server before any was sent (an upload resumed), or 0 when it starts over: shown as they are,
   * even backwards, and never counted as speed.
   */
  restartAt(uploadedBytes: number, part: number): MeasuredProgress {
    this.suspend();
    this.#shown = Math.min(this.#totals.size, Math.max(0, uploadedBytes));
    this.#shownPercent = 0;
    this.#lastBytes = this.#shown;
    return this.#detail(part);
  }

  /** The final report once the server holds every part: the only one at 100. */
  complete(): MeasuredProgress {
    this.#completed = true;
    return this.update(this.#totals.size, this.#totals.count);
  }

  get uploadedBytes(): number {
    return this.#shown;
  }

  /** Average speed over the active time; 0 until a quarter second's worth of sending has been seen. */
  get bytesPerSecond(): number {
    const ms = this.#activeMs + (this.#activeSince === undefined ? 0 : this.#now() - this.#activeSince);
    if (ms < 250 || this.#bytesWhileActive <= 0) return 0;
    return (this.#bytesWhileActive * 1000) / ms;
  }

  #detail(part: number): MeasuredProgress {
    const { size: total, count, complete } = this.#totals;
    const ceiling = this.#completed ? 100 : 99.9;
    const measured = total > 0 ? Math.min(ceiling, Math.floor((this.#shown / total) * 1000) / 10) : complete ? 100 : 0;
    const percent = (this.#shownPercent = Math.max(this.#shownPercent, measured));
    const speed = this.bytesPerSecond;
    const left = total - this.#shown;
    const etaSeconds = !complete ? null : left <= 0 ? 0 : speed > 0 ? Math.ceil(left / speed) : null;
    const parts = complete ? count : 0;
    return {
      uploadedBytes: this.#shown,
      totalBytes: total,
      percent,
      part: parts > 0 ? Math.min(Math.max(1, part), parts) : Math.max(1, part),
      parts,
      bytesPerSecond: Math.round(speed),
      etaSeconds,
    };
  }
}
