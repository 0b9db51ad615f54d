// Backoffs and polls wait on the session's signal; a long upload waits many times on the same signal, so each wait
// must take its abort listener away again, or they pile up for the life of the session.

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
