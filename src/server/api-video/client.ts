// The official Node client, made to talk over fetch with an AbortSignal. The client's API classes (paths,
// validation, serialisation, parsing) are used as they are; only its transport is replaced: it sends through a
// shared axios with no timeout and no way to cancel, so a call that api.video never answers would hold its socket
// forever. fetch also runs where axios's Node adapter does not (edge runtimes).
import ApiVideoClient from '@api.video/nodejs-client';
import { UnexpectedAnswerError } from './json.js';

export type UploadTokensApi = ApiVideoClient['uploadTokens'];
export type VideosApi = ApiVideoClient['videos'];
export type VideoCreationPayload = Parameters<VideosApi['create']>[0];

/** What the client's API classes call: its own HttpClient's shape. */
interface Transport {
  call(
    path: string,
    options: { method?: string; body?: unknown; headers?: Record<string, string>; searchParams?: URLSearchParams },
  ): Promise<{ headers: Record<string, string>; body: string }>;
  getChunkSize(): number;
}

/** The client's refusal, shaped as its ApiVideoError (`code`, `problemDetails`) so one reader understands both. */
export class ApiVideoRefusal extends Error {
  constructor(
    readonly code: number,
    readonly problemDetails: Record<string, unknown> | undefined,
  ) {
    super(typeof problemDetails?.title === 'string' ? problemDetails.title : `api.video answered HTTP ${code}.`);
  }
}

/** The client version whose API classes are used, named in AV-Origin-Client as the client itself does. */
const CLIENT_ORIGIN = 'nodejs:2.6.8';

function fetchTransport(apiKey: string, baseUri: string, signal?: AbortSignal): Transport {
  const authorization = `Basic ${Buffer.from(`${apiKey}:`).toString('base64')}`;
  return {
    getChunkSize: () => 50 * 1024 * 1024,
    async call(path, options) {
      const query = options.searchParams ? `?${options.searchParams.toString()}` : '';
      const response = await fetch(`${baseUri}/${path}${query}`, {
        method: options.method ?? 'GET',
        headers: { Accept: 'application/json, */*;q=0.8', 'AV-Origin-Client': CLIENT_ORIGIN, ...options.headers, Authorization: authorization },
        body: options.body as string | undefined,
        signal,
      });
      const body = await response.text();
      if (!response.ok) throw new ApiVideoRefusal(response.status, problemOf(body));
      const type = response.headers.get('content-type') ?? undefined;
      if (body !== '' && !/^application\/(json|vnd\.api\.video\+json)/.test(type ?? '')) {
        throw new UnexpectedAnswerError(`api.video answered HTTP ${response.status} with ${type ?? 'no Content-Type'}, not JSON.`);
      }
      return { headers: Object.fromEntries(response.headers), body };
    },
  };
}

function problemOf(body: string): Record<string, unknown> | undefined {
  try {
    const json = JSON.parse(body) as unknown;
    return json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

// The API classes are not exported by name; a client instance hands out one of each, and its constructor is the class.
const template = new ApiVideoClient({ baseUri: 'http://template.invalid' });
type ApiClass<T> = new (transport: Transport) => T;
const UploadTokens = template.uploadTokens.constructor as unknown as ApiClass<UploadTokensApi>;
const Videos = template.videos.constructor as unknown as ApiClass<VideosApi>;

export interface ApiVideoApis {
  uploadTokens: UploadTokensApi;
  videos: VideosApi;
}

/**
 * The client's upload-token and video calls for one API key and base URI. With a signal, aborting it aborts the
 * request on the wire (its socket is closed), not only the wait for it.
 */
export function apiVideo(apiKey: string, baseUri: string, signal?: AbortSignal): ApiVideoApis {
  const transport = fetchTransport(apiKey, baseUri, signal);
  return { uploadTokens: new UploadTokens(transport), videos: new Videos(transport) };
}
