// The official Node client, for the token command line and the dev page: its API classes (paths, validation,
// serialisation, parsing) are used as they are; only its transport is replaced by transport.ts's fetch: it sends
// through a shared axios with no timeout and no way to cancel. Node only: the client imports axios, form-data, fs.
import ApiVideoClient from '@api.video/nodejs-client';
import { fetchTransport, type Transport } from './transport.js';

export type UploadTokensApi = ApiVideoClient['uploadTokens'];
export type VideosApi = ApiVideoClient['videos'];

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
