// What the token handler, the token command line and the dev tools share about api.video: where it is, the calls,
// its JSON, its failures, and how its key is kept out of text. Web globals only: the official Node client, which
// the command line and the dev page use, is imported from ./client.js by them alone.
export { API_VIDEO_HOSTS, EMULATOR_API_KEY, resolveBaseUri, type ApiVideoEnvironment } from './environment.js';
export { apiVideoCalls, type ApiVideoCalls, type VideoCreation, type VideoUpdate } from './calls.js';
export { THUMBNAIL_TIMECODE, VIDEO_LANGUAGES, type VideoLanguage } from './video-values.js';
export { ApiVideoRefusal, MAX_ANSWER_BYTES } from './transport.js';
export {
  UnexpectedAnswerError,
  toAtom,
  tokenListJson,
  uploadTokenJson,
  videoIdOf,
  videoSummaryOf,
  type TokenListJson,
  type UploadTokenJson,
  type VideoSummaryJson,
} from './json.js';
export { describeUpstreamError, type UpstreamFailure } from './failures.js';
export { redactor } from './redact.js';
export { MAX_TTL, isTtl } from './ttl.js';
