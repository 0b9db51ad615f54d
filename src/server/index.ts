// The package's server entry ("apivideo-uploader-element/server"): the token handler, its Node and fetch front doors
// and their types. Never bundled for the browser; loads with web globals only, so the fetch door runs on edge
// runtimes. The emulator is an entry of its own ("apivideo-uploader-element/emulator").
export { createUploadTokenFetchHandler, createUploadTokenHandler } from './token-handler/index.js';
export type {
  AllowedOrigins,
  CreateVideoOption,
  EditableVideoField,
  FetchRequestInfo,
  RateLimitOptions,
  TokenGrant,
  TokenHandlerOptions,
  TokenRequestBody,
  UploadTokenFetchHandler,
  UploadTokenFetchHandlerOptions,
  UploadTokenHandler,
  UploadTokenHandlerOptions,
  VideoEditAnswer,
  VideoEditOptions,
  VideoFields,
} from './token-handler/index.js';
export type { ApiVideoEnvironment, UploadTokenJson, VideoSummaryJson } from './api-video/index.js';
