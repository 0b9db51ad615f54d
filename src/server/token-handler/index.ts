export { createUploadTokenHandler } from './handler.js';
export type { UploadTokenHandler, UploadTokenHandlerOptions } from './handler.js';
export type { AllowedOrigins } from './cors.js';
export type { RateLimitOptions } from './rate-limit.js';
export type { ApiVideoEnvironment, UploadTokenJson } from './api-video.js';
