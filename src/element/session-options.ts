// What the element's settings say, at the moment they are read, to an upload session (the token sources, api-host,
// part size, target video…), to a recording and to the list of uploads (its limits: `multiple` and what it allows);
// and the part size's warnings, said once per element, however often a value comes back.
import type { UploadSessionOptions } from '../upload/index.js';
import { readChunkSize } from './chunk-size.js';
import { wholeCount } from './converters.js';
import type { ListSettings } from './upload-list.js';
import { DEFAULT_CONCURRENCY, type UploaderProperties } from './uploader-properties.js';

export class SessionSettings {
  readonly #warned = new Set<string>();

  readonly #element: UploaderProperties;

  constructor(element: UploaderProperties) {
    this.#element = element;
  }

  /** A session's options for `file` from the element's settings now. */
  for(file: File): UploadSessionOptions {
    const el = this.#element;
    return {
      file,
      tokens: {
        provider: el.tokenProvider,
        url: el.tokenUrl || undefined,
        requestInit: el.tokenRequestInit,
        staticToken: el.uploadToken || undefined,
      },
      apiHost: el.apiHost || undefined,
      chunkSize: this.chunkSize(el.chunkSize),
      parallelParts: el.parallelParts,
      retryDelays: el.retryDelays,
      videoId: el.targetVideoId?.trim() || undefined,
      videoName: el.videoName || undefined,
    };
  }

  /** A recording's options (its code asks for them as it starts). */
  recording() {
    const el = this.#element;
    return {
      tokens: this.for(new File([], 'recording')).tokens,
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
  list(): ListSettings {
    const el = this.#element;
    return {
      multiple: el.multiple,
      accept: el.accept,
      maxFileSize: el.maxFileSize,
      maxDuration: el.maxDuration,
      concurrency: wholeCount(el.concurrency) ?? DEFAULT_CONCURRENCY,
      maxFiles: wholeCount(el.maxFiles),
    };
  }

  /**
   * The part size `value` (as the page wrote it, or a number set from script) comes to, warning once of what was
   * done to it. Read as the attribute is set too, where the page's own text is at hand: "10 MBs" is quoted as written,
   * not as the bytes it became.
   */
  chunkSize(value: string | number | null | undefined): number {
    const { bytes, warning } = readChunkSize(value);
    if (warning && !this.#warned.has(warning)) {
      this.#warned.add(warning);
      console.warn(`<${this.#element.localName}> ${warning}`);
    }
    return bytes;
  }
}
