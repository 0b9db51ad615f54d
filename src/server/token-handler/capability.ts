// The capability a page edits its video with: what the handler hands out with the token of a video it made, and
// asks back with each edit. `v1.<expires>.<mac>`: when it stops being good (unix seconds), and an HMAC-SHA256, keyed
// with the site's secret, over the version, that time and the videoId. The videoId is not in the string: an edit
// names its video, and a capability signed for another one does not verify. Nothing is stored, so any instance of
// the site that holds the same secret accepts it, one restarted mid-upload included. Web Crypto, so the fetch door
// keeps to web globals (edge runtimes).

const VERSION = 'v1';
/** Up to 12 digits of seconds (past the year 33000), and 32 bytes of MAC in unpadded base64url. */
const FORMAT = /^v1\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

/** What a capability says of an edit: good for this video now, absent, not one this site signed for it, or too old. */
export type CapabilityCheck = 'valid' | 'missing' | 'invalid' | 'expired';

export interface Capabilities {
  /** A capability for the video, good for the configured time from now. */
  sign(videoId: string): Promise<string>;
  check(capability: unknown, videoId: string): Promise<CapabilityCheck>;
}

const encoder = new TextEncoder();

/** `now` is the clock in milliseconds since the epoch; `ttlSeconds` how long a capability is good for. */
export function capabilities(secret: string, ttlSeconds: number, now: () => number): Capabilities {
  let key: Promise<CryptoKey> | undefined;
  const hmacKey = () =>
    (key ??= globalThis.crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']));
  const signed = (expires: string, videoId: string) => encoder.encode(`${VERSION}.${expires}.${videoId}`);
  return {
    async sign(videoId) {
      const expires = String(Math.floor(now() / 1000) + ttlSeconds);
      const mac = await globalThis.crypto.subtle.sign('HMAC', await hmacKey(), signed(expires, videoId));
      return `${VERSION}.${expires}.${toBase64url(new Uint8Array(mac))}`;
    },
    async check(capability, videoId) {
      if (capability === undefined || capability === null || capability === '') return 'missing';
      const parts = typeof capability === 'string' ? FORMAT.exec(capability) : null;
      if (!parts) return 'invalid';
      const expires = parts[1]!;
      const mac = parts[2]!;
      // verify() compares the MAC in constant time; a comparison of strings would tell a forger how much was right.
      const genuine = await globalThis.crypto.subtle.verify('HMAC', await hmacKey(), fromBase64url(mac), signed(expires, videoId));
      if (!genuine) return 'invalid';
      // Checked after the MAC: only a capability this site signed is ever called expired.
      return now() >= Number(expires) * 1000 ? 'expired' : 'valid';
    },
  };
}

/** Bytes as unpadded base64url; btoa, not Buffer: edge runtimes have no Buffer. */
function toBase64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The bytes of unpadded base64url text the format above has already checked. */
function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
