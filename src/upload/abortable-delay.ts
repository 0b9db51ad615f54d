// Backoffs and polls wait on the session's signal; a long upload waits many times on the same signal, so each wait
// must take its abort listener away again, or they pile up for the life of the session.

/**
 * How an upload waits out a backoff or a 429: resolves after `ms`, or as soon as `signal` aborts; never rejects. A
 * seam, so that a test can give a clock that moves on at once instead of waiting in real time.
 */
export type Wait = (ms: number, signal: AbortSignal) => Promise<void>;

/** Resolves after `ms`, or as soon as `signal` aborts; never rejects. */
export function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
