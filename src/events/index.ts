// One Event subclass per file; the element dispatches them, pages listen with addEventListener. The list of them,
// from which the rest is derived, is table.ts.
export { FileSelectEvent, type FileSelectDetail } from './file-select.js';
export { FileRejectEvent, type FileRejectDetail, type FileRejectReason } from './file-reject.js';
export { RecordingStartEvent, type RecordingStartDetail } from './recording-start.js';
export { RecordingStopEvent, type RecordingStopDetail, type RecordingStopReason } from './recording-stop.js';
export { UploadStateEvent, type UploadStateDetail, type UploadState } from './upload-state.js';
export { UploadStartEvent, type UploadStartDetail, type NotResumedReason } from './upload-start.js';
export { UploadProgressEvent, type UploadProgressDetail } from './upload-progress.js';
export { UploadPartEvent, type UploadPartDetail } from './upload-part.js';
export { UploadRetryEvent, type RetryCause, type UploadRetryDetail } from './upload-retry.js';
export { TokenRefreshEvent, type TokenRefreshDetail, type TokenRefreshReason } from './token-refresh.js';
export { UploadPauseEvent, type UploadPauseDetail } from './upload-pause.js';
export { UploadResumeEvent, type UploadResumeDetail } from './upload-resume.js';
export { UploadCancelEvent, type UploadCancelDetail } from './upload-cancel.js';
export { UploadErrorEvent, type UploadErrorDetail, type UploadErrorCode, type TokenFailureReason, type RecordingFailureReason } from './upload-error.js';
export { UploadSuccessEvent, type UploadSuccessDetail } from './upload-success.js';
export { VideoPlayableEvent, type VideoPlayableDetail } from './video-playable.js';
export { MetadataSaveEvent, type MetadataSaveDetail, type VideoMetadata } from './metadata-save.js';
export { MetadataErrorEvent, type MetadataErrorDetail, type MetadataErrorCode } from './metadata-error.js';
export { QueueCompleteEvent, type QueueCompleteDetail } from './queue-complete.js';
export type { Video, VideoAssets, VideoSource } from './video.js';
export { uploaderEvents, reactPropOf, type UploaderEvent, type UploaderEventMap, type PascalCase } from './table.js';
