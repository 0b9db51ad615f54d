// What an upload session starts with, read from the element's settings at that moment (the token sources, api-host,
// part size, target video…), and the part size's warnings: said once per element, however often a value comes back.
import type { UploadSessionOptions } from '../upload/index.js';
import { readChunkSize } from './chunk-size.js';
import type { UploaderProperties } from './uploader-properties.js';

export class SessionSettings {
  private readonly warned = new Set<string>();

  constructor(private readonly element: UploaderProperties) {}

  /** A session's options for `file` from the element's settings now. */
  for(file: File): UploadSessionOptions {
    const el = this.element;
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
      videoId: el.targetVideoId?.trim() || undefined,
      videoName: el.videoName || undefined,
    };
  }

  /**
   * The part size `value` (as the page wrote it, or a number set from script) comes to, warning once of what was
   * done to it. Read as the attribute is set too, where the page's own text is at hand: "10 MBs" is quoted as written,
   * not as the bytes it became.
   */
  chunkSize(value: string | number | null | undefined): number {
    const { bytes, warning } = readChunkSize(value);
    if (warning && !this.warned.has(warning)) {
      this.warned.add(warning);
      console.warn(`<${this.element.localName}> ${warning}`);
    }
    return bytes;
  }
}
