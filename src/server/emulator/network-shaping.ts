// A long, thin network, played on loopback: each upload waits `latencyMs` before its first byte is read and again
// before it is answered; each connection's body is read at most `connectionBytesPerSecond`, and all of them together at
// most `totalBytesPerSecond`. Reading slower holds the client back through TCP's own flow control, so the browser's
// upload progress shows the same thin link a real one would. 0 turns each off.
import type { EmulatorConfig } from './state.js';

/** Bytes read at one go; small enough that a 50 ms burst at 1 MB/s is a few slices. */
const SLICE = 16 * 1024;

/** A token bucket whose rate is read at each take, so run-time config changes apply at once. 0: no limit. */
export class ByteBucket {
  private available = 0;
  private last = performance.now();
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly rate: () => number) {}

  /** Resolves once `bytes` may pass; takes queue up in order, so connections sharing a bucket take turns. */
  take(bytes: number): Promise<void> {
    const turn = this.queue.then(() => this.takeNow(bytes));
    this.queue = turn;
    return turn;
  }

  private async takeNow(bytes: number): Promise<void> {
    const rate = this.rate();
    if (!(rate > 0)) return;
    // A burst of at most a twentieth of a second: the rate holds over any window longer than that.
    const burst = Math.max(SLICE, rate / 20);
    const refill = () => {
      const now = performance.now();
      this.available = Math.min(burst, this.available + ((now - this.last) / 1000) * rate);
      this.last = now;
    };
    refill();
    // Credit only the time that really passed: timers round to whole milliseconds and may fire a little early.
    while (this.available < bytes) {
      await sleep(Math.ceil(((bytes - this.available) / rate) * 1000));
      refill();
    }
    this.available -= bytes;
  }
}

export class NetworkShaper {
  /** All connections' bytes draw from this one. */
  private readonly total: ByteBucket;

  constructor(private readonly config: EmulatorConfig) {
    this.total = new ByteBucket(() => config.totalBytesPerSecond);
  }

  get shaping(): boolean {
    return this.config.latencyMs > 0 || this.config.connectionBytesPerSecond > 0 || this.config.totalBytesPerSecond > 0;
  }

  /** Waits one latency: before a request's first byte is read, and before its answer goes out. */
  latency(): Promise<void> {
    return this.config.latencyMs > 0 ? sleep(this.config.latencyMs) : Promise.resolve();
  }

  /**
   * A pipeline stage that lets a connection's body through no faster than its rate and everyone's total allow;
   * undefined when neither is set. A stage, not a stream of its own: in a pipeline, a client that leaves mid-body
   * ends it with an error the pipeline hands to its one callback, where a stream of its own would throw it unheard.
   */
  throttle(): ((body: AsyncIterable<Buffer>) => AsyncGenerator<Buffer>) | undefined {
    if (!(this.config.connectionBytesPerSecond > 0) && !(this.config.totalBytesPerSecond > 0)) return undefined;
    const own = new ByteBucket(() => this.config.connectionBytesPerSecond);
    const total = this.total;
    return async function* slices(body) {
      for await (const chunk of body) {
        for (let at = 0; at < chunk.length; at += SLICE) {
          const slice = chunk.subarray(at, at + SLICE);
          await own.take(slice.length);
          await total.take(slice.length);
          yield slice;
        }
      }
    };
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
