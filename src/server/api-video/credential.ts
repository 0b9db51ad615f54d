/**
 * `base64(key + ":")`, the Basic credential api.video takes, from the key's UTF-8 bytes. Written with web globals
 * (btoa alone reads only Latin-1), so that the token handler's fetch door loads where there is no Buffer.
 */
export function basicCredential(apiKey: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(`${apiKey}:`)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
