// Where the parts go: api.video's upload host, or a local server (the emulator) given as a full URL.
/**
 * `ws.api.video`, `sandbox.api.video`, or a full `http(s)://` URL. A bare `host:port` or IP address has no scheme to
 * guess: https would fail against a local server with no word why, so it is refused as the configuration error it is.
 */
export function checkedApiHost(apiHost: string | undefined): string {
  const host = apiHost?.trim() || 'ws.api.video';
  if (/^https?:\/\//i.test(host)) return host;
  if (/:\d+(\/|$)/.test(host) || /^\d{1,3}(\.\d{1,3}){3}(\/|$)/.test(host) || /^\[/.test(host) || host === 'localhost') {
    throw new RangeError(
      `api-host "${host}" has no scheme: write http://${host} for a local server (the emulator), or a host name such as ws.api.video.`,
    );
  }
  if (!/^[a-z0-9.-]+$/i.test(host)) throw new RangeError(`api-host "${host}" is not a host name or an http(s) URL.`);
  return host;
}

/** The host a person recognises in "Can't reach …": `ws.api.video`, `127.0.0.1:8787`. */
export function displayHost(apiHost: string | undefined): string {
  const host = apiHost?.trim() || 'ws.api.video';
  try {
    return /^https?:\/\//i.test(host) ? new URL(host).host : host;
  } catch {
    return host;
  }
}
