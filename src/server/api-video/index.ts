// What the token handler, the token command line and the dev tools share about api.video: where it is, the client
// calls, its JSON, its failures, and how its key is kept out of text.
export { API_VIDEO_HOSTS, EMULATOR_API_KEY, resolveBaseUri, type ApiVideoEnvironment } from './environment.js';
export { ApiVideoRefusal, apiVideo, type ApiVideoApis, type UploadTokensApi, type VideoCreationPayload, type VideosApi } from './client.js';
export { UnexpectedAnswerError, toAtom, tokenListJson, uploadTokenJson, videoIdOf, type TokenListJson, type UploadTokenJson } from './json.js';
export { describeUpstreamError, type UpstreamFailure } from './failures.js';
export { redactor } from './redact.js';
export { MAX_TTL, isTtl } from './ttl.js';
