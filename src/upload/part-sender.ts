// The seam to the wire: one request for one part, and its answer. Everything above it (which part goes when, what a
// failure means, tokens, resume) is the upload's; everything below it (building the multipart request, sending it,
// reading the answer) is the sender's. The default sender is built on @api.video/video-uploader
// (library-sender.ts); tests give a scripted one, so the upload logic runs in Node on scripted answers.
import type { Video } from '../events/index.js';
import type { PartFailure } from './retry-policy.js';

/** One part to send. */
export interface PartRequest {
  /** `ws.api.video`, `sandbox.api.video`, or a full `http(s)://host:port` URL (the local emulator). */
  readonly apiHost: string;
  readonly token: string;
  /** 1-based. */
  readonly part: number;
  /** How many parts the video has, or `'*'` while unknown (a recording's parts before the last). */
  readonly total: number | '*';
  /** The part's bytes. */
  readonly bytes: Blob;
  /** The name the part's bytes are sent under: api.video titles the video after it. */
  readonly fileName: string;
  /** The video the part goes into; none for a part 1 that makes the video. */
  readonly videoId?: string;
  /** Hears the bytes of the part sent so far. */
  readonly onProgress?: (sent: number) => void;
}

/** One request on its way. `cancel()` aborts it while it is on its way; once it has settled it does nothing. */
export interface Attempt {
  /** The video as api.video answered the part; rejects with a PartError. */
  readonly result: Promise<Video>;
  cancel(): void;
}

/** Sends one part, once: never retries on its own. */
export type PartSender = (request: PartRequest) => Attempt;

/** A part the server refused, or that could not be sent. */
export class PartError extends Error {
  override readonly name = 'PartError';
  constructor(readonly part: number, readonly failure: PartFailure) {
    super(failure.title ?? failure.reason ?? `part ${part} failed with ${failure.status}`);
  }
}

/** Where a part goes: api.video's `/upload` with the token, on https unless the host is a full URL. */
export function uploadEndpoint(apiHost: string, token: string): string {
  const base = /^https?:\/\//i.test(apiHost) ? apiHost.replace(/\/+$/, '') : `https://${apiHost}`;
  return `${base}/upload?token=${encodeURIComponent(token)}`;
}

/**
 * The requests of one run of parts: each attempt goes through `sender` and is kept until it settles, so `stop()`
 * can abort what is on its way; after `stop()` no attempt is made. Files and recordings alike.
 */
export class PartsOnTheWay {
  readonly #onTheWay = new Set<Attempt>();
  #stopped = false;

  readonly #sender: PartSender;

  constructor(sender: PartSender) {
    this.#sender = sender;
  }

  /** Requests on their way: a settled one is not kept. */
  get size(): number {
    return this.#onTheWay.size;
  }

  get isStopped(): boolean {
    return this.#stopped;
  }

  send(request: PartRequest): Attempt {
    if (this.#stopped) return { result: Promise.reject(new PartError(request.part, { reason: 'ABORTED' })), cancel: () => {} };
    const attempt = this.#sender(request);
    this.#onTheWay.add(attempt);
    const done = () => this.#onTheWay.delete(attempt);
    attempt.result.then(done, done);
    return attempt;
  }

  /** Aborts every request on its way (a finished one is left alone by its sender); no attempt is made after it. */
  stop(): void {
    this.#stopped = true;
    for (const attempt of this.#onTheWay) attempt.cancel();
  }
}
