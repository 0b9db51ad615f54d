// The one list of the element's events, in the order a page meets them. Everything else is derived from it: the
// events' entries in GlobalEventHandlersEventMap (below), the React wrapper's `on…` props (src/react.ts), and the
// manifest's events (custom-elements-manifest.config.mjs), hence the Vue template types and the API reference.
import { FileRejectEvent } from './file-reject.js';
import { FileSelectEvent } from './file-select.js';
import { MetadataErrorEvent } from './metadata-error.js';
import { MetadataSaveEvent } from './metadata-save.js';
import { QueueCompleteEvent } from './queue-complete.js';
import { RecordingStartEvent } from './recording-start.js';
import { RecordingStopEvent } from './recording-stop.js';
import { TokenRefreshEvent } from './token-refresh.js';
import { UploadCancelEvent } from './upload-cancel.js';
import { UploadErrorEvent } from './upload-error.js';
import { UploadPartEvent } from './upload-part.js';
import { UploadPauseEvent } from './upload-pause.js';
import { UploadProgressEvent } from './upload-progress.js';
import { UploadResumeEvent } from './upload-resume.js';
import { UploadRetryEvent } from './upload-retry.js';
import { UploadStartEvent } from './upload-start.js';
import { UploadStateEvent } from './upload-state.js';
import { UploadSuccessEvent } from './upload-success.js';
import { VideoPlayableEvent } from './video-playable.js';

export const uploaderEvents = [
  UploadStateEvent,
  FileSelectEvent,
  FileRejectEvent,
  RecordingStartEvent,
  RecordingStopEvent,
  UploadStartEvent,
  UploadProgressEvent,
  UploadPartEvent,
  UploadRetryEvent,
  TokenRefreshEvent,
  UploadPauseEvent,
  UploadResumeEvent,
  UploadCancelEvent,
  UploadErrorEvent,
  UploadSuccessEvent,
  VideoPlayableEvent,
  MetadataSaveEvent,
  MetadataErrorEvent,
  QueueCompleteEvent,
] as const;

type UploaderEventClass = (typeof uploaderEvents)[number];

/** Any event the element fires. */
export type UploaderEvent = InstanceType<UploaderEventClass>;

/** Event name → event, for every event the element fires. */
export type UploaderEventMap = { [E in UploaderEventClass as E['eventName']]: InstanceType<E> };

/** `upload-progress` → `UploadProgress`. */
export type PascalCase<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Capitalize<Head>}${PascalCase<Tail>}`
  : Capitalize<S>;

/** `upload-progress` → `onUploadProgress`, the React prop of an event. */
export function reactPropOf<N extends string>(eventName: N): `on${PascalCase<N>}` {
  return `on${eventName.replace(/(^|-)([a-z])/g, (_, _dash: string, c: string) => c.toUpperCase())}` as `on${PascalCase<N>}`;
}

declare global {
  interface GlobalEventHandlersEventMap extends UploaderEventMap {}
}
