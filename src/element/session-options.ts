// What the element's settings say, at the moment they are read, to an upload session (the token sources, api-host,
// part size, target video…), to a recording and to the list of uploads (its limits: `multiple` and what it allows).
// They come with the list: nothing reads them before a file is in it. The part size is read by the list's side of the
// element (part-size.ts's PartSizeReader), which warns as the attribute is set (or, set before, once the list arrived).
import type { TokenSourceOptions, UploadSessionOptions } from '../upload/types.js';
import { wholeCount } from './converters.js';
import type { ListSettings } from './upload-list.js';
import { DEFAULT_CONCURRENCY, type UploaderProperties } from './uploader-properties.js';

function tokensOf(el: UploaderProperties): TokenSourceOptions {
  return {
    provider: el.tokenProvider,
    url: el.tokenUrl || undefined,
    requestInit: el.tokenRequestInit,
    staticToken: el.uploadToken || undefined,
  };
}

/** A session's options for `file` from the element's settings now, in parts of `chunkSize` bytes. */
export function sessionOptions(el: UploaderProperties, file: File, chunkSize: number): UploadSessionOptions {
  return {
    file,
    tokens: tokensOf(el),
    apiHost: el.apiHost || undefined,
    chunkSize,
    minChunkSize: el.minChunkSize,
    parallelParts: el.parallelParts,
    retryDelays: el.retryDelays,
    videoId: el.targetVideoId?.trim() || undefined,
    videoName: el.videoName || undefined,
  };
}

/** A recording's options (its code asks for them as it starts). */
export function recordingOptions(el: UploaderProperties) {
  return {
    tokens: tokensOf(el),
    apiHost: el.apiHost || undefined,
    retryDelays: el.retryDelays,
    videoId: el.targetVideoId?.trim() || undefined,
    videoName: el.videoName || undefined,
    mimeType: el.recordingMimeType,
    maxDurationSeconds: el.maxDuration,
    partSize: el.recordingPartSize,
  };
}

/** The list's limits and restrictions: `multiple`, how many files, how many side by side. */
export function listSettings(el: UploaderProperties): ListSettings {
  return {
    multiple: el.multiple,
    accept: el.accept,
    maxFileSize: el.maxFileSize,
    maxDuration: el.maxDuration,
    concurrency: wholeCount(el.concurrency) ?? DEFAULT_CONCURRENCY,
    maxFiles: wholeCount(el.maxFiles),
  };
}
