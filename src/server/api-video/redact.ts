import { basicCredential } from './credential.js';

/**
 * Every spelling the API key can take in text: as it is, escaped inside a JSON string, URL-encoded (with `%20` or
 * `+` for a space), and inside a Basic credential (`base64(key + ":")`, with or without its padding).
 */
function spellings(apiKey: string): string[] {
  const basic = basicCredential(apiKey);
  const encoded = encodeURIComponent(apiKey);
  return [apiKey, JSON.stringify(apiKey).slice(1, -1), encoded, encoded.replace(/%20/g, '+'), basic, basic.replace(/=+$/, '')];
}

/** Removes the API key, in every spelling, from a piece of text. */
export function redactor(apiKey: string): (text: string) => string {
  const secrets = spellings(apiKey)
    .filter((s, i, all) => s.length >= 4 && all.indexOf(s) === i)
    // The longest first, so a short spelling inside a longer one does not leave the rest of it behind.
    .sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const secret of secrets) out = out.split(secret).join('[redacted]');
    return out;
  };
}
