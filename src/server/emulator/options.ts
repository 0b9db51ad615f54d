// The emulator's options and settings: what createEmulator takes, the settings they make, and the settings a test
// changes at run time through `POST /__emulator/config`.
import { EMULATOR_API_KEY } from '../api-video/environment.js';
import { HttpError, problems } from './problems.js';
import type { EmulatorConfig, EmulatorState } from './state.js';

export interface EmulatorOptions {
  /** API keys accepted by Basic auth and /auth/api-key. Default `['emulator-api-key']`. */
  apiKeys?: string[];
  /** Where uploaded bytes are kept. Default: a fresh temporary folder, removed by `close()`. */
  dataDir?: string;
  /** Refuse every upload request made with an expired token, even one continuing a video. Default false. */
  strictTokenExpiry?: boolean;
  /** The clock (ms since epoch). Default `Date.now`. */
  now?: () => number;
  /** Base URL used in links and asset URLs; default the listen URL, else derived from the Host header. */
  publicUrl?: string;
  /** Delay between a video's source being complete and its HLS manifest answering 200. Default 1000 ms. */
  hlsReadyDelayMs?: number;
  /** Largest single-request upload. Default 200 MiB, as api.video. */
  maxSingleShotBytes?: number;
  /** Smallest part but the last. Default 5 MiB, as api.video. */
  minPartBytes?: number;
  /** Largest part. Default 128 MiB, the official uploader's limit; a larger part is refused, its bytes not kept. */
  maxPartBytes?: number;
  /** Upload requests the log at `/__emulator/requests` keeps, the oldest forgotten first. Default 10000. */
  requestLogLimit?: number;
  /** Requests per minute over the API routes before 429, with X-RateLimit-* headers. Default 0: no limit. */
  rateLimitPerMinute?: number;
  /** A long, thin network: latency before each upload's first byte and its answer. Default 0. */
  latencyMs?: number;
  /** Each connection's upload read at most this fast. Default 0: no limit. */
  connectionBytesPerSecond?: number;
  /** All connections' uploads together read at most this fast. Default 0: no limit. */
  totalBytesPerSecond?: number;
}

export const DEFAULT_API_KEY = EMULATOR_API_KEY;
const MiB = 1024 * 1024;

export function configFrom(options: EmulatorOptions): EmulatorConfig {
  return {
    strictTokenExpiry: options.strictTokenExpiry ?? false,
    hlsReadyDelayMs: options.hlsReadyDelayMs ?? 1000,
    maxSingleShotBytes: options.maxSingleShotBytes ?? 200 * MiB,
    minPartBytes: options.minPartBytes ?? 5 * MiB,
    maxPartBytes: options.maxPartBytes ?? 128 * MiB,
    requestLogLimit: options.requestLogLimit ?? 10_000,
    maxParts: 10_000,
    accessTokenTtlSeconds: 3600,
    rateLimitPerMinute: options.rateLimitPerMinute ?? 0,
    latencyMs: options.latencyMs ?? 0,
    connectionBytesPerSecond: options.connectionBytesPerSecond ?? 0,
    totalBytesPerSecond: options.totalBytesPerSecond ?? 0,
  };
}

const NUMERIC_SETTINGS = [
  'hlsReadyDelayMs', 'maxSingleShotBytes', 'minPartBytes', 'maxPartBytes', 'rateLimitPerMinute', 'requestLogLimit',
  'latencyMs', 'connectionBytesPerSecond', 'totalBytesPerSecond',
] as const;

const badConfig = (name: string, detail: string) => new HttpError(problems.invalidAttribute(name, detail));

/** Changes the settings a body names, all or nothing: one bad setting leaves the others unchanged. */
export function applyConfig(state: EmulatorState, body: Record<string, unknown>): Record<string, unknown> {
  const next = { ...state.config };
  for (const [key, value] of Object.entries(body)) {
    if (key === 'strictTokenExpiry') {
      if (typeof value !== 'boolean') throw badConfig(key, 'strictTokenExpiry must be true or false.');
      next.strictTokenExpiry = value;
    } else if ((NUMERIC_SETTINGS as readonly string[]).includes(key)) {
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
        throw badConfig(key, `${key} must be an integer, 0 or more.`);
      }
      next[key as (typeof NUMERIC_SETTINGS)[number]] = value;
    } else {
      throw badConfig(key, `Unknown setting. Known: strictTokenExpiry, ${NUMERIC_SETTINGS.join(', ')}.`);
    }
  }
  Object.assign(state.config, next);
  state.trimRequestLog();
  return { ...state.config };
}
