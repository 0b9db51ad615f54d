import { LitElement, type PropertyDeclarations } from 'lit';
import { DEFAULT_CHUNK_SIZE } from '../upload/constants.js';
import type { TokenProvider } from '../upload/types.js';
import { chunkSizeAttribute, defaultTrueBoolean, optionalNumber, optionalString } from './converters.js';

/** Files uploading at once with `multiple`, unless `concurrency` says otherwise. */
export const DEFAULT_CONCURRENCY = 2;

/**
 * The settings of `<apivideo-uploader>`, as attributes and properties: what the page tells the element. What the
 * element does with them is UploaderElement's.
 */
export abstract class UploaderProperties extends LitElement {
  // Declared in one table rather than by decorators: the same attributes, without a decorator's call per property.
  static override properties: PropertyDeclarations = {
    uploadToken: { attribute: 'upload-token' },
    tokenUrl: { attribute: 'token-url' },
    tokenRequestInit: { attribute: false },
    tokenProvider: { attribute: false },
    apiHost: { attribute: 'api-host' },
    chunkSize: { attribute: 'chunk-size', converter: chunkSizeAttribute },
    minChunkSize: { attribute: false },
    parallelParts: { attribute: 'parallel-parts', converter: optionalNumber },
    targetVideoId: { attribute: 'video-id', converter: optionalString },
    videoName: { attribute: 'video-name' },
    metadataFields: { attribute: 'metadata-fields', converter: optionalString },
    metadataRequired: { attribute: 'metadata-required', converter: optionalString },
    maxTitleLength: { attribute: 'max-title-length', converter: optionalNumber },
    maxDescriptionLength: { attribute: 'max-description-length', converter: optionalNumber },
    maxTags: { attribute: 'max-tags', converter: optionalNumber },
    metadataUrl: { attribute: 'metadata-url', converter: optionalString },
    sources: {},
    recordingMimeType: { attribute: 'recording-mime-type', converter: optionalString },
    recordingPartSize: { attribute: false },
    retryDelays: { attribute: false },
    accept: {},
    maxFileSize: { attribute: 'max-file-size', converter: optionalNumber },
    maxDuration: { attribute: 'max-duration', converter: optionalNumber },
    autoUpload: { attribute: 'auto-upload', converter: defaultTrueBoolean },
    resumable: { attribute: 'resumable', converter: defaultTrueBoolean },
    resumeStorageKey: { attribute: 'resume-storage-key', converter: optionalString },
    warnOnLeave: { attribute: 'warn-on-leave', converter: defaultTrueBoolean },
    disabled: { type: Boolean, reflect: true },
    multiple: { type: Boolean },
    maxFiles: { attribute: 'max-files', converter: optionalNumber },
    concurrency: { type: Number },
    theme: { reflect: true },
  };

  /** A delegated upload token given directly. A new one carries the parts still to send; it ends `waiting-for-token`. */
  uploadToken?: string;

  /**
   * The site's token endpoint: POSTed JSON `{fileName, fileSize, fileType, videoId?}` (`videoId` once the upload goes
   * into a known video: make none for it), answers `{token, expiresAt?}` or text.
   */
  tokenUrl?: string;

  /** Merged into the token URL request: headers, credentials (default `same-origin`), method. */
  tokenRequestInit?: RequestInit;

  /**
   * `async ({ file, reason, signal, videoId }) => token | { token, expiresAt }` (`videoId` once the upload goes into a
   * known video). Wins over `token-url` and `upload-token`.
   */
  tokenProvider?: TokenProvider;

  /**
   * `ws.api.video`, `sandbox.api.video`, or a full `http://host:port` URL (the local emulator). A `host:port` or IP
   * without a scheme is refused (`upload-error`, saying what to write). While a part waits to be sent again after a
   * network error, the element names this host ("Can’t reach ws.api.video, trying again in 4 s").
   */
  apiHost = 'ws.api.video';

  /**
   * Bytes per part, 50 MiB (`DEFAULT_CHUNK_SIZE`) unless set, kept within api.video's 5 MiB–128 MiB. The attribute
   * also takes a unit (`10MB`, `10 MiB`; KB, MB, GB are powers of 1000, KiB, MiB, GiB powers of 1024) and the property
   * then holds the bytes it stands for. A value outside the limits is clamped and one that is not a size means 50 MiB,
   * each with a console warning.
   */
  chunkSize?: number = DEFAULT_CHUNK_SIZE;

  /**
   * The server's smallest part but the last, in bytes: api.video's 5 MiB unless set. Lower only for a server that
   * takes smaller parts (the local emulator's `minPartBytes`); a `chunkSize` set from script may then go down to it
   * (the attribute keeps api.video's limits).
   */
  minChunkSize?: number;

