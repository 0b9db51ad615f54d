// Progress as a person reads it: the bar never moves backwards (a resent part restarts its byte count at zero) and
// reaches 100 once, when the server holds every part (every byte sent is not yet every byte held); speed and time
// left are averaged over all the bytes sent while active, so they don't jitter.
import type { UploadProgressDetail } from '../events/index.js';

/** Progress as measured; the session adds the file it concerns. */
export type MeasuredProgress = Omit<UploadProgressDetail, 'file'>;

export class ProgressTracker {
  private shown = 0;
  private activeSince: number | undefined;
  private activeMs = 0;
  private bytesWhileActive = 0;
  private lastBytes = 0;
  private completed = false;

  constructor(
    readonly totalBytes: number,
    readonly parts: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Time stops counting for speed while paused or waiting for a token. */
  suspend(): void {
    if (this.activeSince === undefined) return;
    this.activeMs += this.now() - this.activeSince;
    this.activeSince = undefined;
  }

  /** Bytes the file has on the server or in flight, reported for the part being sent. */
  update(uploadedBytes: number, part: number): MeasuredProgress {
    if (this.activeSince === undefined) {
      this.activeSince = this.now();
      this.lastBytes = this.shown;
    }
    const bytes = Math.max(this.shown, Math.min(this.totalBytes, Math.max(0, uploadedBytes)));
    this.bytesWhileActive += bytes - this.lastBytes;
    this.lastBytes = bytes;
    this.shown = bytes;
    return this.detail(part);
  }

  /**
   * Bytes already on the server before any was sent (an upload resumed), or 0 when it starts over: shown as they are,
   * even backwards, and never counted as speed.
   */
  restartAt(uploadedBytes: number, part: number): MeasuredProgress {
    this.suspend();
    this.shown = Math.min(this.totalBytes, Math.max(0, uploadedBytes));
    this.lastBytes = this.shown;
    return this.detail(part);
  }

  /** The final report once the server holds every part: the only one at 100. */
  complete(): MeasuredProgress {
    this.completed = true;
    return this.update(this.totalBytes, this.parts);
  }

  get uploadedBytes(): number {
    return this.shown;
  }

  /** Average speed over the active time; 0 until a second's worth of sending has been seen. */
  get bytesPerSecond(): number {
    const ms = this.activeMs + (this.activeSince === undefined ? 0 : this.now() - this.activeSince);
    if (ms < 250 || this.bytesWhileActive <= 0) return 0;
    return (this.bytesWhileActive * 1000) / ms;
  }

  private detail(part: number): MeasuredProgress {
    const total = this.totalBytes;
    const ceiling = this.completed ? 100 : 99.9;
    const percent = total > 0 ? Math.min(ceiling, Math.floor((this.shown / total) * 1000) / 10) : 100;
    const speed = this.bytesPerSecond;
    const left = total - this.shown;
    const etaSeconds = left <= 0 ? 0 : speed > 0 ? Math.ceil(left / speed) : null;
    return {
      uploadedBytes: this.shown,
      totalBytes: total,
      percent,
      part: Math.min(Math.max(1, part), this.parts),
      parts: this.parts,
      bytesPerSecond: Math.round(speed),
      etaSeconds,
    };
  }
}
