// The calls the token handler makes to api.video, over the fetch transport with web globals only: the official
// Node client (client.ts) imports axios, form-data and Node's fs and stream, which edge runtimes do not have. The
// answers are api.video's JSON as it came; json.ts checks them.
import { fetchTransport } from './transport.js';
import type { VideoLanguage } from './video-values.js';

/** The body of `POST /videos` as api.video reads it (`public`, not the Node client's `_public`). */
export interface VideoCreation {
  title: string;
  description?: string;
  tags?: string[];
  metadata?: { key: string; value: string }[];
  /** false makes the video private. */
  public?: boolean;
  playerId?: string;
  panoramic?: boolean;
  mp4Support?: boolean;
  language?: VideoLanguage;
}

/** The body of `PATCH /videos/{videoId}` (VideoUpdatePayload): only the fields it gives change. */
export interface VideoUpdate extends Partial<Omit<VideoCreation, 'playerId' | 'language'>> {
  /** null gives the video a player of its own. */
  playerId?: string | null;
  language?: VideoLanguage | null;
}

export interface ApiVideoCalls {
  /** `POST /upload-tokens`: the answer's JSON value. */
  createUploadToken(ttl: number): Promise<unknown>;
  /** `POST /videos`: the answer's JSON value. */
  createVideo(video: VideoCreation): Promise<unknown>;
  /** `PATCH /videos/{videoId}`: the answer's JSON value, the video as it now is. */
  updateVideo(videoId: string, fields: VideoUpdate): Promise<unknown>;
  /** `PATCH /videos/{videoId}/thumbnail` with `{ timecode }`: the answer's JSON value, the video. */
  pickThumbnail(videoId: string, timecode: string): Promise<unknown>;
}

/** An empty body is no value; a body that is not JSON throws the SyntaxError that failures.ts calls malformed. */
const parsed = (body: string): unknown => (body === '' ? undefined : JSON.parse(body));

/** The calls for one API key and base URI; aborting `signal` aborts a call on the wire. */
export function apiVideoCalls(apiKey: string, baseUri: string, signal?: AbortSignal): ApiVideoCalls {
  const transport = fetchTransport(apiKey, baseUri, signal);
  const send = async (method: 'POST' | 'PATCH', path: string, payload: object) =>
    parsed((await transport.call(path, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(payload) })).body);
  const video = (videoId: string) => `videos/${encodeURIComponent(videoId)}`;
  return {
    createUploadToken: (ttl) => send('POST', 'upload-tokens', { ttl }),
    createVideo: (fields) => send('POST', 'videos', fields),
    updateVideo: (videoId, fields) => send('PATCH', video(videoId), fields),
    pickThumbnail: (videoId, timecode) => send('PATCH', `${video(videoId)}/thumbnail`, { timecode }),
  };
}
