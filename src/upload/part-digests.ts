// Where a part's digest is taken. Reading a 50 MiB part into memory and hashing it is most of what an upload costs the
// page's main thread (about 5 ms per MiB sent): in a module worker the page pays only for handing it the file (a
// structured clone of a Blob is a reference to the same bytes) and reading back a short string. A page that cannot
// start one (no Worker, a worker script that does not load, a Content Security Policy that forbids it) takes the
// digests on the main thread as before. Both run the one function, `partDigest`: the worker only moves where it runs.
import { partDigest } from './fingerprint.js';

/** One part's bytes to digest, as the worker is sent it. */
export interface DigestRequest {
  readonly id: number;
  readonly blob: Blob;
  readonly start: number;
  readonly end: number;
}

/** What the worker says: that it runs, and each digest (or why it could not read the bytes). */
export type DigestAnswer =
  | { readonly ready: true }
  | { readonly id: number; readonly digest: string }
  | { readonly id: number; readonly error: { readonly name: string; readonly message: string } };

/** Starts the worker; throws where the page cannot (no Worker, a CSP that refuses it synchronously). */
export type StartWorker = () => Worker;

/**
 * The worker as the library builds it: its own file beside the module that starts it, which bundlers recognise by
 * this very expression (`new Worker(new URL(…, import.meta.url), { type: 'module' })`).
 */
const startDigestWorker: StartWorker = () => new Worker(new URL('./digest-worker.ts', import.meta.url), { type: 'module' });

export interface PartDigestsOptions {
  /** Starts a worker; `null` takes every digest on the main thread. Tests give a worker that cannot start. */
  startWorker?: StartWorker | null;
  /** How long a worker may take to say it runs before the digests go to the main thread. */
  startWaitMs?: number;
  /** How long a worker with nothing to do is kept before it is let go (a later digest starts another). */
  idleMs?: number;
}

interface Job {
  readonly request: DigestRequest;
  readonly resolve: (digest: string) => void;
  readonly reject: (error: unknown) => void;
}

export class PartDigests {
  readonly #startWorker: StartWorker | null;
  readonly #startWaitMs: number;
  readonly #idleMs: number;
  #worker: Worker | undefined;
  /** No worker could be started, or one failed: every digest of the page is taken on the main thread from then on. */
  #failed = false;
  #started = false;
  #startTimer: ReturnType<typeof setTimeout> | undefined;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #jobs = new Map<number, Job>();
  #nextId = 1;
  /** Digests taken in the worker and on the main thread, for tests and the benchmarks. */
  readonly taken = { worker: 0, mainThread: 0 };

  constructor(options: PartDigestsOptions = {}) {
    this.#startWorker = options.startWorker !== undefined ? options.startWorker : typeof Worker === 'function' ? startDigestWorker : null;
    this.#startWaitMs = options.startWaitMs ?? 10_000;
    this.#idleMs = options.idleMs ?? 30_000;
  }

  /** `partDigest(blob, start, end)`, in the worker where there is one. Rejects as it would: a file that cannot be read. */
  digest(blob: Blob, start: number, end: number): Promise<string> {
    const worker = this.#failed ? undefined : this.#workerToUse();
    if (!worker) return this.#onMainThread(blob, start, end);
    clearTimeout(this.#idleTimer);
    return new Promise<string>((resolve, reject) => {
      const request: DigestRequest = { id: this.#nextId++, blob, start, end };
      this.#jobs.set(request.id, { request, resolve, reject });
      worker.postMessage(request);
    });
  }

  #onMainThread(blob: Blob, start: number, end: number): Promise<string> {
    this.taken.mainThread++;
    return partDigest(blob, start, end);
  }

  #workerToUse(): Worker | undefined {
    if (this.#worker) return this.#worker;
    if (!this.#startWorker) return undefined;
    let worker: Worker;
    try {
      worker = this.#startWorker();
    } catch {
      this.#failed = true;
      return undefined;
    }
    this.#worker = worker;
    this.#started = false;
    worker.addEventListener('message', (event: MessageEvent<DigestAnswer>) => this.#answer(worker, event.data));
    // A script that does not load or does not parse, a CSP that refuses it: the worker never runs a digest.
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.#fail(worker);
    });
    worker.addEventListener('messageerror', () => this.#fail(worker));
    this.#startTimer = setTimeout(() => this.#fail(worker), this.#startWaitMs);
    return worker;
  }

  #answer(worker: Worker, answer: DigestAnswer): void {
    if (worker !== this.#worker) return;
    if ('ready' in answer) {
      this.#started = true;
      clearTimeout(this.#startTimer);
      return;
    }
    const job = this.#jobs.get(answer.id);
    if (!job) return;
    this.#jobs.delete(answer.id);
    if ('digest' in answer) {
      this.taken.worker++;
      job.resolve(answer.digest);
    } else {
      job.reject(new DOMException(answer.error.message, answer.error.name));
    }
    if (this.#jobs.size === 0) {
      clearTimeout(this.#idleTimer);
      this.#idleTimer = setTimeout(() => this.#letGo(worker), this.#idleMs);
    }
  }

  /** The worker failed: it is let go for good, and what it was asked is taken on the main thread. */
  #fail(worker: Worker): void {
    if (worker !== this.#worker) return;
    this.#failed = true;
    const jobs = [...this.#jobs.values()];
    this.#jobs.clear();
    this.#letGo(worker);
    for (const { request, resolve, reject } of jobs) this.#onMainThread(request.blob, request.start, request.end).then(resolve, reject);
  }

  #letGo(worker: Worker): void {
    if (worker !== this.#worker || this.#jobs.size > 0) return;
    clearTimeout(this.#startTimer);
    clearTimeout(this.#idleTimer);
    worker.terminate();
    this.#worker = undefined;
  }

  /** Whether digests go to a worker that has said it runs (false before it has, and after it failed). */
  get inWorker(): boolean {
    return !this.#failed && this.#worker !== undefined && this.#started;
  }
}

/** The page's digests: one worker, started at the first digest, shared by every upload. */
export const pageDigests = new PartDigests();
