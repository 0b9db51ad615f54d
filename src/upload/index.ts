// The upload layer: one file's upload, and the queue of several, without UI. The element is its only user; it never
// imports the library itself.
export { UploadSession } from './session.js';
export {
  QueueDrain,
  countsOf,
  filesToStart,
  holdsPlace,
  isBusy,
  isSettled,
  queueState,
  queueTotals,
  type QueueCounts,
  type QueueEntry,
  type QueueEntryState,
  type QueueTotals,
  type ProgressingFile,
  type ScheduledFile,
} from './queue.js';
export { displayHost, checkedApiHost } from './api-host.js';
export { ResumeStore, type ResumeStoreOptions } from './resume-store.js';
export { ResumeTracker } from './resume-tracker.js';
export { acknowledgedPercent, DEFAULT_RESUME_MAX_AGE_MS, type ResumeRecord } from './resume-record.js';
export { MIN_CHUNK_SIZE, MAX_CHUNK_SIZE, DEFAULT_CHUNK_SIZE } from './constants.js';
export type { Wait } from './abortable-delay.js';
export type {
  UploadState,
  TokenRequestReason,
  TokenProvider,
  ProvidedToken,
  TokenSourceOptions,
  UploadSessionOptions,
  UploadSessionEmit,
  UploadSnapshot,
  PauseReason,
  EditableVideo,
} from './types.js';
export type * from '../events/index.js';
