import { toAtom } from '../api-video/json.js';
import { newId } from './ids.js';
import { defaultVideoFields, type VideoFields, type VideoUpdate } from './video-fields.js';

export interface EmulatorConfig {
  strictTokenExpiry: boolean;
  /** How long after its source is complete a video's HLS manifest answers 200 instead of 202. */
  hlsReadyDelayMs: number;
  /** Largest file accepted in one request without `Content-Range` (api.video: 200 MiB). */
  maxSingleShotBytes: number;
  /** Smallest part but the last (api.video: 5 MiB). */
  minPartBytes: number;
  /** Largest part, in part or byte mode (the official uploader's limit: 128 MiB). */
  maxPartBytes: number;
  /** How many upload requests the log keeps; the oldest go first. */
  requestLogLimit: number;
  maxParts: number;
  /** Lifetime of bearer access tokens from /auth/api-key. */
  accessTokenTtlSeconds: number;
  /** api.video-style per-minute rate limit over API routes; 0 turns it off. */
  rateLimitPerMinute: number;
  /** Added before an upload's first byte is read and before its answer; 0 turns it off. */
  latencyMs: number;
  /** Each connection's upload read at most this fast; 0: no limit. */
  connectionBytesPerSecond: number;
  /** All connections' uploads together read at most this fast; 0: no limit. */
  totalBytesPerSecond: number;
}

export interface UploadTokenRecord {
  token: string;
  ttl: number;
  createdAt: number;
  expiresAt: number | null;
  deleted: boolean;
}

export interface StoredPiece {
  /** part number in part mode; byte offset `from` in bytes mode; 1 for single-shot */
  key: number;
  size: number;
  path: string;
  /** the upload token that carried it; null when sent with an API key to /videos/{videoId}/source */
  token: string | null;
  /** settles once the bytes are in their final place (parts of one video may arrive concurrently) */
  ready: Promise<void>;
}

export interface VideoRecord extends Omit<VideoFields, 'playerId'> {
  videoId: string;
  playerId: string;
  createdAt: number;
  updatedAt: number;
  mode: 'none' | 'single' | 'part' | 'bytes';
  pieces: Map<number, StoredPiece>;
  /** total parts (part mode) or total bytes (bytes mode), once known */
  total: number | null;
  /** true once the source is joined on disk: size, sha256 and sourcePath are set */
  complete: boolean;
  /** the join under way, shared by every request that finds the video's last piece in */
  joining?: Promise<void>;
  completedAt: number | null;
  size: number | null;
  sha256: string | null;
  sourcePath: string | null;
  /** The frame picked with `PATCH /videos/{videoId}/thumbnail`; null until one is. */
  thumbnailTimecode: string | null;
}

export interface Fault {
  part?: number;
  times: number;
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  reset?: boolean;
  delayMs?: number;
  /**
   * Hold the request (after `delayMs`, before anything else) until `POST /__emulator/holds/{name}/release` names it,
   * a reset, or 120 s: a part kept on the wire exactly as long as a test needs it there, and no longer.
   */
  hold?: string;
  /** Handle the request as usual (store the part), then cut the connection instead of answering. */
  dropAnswer?: boolean;
}

export interface UploadLogEntry {
  at: number;
  token: string | null;
  part: number | null;
  totalParts: number | null;
  videoId: string | null;
  status: number;
  bytes: number;
  /** When the answer was sent; absent while the request runs, or when it got none (a fault cut it). */
  answeredAt?: number;
}

export interface AccessTokenRecord {
  expiresAt: number;
  apiKey: string;
}

/** Everything the emulator remembers; `reset()` forgets it all but the API keys and options. */
export class EmulatorState {
  tokens = new Map<string, UploadTokenRecord>();
  videos = new Map<string, VideoRecord>();
  accessTokens = new Map<string, AccessTokenRecord>();
  refreshTokens = new Map<string, string>();
  faults: Fault[] = [];
  requests: UploadLogEntry[] = [];
  clockOffsetMs = 0;
  /** Held requests waiting for their release, by hold name; and the names released already (until a reset). */
  holds = new Map<string, Set<() => void>>();
  releasedHolds = new Set<string>();
  /** Counts resets, so a request that began before one can tell its files and records are gone. */
  generation = 0;

  constructor(
    readonly apiKeys: Set<string>,
    readonly config: EmulatorConfig,
    private readonly baseClock: () => number,
  ) {}

  now(): number {
    return this.baseClock() + this.clockOffsetMs;
  }

