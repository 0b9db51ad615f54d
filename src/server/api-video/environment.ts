/** Where api.video lives: its two hosts, or any compatible base URI (the emulator, a proxy). */
export type ApiVideoEnvironment = 'sandbox' | 'production';

/** The API key the local api.video emulator (`apivideo-emulator`) accepts unless told others. */
export const EMULATOR_API_KEY = 'emulator-api-key';

export const API_VIDEO_HOSTS: Record<ApiVideoEnvironment, string> = {
  production: 'https://ws.api.video',
  sandbox: 'https://sandbox.api.video',
};

/** The base URI from `baseUri` (wins) or `environment` (default production); `who` names the caller in errors. */
export function resolveBaseUri(options: { environment?: string; baseUri?: string }, who: string): string {
  if (options.baseUri !== undefined) {
    let url: URL;
    try {
      url = new URL(options.baseUri);
    } catch {
      throw new Error(`${who}: baseUri "${options.baseUri}" is not a URL; give a full address such as http://127.0.0.1:8787.`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new Error(`${who}: baseUri must start with http:// or https:// (got "${options.baseUri}").`);
    }
    // The client appends "/upload-tokens" itself, so a trailing slash would double it.
    return options.baseUri.replace(/\/+$/, '');
  }
  const environment = options.environment ?? 'production';
  if (environment !== 'production' && environment !== 'sandbox') {
    throw new Error(`${who}: environment must be "sandbox" or "production" (got "${String(environment)}").`);
  }
  return API_VIDEO_HOSTS[environment];
}
