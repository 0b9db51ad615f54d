// The queue of files uploaded side by side, without UI: where each file stands, which waiting files start next under
// the concurrency limit, when the queue has drained and what it came to, and its total progress. The element owns the
// files and their sessions; this module only decides and counts, so every rule here is tested in Node.
import type { FileRejectDetail, UploadErrorDetail, UploadProgressDetail, Video } from '../events/index.js';
import type { UploadState } from './types.js';

/**
 * Where one file of the queue stands: its session's state once it runs (`preparing` … `success`), and around it:
 * - `checking`: its restrictions are being checked (reading a duration takes a moment);
 * - `rejected`: it broke a restriction and is never sent;
 * - `ready`: it waits for `upload()` (`auto-upload="false"`);
 * - `queued`: it waits for a free place among the files sending at once, to start, resume or retry;
 * - `paused` before it ever started: it was queued, and was paused before its turn came;
 * - `cancelled`: it was cancelled, and is over.
 */
export type QueueEntryState =
  | 'checking'
  | 'rejected'
  | 'ready'
  | 'queued'
  | Exclude<UploadState, 'idle'>
  | 'cancelled';

/** One file of the queue as a page reads it (`files`): a snapshot, not a live object. */
export interface QueueEntry {
  readonly file: File;
  readonly state: QueueEntryState;
  /** The latest `upload-progress` detail of this file. */
  readonly progress?: UploadProgressDetail;
  /** The latest `upload-error` detail, while in `error` or `waiting-for-token`. */
  readonly error?: UploadErrorDetail;
  /** Why it was refused, when `rejected` (the `file-reject` detail). */
  readonly rejection?: FileRejectDetail;
  /** The api.video video id, once known. */
  readonly videoId?: string;
  /** api.video's Video object, after `upload-success`. */
  readonly video?: Video;
}

/** What the queue came to when it drained: `queue-complete`'s detail. */
export interface QueueCounts {
  succeeded: number;
  failed: number;
  cancelled: number;
  rejected: number;
}

/** What the scheduler needs to know of a file. */
export interface ScheduledFile {
  readonly state: QueueEntryState;
  /**
   * Paused by a person or the page, rather than by the browser going offline: its place is free for the next file.
   * A session paused for being offline resumes by itself when the browser is back online, so it keeps its place.
   */
  readonly pausedOnRequest?: boolean;
}

/**
 * Whether a file takes one of the `concurrency` places: while it sends, and while it waits for what will let it send
 * again by itself (the browser back online, a new `upload-token`: a file started meanwhile would only meet the same
 * refused token). Paused on request, failed or finished, it leaves its place to the next file.
 */
export function holdsPlace(file: ScheduledFile): boolean {
  switch (file.state) {
    case 'preparing':
    case 'uploading':
    case 'waiting-for-token':
      return true;
    case 'paused':
      return !file.pausedOnRequest;
    default:
      return false;
  }
}

/** The `queued` files to start now, first queued first, so that at most `concurrency` files hold a place. */
export function filesToStart<F extends ScheduledFile>(files: readonly F[], concurrency: number): F[] {
  const limit = Math.max(1, Math.floor(concurrency) || 1);
  const free = limit - files.filter(holdsPlace).length;
  if (free <= 0) return [];
  return files.filter((file) => file.state === 'queued').slice(0, free);
}

/** The file will not move on its own: it succeeded, failed, waits for a new token, was rejected or cancelled. */
export function isSettled(state: QueueEntryState): boolean {
  return ['success', 'error', 'waiting-for-token', 'rejected', 'cancelled'].includes(state);
}

/**
 * Whether the queue has work under way: a file being checked, waiting for its turn, sending, or paused (a paused file
 * is not over: it is resumed or cancelled). A `ready` file keeps the queue from draining too: it waits for `upload()`.
 */
export function isBusy(files: readonly ScheduledFile[]): boolean {
  return files.some((file) => !isSettled(file.state));
}