  reset(): void {
    this.generation += 1;
    this.tokens.clear();
    this.videos.clear();
    this.accessTokens.clear();
    this.refreshTokens.clear();
    this.faults = [];
    this.requests = [];
    this.clockOffsetMs = 0;
    this.releaseAllHolds();
  }

  /**
   * Resolves once hold `name` is released (at once if it was already), or after `maxMs`. A release that comes before
   * the request does is kept, so a test may release a part whose request has not arrived yet.
   */
  held(name: string, maxMs: number): Promise<void> {
    if (this.releasedHolds.has(name)) return Promise.resolve();
    return new Promise((resolve) => {
      const waiters = this.holds.get(name) ?? new Set<() => void>();
      this.holds.set(name, waiters);
      const done = () => {
        clearTimeout(timer);
        waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, maxMs);
      // A held request never keeps the process alive on its own.
      timer.unref?.();
      waiters.add(done);
    });
  }

  /** Whatever a reset (or closing) forgets, it lets go of: no request stays held for a test that has moved on. */
  releaseAllHolds(): void {
    for (const name of [...this.holds.keys()]) this.releaseHold(name);
    this.releasedHolds.clear();
  }

  /** Lets every request held under `name` go on, and any that comes later; how many were waiting. */
  releaseHold(name: string): number {
    this.releasedHolds.add(name);
    const waiters = [...(this.holds.get(name) ?? [])];
    this.holds.delete(name);
    for (const go of waiters) go();
    return waiters.length;
  }

  createToken(ttl: number): UploadTokenRecord {
    const createdAt = this.now();
    const record: UploadTokenRecord = {
      token: newId('to'),
      ttl,
      createdAt,
      expiresAt: ttl === 0 ? null : createdAt + ttl * 1000,
      deleted: false,
    };
    this.tokens.set(record.token, record);
    return record;
  }

  isExpired(t: UploadTokenRecord): boolean {
    return t.expiresAt !== null && this.now() >= t.expiresAt;
  }

  /** A token that is listed and found: neither deleted nor expired. */
  activeToken(token: string): UploadTokenRecord | undefined {
    const t = this.tokens.get(token);
    return t && !t.deleted && !this.isExpired(t) ? t : undefined;
  }

  /** A new video: from a file's name (its first part), or from the fields of `POST /videos`. */
  createVideo(from: string | VideoFields): VideoRecord {
    const now = this.now();
    const fields = typeof from === 'string' ? defaultVideoFields(from) : from;
    const video: VideoRecord = {
      ...fields,
      videoId: newId('vi'),
      playerId: fields.playerId ?? newId('pl'),
      createdAt: now,
      updatedAt: now,
      mode: 'none',
      pieces: new Map(),
      total: null,
      complete: false,
      completedAt: null,
      size: null,
      sha256: null,
      sourcePath: null,
      thumbnailTimecode: null,
    };
    this.videos.set(video.videoId, video);
    return video;
  }

  /** Changes the fields given, and only those; a `playerId` of null gives the video a player of its own again. */
  updateVideo(video: VideoRecord, update: VideoUpdate): void {
    const { playerId, ...fields } = update;
    Object.assign(video, fields);
    if (playerId !== undefined) video.playerId = playerId ?? newId('pl');
    video.updatedAt = this.now();
  }

  /** Records the frame picked for the thumbnail. */
  pickThumbnail(video: VideoRecord, timecode: string): void {
    video.thumbnailTimecode = timecode;
    video.updatedAt = this.now();
  }

  /** Logs an upload request; past the configured limit, the oldest entries are forgotten. */
  logRequest(entry: UploadLogEntry): void {
    this.requests.push(entry);
    this.trimRequestLog();
  }

  /** Keeps the newest `requestLogLimit` entries (the limit may have just been lowered). */
  trimRequestLog(): void {
    const excess = this.requests.length - this.config.requestLogLimit;
    if (excess > 0) this.requests.splice(0, excess);
  }

  /** Takes one use of the first fault that applies to this upload request, if any. */
  takeFault(part: number | null): Fault | undefined {
    const index = this.faults.findIndex((f) => f.part === undefined || f.part === part);
    if (index < 0) return undefined;
    const fault = this.faults[index];
    fault.times -= 1;
    if (fault.times <= 0) this.faults.splice(index, 1);
    return fault;
  }
}

export function tokenJson(t: UploadTokenRecord) {
  return {
    token: t.token,
    ttl: t.ttl,
    createdAt: toAtom(t.createdAt),
    expiresAt: t.expiresAt === null ? null : toAtom(t.expiresAt),
  };
}
