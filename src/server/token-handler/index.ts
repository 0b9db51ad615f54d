// The token endpoint for a site's backend: one core, two front doors (Node `(req, res)` and fetch `Request → Response`).
export { createUploadTokenHandler, type UploadTokenHandler, type UploadTokenHandlerOptions } from './node.js';
export {
  createUploadTokenFetchHandler,
  type FetchRequestInfo,
  type UploadTokenFetchHandler,
  type UploadTokenFetchHandlerOptions,
} from './fetch.js';
export type { TokenHandlerOptions } from './options.js';
export type { TokenGrant } from './grant.js';
export type { VideoEditAnswer } from './edit.js';
export type { EditableVideoField, VideoEditOptions } from './edit-options.js';
export type { AllowedOrigins } from './cors.js';
export type { RateLimitOptions } from './rate-limit.js';
export type { CreateVideoOption, TokenRequestBody, VideoFields } from './video.js';