export function countsOf(files: readonly ScheduledFile[]): QueueCounts {
  const counts: QueueCounts = { succeeded: 0, failed: 0, cancelled: 0, rejected: 0 };
  for (const { state } of files) {
    if (state === 'success') counts.succeeded++;
    else if (state === 'error' || state === 'waiting-for-token') counts.failed++;
    else if (state === 'cancelled') counts.cancelled++;
    else if (state === 'rejected') counts.rejected++;
  }
  return counts;
}

/**
 * Tells when the queue drains: once each time it goes from busy to settled, never for a queue that was never busy.
 * A failed file retried makes it busy again, so a queue can drain more than once.
 */
export class QueueDrain {
  #busy = false;

  /** The counts when the queue has just drained; undefined otherwise. */
  check(files: readonly ScheduledFile[]): QueueCounts | undefined {
    const busy = isBusy(files);
    const drained = this.#busy && !busy;
    this.#busy = busy;
    return drained ? countsOf(files) : undefined;
  }

  /** Forgets the queue (it was emptied without draining). */
  reset(): void {
    this.#busy = false;
  }
}

/**
 * The one state the element shows for the whole queue, the most pressing first: sending beats waiting for a place,
 * which beats paused; then the ways a drained queue ended (a failure is reported over the successes beside it).
 */
export function queueState(files: readonly ScheduledFile[]): UploadState {
  const has = (...states: QueueEntryState[]) => files.some((file) => states.includes(file.state));
  if (has('uploading')) return 'uploading';
  if (has('preparing', 'queued')) return 'preparing';
  if (has('paused')) return 'paused';
  if (has('waiting-for-token')) return 'waiting-for-token';
  if (has('error')) return 'error';
  if (has('success')) return 'success';
  return 'idle';
}

/** A file as the total progress counts it. */
export interface ProgressingFile {
  readonly state: QueueEntryState;
  readonly size: number;
  readonly progress?: Pick<UploadProgressDetail, 'uploadedBytes' | 'bytesPerSecond'>;
}

/** The queue's progress as one: bytes of every file the queue is uploading or has uploaded. */
export interface QueueTotals {
  /** Files counted: queued, under way, failed or done (not ready, rejected or cancelled). */
  readonly files: number;
  readonly succeeded: number;
  readonly uploadedBytes: number;
  readonly totalBytes: number;
  /** 0..100, whole; 100 only once every file counted is uploaded. */
  readonly percent: number;
  /** The speeds of the files sending now, added up. */
  readonly bytesPerSecond: number;
  /** The bytes still to send of the files that will go on, at that speed; `null` until a speed is known. */
  readonly etaSeconds: number | null;
}

const COUNTED: ReadonlySet<QueueEntryState> = new Set([
  'queued', 'preparing', 'uploading', 'paused', 'waiting-for-token', 'error', 'success',
]);

export function queueTotals(files: readonly ProgressingFile[]): QueueTotals {
  let uploadedBytes = 0;
  let totalBytes = 0;
  let bytesPerSecond = 0;
  let left = 0;
  let counted = 0;
  let succeeded = 0;
  for (const file of files) {
    if (!COUNTED.has(file.state)) continue;
    counted++;
    const done = file.state === 'success' ? file.size : Math.min(file.size, file.progress?.uploadedBytes ?? 0);
    if (file.state === 'success') succeeded++;
    uploadedBytes += done;
    totalBytes += file.size;
    if (file.state === 'uploading') bytesPerSecond += file.progress?.bytesPerSecond ?? 0;
    // A failed file sends nothing more until it is retried: its bytes are not waited for.
    if (file.state !== 'error') left += file.size - done;
  }
  // Bytes sent are not bytes held: 100 only once every file counted is uploaded.
  const ceiling = succeeded === counted ? 100 : 99;
  const percent = totalBytes > 0 ? Math.min(ceiling, Math.floor((uploadedBytes / totalBytes) * 100)) : 0;
  const etaSeconds = left <= 0 ? 0 : bytesPerSecond > 0 ? Math.ceil(left / bytesPerSecond) : null;
  return { files: counted, succeeded, uploadedBytes, totalBytes, percent, bytesPerSecond, etaSeconds };
}
