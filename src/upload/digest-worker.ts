// The module worker that takes parts' digests off the page's main thread (part-digests.ts): the same `partDigest`
// the page would run, on the Blob it is handed (the page's own bytes, not a copy).
import { partDigest } from './fingerprint.js';
import type { DigestAnswer, DigestRequest } from './part-digests.js';

interface WorkerScope {
  postMessage(answer: DigestAnswer): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<DigestRequest>) => void): void;
}

const scope = globalThis as unknown as WorkerScope;

scope.addEventListener('message', ({ data: { id, blob, start, end } }) => {
  partDigest(blob, start, end).then(
    (digest) => scope.postMessage({ id, digest }),
    (error: unknown) => {
      const { name, message } = (error ?? {}) as { name?: unknown; message?: unknown };
      scope.postMessage({ id, error: { name: String(name ?? 'Error'), message: String(message ?? error) } });
    },
  );
});

// The page waits for this before it counts on the worker: a worker that never says it runs is given up.
scope.postMessage({ ready: true });
