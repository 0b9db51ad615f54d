// The browser entry: importing it registers <apivideo-uploader>.
export { ApiVideoUploader } from './element/apivideo-uploader.js';
export { UploaderElement } from './element/uploader.js';
export { translations, type Strings } from './element/strings.js';
export * from './events/index.js';
// From their own modules, not the upload layer's index: that one reaches the upload engine, fetched on demand.
export { MIN_CHUNK_SIZE, MAX_CHUNK_SIZE, DEFAULT_CHUNK_SIZE } from './upload/constants.js';
export type { UploadState, TokenRequestReason, TokenProvider, ProvidedToken, TokenSourceOptions } from './upload/types.js';
export type { QueueEntry, QueueEntryState } from './upload/queue.js';
