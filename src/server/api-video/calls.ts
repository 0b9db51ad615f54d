// The two calls the token handler makes to api.video, over the fetch transport with web globals only: the official
// Node client (client.ts) imports axios, form-data and Node's fs and stream, which edge runtimes do not have. The
// answers are api.video's JSON as it came; json.ts checks them.
import { fetchTransport } from './transport.js';

/** The languages api.video transcribes (`language` of `POST /videos`), from its spec. */
export type VideoLanguage =
  | 'ar' | 'ca' | 'cs' | 'da' | 'de' | 'el' | 'en' | 'es' | 'fa' | 'fi' | 'fr' | 'he' | 'hi' | 'hr' | 'hu' | 'it' | 'ja'
  | 'ko' | 'ml' | 'nl' | 'nn' | 'no' | 'pl' | 'pt' | 'ru' | 'sk' | 'sl' | 'te' | 'tr' | 'uk' | 'ur' | 'vi' | 'zh';

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

export interface ApiVideoCalls {
  /** `POST /upload-tokens`: the answer's JSON value. */
  createUploadToken(ttl: number): Promise<unknown>;
  /** `POST /videos`: the answer's JSON value. */
  createVideo(video: VideoCreation): Promise<unknown>;
}

/** An empty body is no value; a body that is not JSON throws the SyntaxError that failures.ts calls malformed. */
const parsed = (body: string): unknown => (body === '' ? undefined : JSON.parse(body));

/** The calls for one API key and base URI; aborting `signal` aborts a call on the wire. */
export function apiVideoCalls(apiKey: string, baseUri: string, signal?: AbortSignal): ApiVideoCalls {
  const transport = fetchTransport(apiKey, baseUri, signal);
  const post = async (path: string, payload: object) =>
    parsed((await transport.call(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(payload) })).body);
  return {
    createUploadToken: (ttl) => post('upload-tokens', { ttl }),
    createVideo: (video) => post('videos', video),
  };
}
