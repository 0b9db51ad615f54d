// The browser entry: importing it registers <apivideo-uploader>.
export { ApiVideoUploader } from './element/apivideo-uploader.js';
export { UploaderElement } from './element/uploader.js';
export { translations, type Strings } from './element/strings.js';
export * from './events/index.js';
export {
  MIN_CHUNK_SIZE,
  MAX_CHUNK_SIZE,
  DEFAULT_CHUNK_SIZE,
  type UploadState,
  type TokenRequestReason,
  type TokenProvider,
  type ProvidedToken,
  type TokenSourceOptions,
  type QueueEntry,
  type QueueEntryState,
} from './upload/index.js';
