// The package's server entry ("apivideo-uploader-element/server"): Node-only, never bundled for the browser.
export { createUploadTokenFetchHandler, createUploadTokenHandler } from './token-handler/index.js';
export type {
  AllowedOrigins,
  CreateVideoOption,
  FetchRequestInfo,
  RateLimitOptions,
  TokenGrant,
  TokenHandlerOptions,
  TokenRequestBody,
  UploadTokenFetchHandler,
  UploadTokenFetchHandlerOptions,
  UploadTokenHandler,
  UploadTokenHandlerOptions,
  VideoFields,
} from './token-handler/index.js';
export type { ApiVideoEnvironment, UploadTokenJson } from './api-video/index.js';
export { createEmulator } from './emulator/index.js';
export type { Emulator } from './emulator/index.js';
