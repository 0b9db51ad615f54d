// A scripted api.video behind the part sender seam, for the upload logic in Node: it keeps each video's parts, answers
// as api.video does (201 with the video, "part already sent", "source already uploaded", 401 for a token it does not
// know) and plays faults on chosen parts: an answer lost after the part was stored, a status, an answer held until
// released. No network, no browser, no library: what is tested is the session's decisions.
import { createHash } from 'node:crypto';
import type { Video } from '../../src/events/index.js';
import { PartError, type Attempt, type PartRequest, type PartSender } from '../../src/upload/part-sender.js';
import type { PartFailure } from '../../src/upload/retry-policy.js';

export interface ScriptedFault {
  part: number;
  /** Store the part, then lose the answer (the page hears a network error). */
  dropAnswer?: boolean;
  /** Answer this status instead of storing the part. */
  status?: number;
  /** Hold the answer until `release(part)`. */
  hold?: boolean;
  times?: number;
}

interface StoredVideo {
  readonly parts: Map<number, Uint8Array>;
  total?: number;
  complete: boolean;
}

export interface SentPart {
  readonly part: number;
  /** The `Content-Range` total: the number of parts, or `*` while unknown. */
  readonly total: number | '*';
  readonly videoId?: string;
  readonly token: string;
  /** What it was answered: 201, a status, 0 for an answer lost or a request aborted. */
  status?: number;
}

const problem = (status: number, type: string, title: string): PartFailure => ({
  status,
  type: `https://docs.api.video/reference/${type}`,
  title,
});

export class ScriptedApiVideo {
  readonly videos = new Map<string, StoredVideo>();
  readonly log: SentPart[] = [];
  readonly tokens = new Set<string>(['to-scripted']);
  private faults: ScriptedFault[] = [];
  private readonly held = new Map<number, () => void>();
  private made = 0;

  fault(fault: ScriptedFault): void {
    this.faults.push({ times: 1, ...fault });
  }

  /** A video made beforehand, as a backend's `createVideo` does. */
  makeVideo(videoId: string): void {
    this.videos.set(videoId, { parts: new Map(), complete: false });
  }

  /** Lets a held answer go. */
  release(part: number): void {
    this.held.get(part)?.();
    this.held.delete(part);
  }

  isHeld(part: number): boolean {
    return this.held.has(part);
  }

  /** The bytes of a complete video, its parts in order. */
  bytesOf(videoId: string): Uint8Array {
    const video = this.videos.get(videoId)!;
    const parts = [...video.parts.entries()].sort(([a], [b]) => a - b).map(([, bytes]) => bytes);
    const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const part of parts) {
      all.set(part, at);
      at += part.length;
    }
    return all;
  }

  readonly sender: PartSender = (request) => {
    const sent: SentPart = { part: request.part, total: request.total, videoId: request.videoId, token: request.token };
    this.log.push(sent);
    let cancel = () => {};
    const result = new Promise<Video>((resolve, reject) => {
      const fail = (failure: PartFailure) => {
        sent.status ??= failure.status ?? 0;
        reject(new PartError(request.part, { ...failure, sentWithToken: request.token }));
      };
      cancel = () => fail({ reason: 'ABORTED' });
      const fault = this.takeFault(request.part);
      const answer = async () => {
        if (fault?.status) return fail(problem(fault.status, 'scripted', `scripted ${fault.status}`));
        const outcome = await this.store(request);
        if ('failure' in outcome) return fail(outcome.failure);
        if (fault?.dropAnswer) return fail({ reason: 'NETWORK_ERROR' });
        sent.status = 201;
        resolve(outcome.video);
      };
      request.onProgress?.(request.bytes.size);
      if (fault?.hold) this.held.set(request.part, () => void answer());
      else queueMicrotask(() => void answer());
    });
    const attempt: Attempt = { result, cancel: () => cancel() };
    return attempt;
  };

  private takeFault(part: number): ScriptedFault | undefined {
    const fault = this.faults.find((f) => f.part === part && (f.times ?? 1) > 0);
    if (fault) fault.times = (fault.times ?? 1) - 1;
    return fault;
  }

  private async store(request: PartRequest): Promise<{ video: Video } | { failure: PartFailure }> {
    if (!this.tokens.has(request.token)) {
      return { failure: problem(401, 'authentication-invalid-upload-token', 'The upload token is invalid or expired.') };
    }
    let videoId = request.videoId;
    if (!videoId) {
      videoId = `viScripted${++this.made}`;
      this.videos.set(videoId, { parts: new Map(), complete: false });
    }
    const video = this.videos.get(videoId);
    if (!video) return { failure: problem(404, 'resource-not-found', 'The requested resource could not be found.') };
    if (video.complete) return { failure: problem(400, 'video-source-already-uploaded', 'The source of the video is already uploaded.') };
    if (video.parts.has(request.part)) {
      return { failure: problem(400, 'video-content-range-by-part-part-already-sent', 'The "part" value collides with a previous one.') };
    }
    if (request.total !== '*') video.total = request.total;
    video.parts.set(request.part, new Uint8Array(await request.bytes.arrayBuffer()));
    if (video.total !== undefined && video.parts.size === video.total) video.complete = true;
    return { video: { videoId } };
  }
}

/** A digest to compare stored bytes by: a deep equality of megabytes, element by element, takes minutes. */
export function digestOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The digest of a file's or a recording's bytes. */
export async function blobDigest(blob: Blob): Promise<string> {
  return digestOf(new Uint8Array(await blob.arrayBuffer()));
}
