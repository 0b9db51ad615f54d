import type { UploadState } from '../upload/index.js';

const IN_PROGRESS: ReadonlySet<UploadState> = new Set(['preparing', 'uploading', 'paused', 'waiting-for-token']);

/** An upload is under way (even paused or waiting for a token): a new file must not replace it. */
export function isInProgress(state: UploadState): boolean {
  return IN_PROGRESS.has(state);
}