  /**
   * Parts of one file in flight at once, 1 to 8 (default 1). After part 1 has named the video (or from part 1 with
   * `video-id`), the other parts go that many at a time: over a long, thin link several streams fill what one cannot.
   * Another value is refused with `upload-error` when an upload starts.
   */
  parallelParts?: number;

  /**
   * The waits before each retry of a part after an outage (a 5xx, no answer), in ms, the last one repeated: data.
   * Unset, 500 ms doubling up to 30 s; `[0]` sends again at once (tests, a page that
   * keeps its own clock). A 429 waits as long as api.video asks, whatever this says.
   */
  retryDelays?: readonly number[];

  /**
   * The video to upload into, made beforehand by the site's backend with its API key: every part, part 1 included,
   * goes into it, so a lost answer can never make a second video. Unset, api.video makes a video on part 1. Named
   * apart from `videoId`, which reads the video being uploaded: this id, once the upload starts.
   */
  targetVideoId?: string;

  /** The video's title on api.video; the file name when unset. */
  videoName?: string;

  /**
   * The video's details the person may set while the file uploads, space separated: `title`, `description`, `tags`
   * (api.video's names) and `thumbnail` (a frame of the video, chosen from a strip decoded in the page). A form shows
   * them with the chosen file; they are saved when the person saves, or, if not saved, when the upload ends, through
   * the site's token handler (its `metadata` option signs the page's permission to edit the video it made). Its
   * code loads only then. Not with `multiple`.
   */
  metadataFields?: string;

  /** Which of the details must be filled in before they are saved, space separated (e.g. `title`). */
  metadataRequired?: string;

  /** Longest title, in characters (at most api.video's 255). */
  maxTitleLength?: number;

  /** Longest description, in characters (at most 5000). */
  maxDescriptionLength?: number;

  /** Most tags (at most 50). */
  maxTags?: number;

  /** Where the details are sent (`PATCH`, with the capability the token answer carried): `token-url` unless set. */
  metadataUrl?: string;

  /**
   * Where a video may come from, space separated: `file` (the default), `camera`, `screen`. With `camera` or `screen`
   * the element offers to record and uploads while recording; that code loads only then.
   */
  sources = 'file';

  /** The type to record in (e.g. `video/mp4`), when the browser can; else the best it offers for api.video. */
  recordingMimeType?: string;

  /**
   * Bytes per part of a recording, sent as they are recorded: api.video's minimum, 5 MiB, unless set. Smaller parts
   * reach only a server whose minimum is lower (the local emulator's `minPartBytes`).
   */
  recordingPartSize?: number;

  /** Accepted types, as a file input's `accept`: MIME types, `type/*` or `.ext`, comma separated. */
  accept = 'video/*';

  /** Largest accepted file, in bytes. */
  maxFileSize?: number;

  /** Longest accepted video, in seconds, read from the file's metadata; a recording stops at this length. */
  maxDuration?: number;

  /** Start as soon as a file is chosen. On by default; `auto-upload="false"` switches it off. */
  autoUpload = true;

  /**
   * Resume after a reload, a crash or a closed tab: each upload is recorded in the browser (IndexedDB) once part 1 is
   * stored, and choosing the same file again continues it into the same video; when idle, the element offers the
   * unfinished uploads it knows. On by default; `resumable="false"` turns it off. Without storage (private modes, a
   * full quota) uploads go on without it. With `multiple`, every file of the queue has its own record, and each file
   * chosen again continues.
   */
  resumable = true;

  /** Keeps the records of one area of a site apart from another's: only this key's unfinished uploads are offered. */
  resumeStorageKey?: string;

  /**
   * While an upload is under way, leaving the page (reload, close, navigation) asks the visitor to stay first. On by
   * default; `warn-on-leave="false"` turns it off.
   */
  warnOnLeave = true;

  /** No file can be chosen, dropped or pasted, and the controls are disabled. Methods still work. */
  disabled = false;

  /**
   * Takes several files (picker, drop, paste) into a queue: each is checked on its own, has its own row and uploads
   * in turn, `concurrency` at a time; `queue-complete` fires when the queue drains. Turning it off empties the queue
   * and turning it on forgets the one file, as `reset()` would; files given once it is on are the queue's.
   */
  multiple = false;

  /**
   * With `multiple`: the most files the queue holds, rejected and cancelled ones aside. A file more is refused
   * (`file-reject`, reason `count`).
   */
  maxFiles?: number;

  /** With `multiple`: how many files upload at once; a file paused on request, or failed, leaves its place. */
  concurrency = DEFAULT_CONCURRENCY;

  /** `light`, `dark`, or `auto` (the default): follow the visitor's `prefers-color-scheme`. */
  theme?: 'light' | 'dark' | 'auto';
}
