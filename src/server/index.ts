// The package's server entry ("apivideo-uploader-element/server"): Node-only, never bundled for the browser.
export { createUploadTokenHandler } from './token-handler/index.js';
export type {
  AllowedOrigins,
  ApiVideoEnvironment,
  RateLimitOptions,
  UploadTokenHandler,
  UploadTokenHandlerOptions,
  UploadTokenJson,
} from './token-handler/index.js';
export { createEmulator } from './emulator/index.js';
export type { Emulator } from './emulator/index.js';
