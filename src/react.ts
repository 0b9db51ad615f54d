// The React wrapper ("apivideo-uploader-element/react"). It imports the package's own entry rather than the element
// file, so a page that loads both the wrapper and the plain element registers <apivideo-uploader> once.
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import {
  ApiVideoUploader as ApiVideoUploaderElement,
  FileRejectEvent,
  FileSelectEvent,
  TokenRefreshEvent,
  UploadCancelEvent,
  UploadErrorEvent,
  UploadPartEvent,
  UploadPauseEvent,
  UploadProgressEvent,
  UploadResumeEvent,
  UploadRetryEvent,
  UploadStartEvent,
  UploadSuccessEvent,
  VideoPlayableEvent,
} from './index.js';

/**
 * `<apivideo-uploader>` as a React component. Properties are props (`tokenUrl`, `apiHost`, `chunkSize`,
 * `tokenProvider`…); every event is an `on…` prop receiving the typed event (`onUploadProgress={(e) => e.detail.percent}`).
 * A `ref` gives the element, for `pause()`, `resume()`, `cancel()`, `retry()`, `reset()` and `upload(file)`.
 */
export const ApiVideoUploader = createComponent({
  tagName: 'apivideo-uploader',
  elementClass: ApiVideoUploaderElement,
  react: React,
  events: {
    onFileSelect: FileSelectEvent.eventName as EventName<FileSelectEvent>,
    onFileReject: FileRejectEvent.eventName as EventName<FileRejectEvent>,
    onUploadStart: UploadStartEvent.eventName as EventName<UploadStartEvent>,
    onUploadProgress: UploadProgressEvent.eventName as EventName<UploadProgressEvent>,
    onUploadPart: UploadPartEvent.eventName as EventName<UploadPartEvent>,
    onUploadRetry: UploadRetryEvent.eventName as EventName<UploadRetryEvent>,
    onTokenRefresh: TokenRefreshEvent.eventName as EventName<TokenRefreshEvent>,
    onUploadPause: UploadPauseEvent.eventName as EventName<UploadPauseEvent>,
    onUploadResume: UploadResumeEvent.eventName as EventName<UploadResumeEvent>,
    onUploadCancel: UploadCancelEvent.eventName as EventName<UploadCancelEvent>,
    onUploadError: UploadErrorEvent.eventName as EventName<UploadErrorEvent>,
    onUploadSuccess: UploadSuccessEvent.eventName as EventName<UploadSuccessEvent>,
    onVideoPlayable: VideoPlayableEvent.eventName as EventName<VideoPlayableEvent>,
  },
  displayName: 'ApiVideoUploader',
});

export type { ApiVideoUploaderElement };
export type * from './events/index.js';
