import type { ServerResponse } from 'node:http';

/**
 * Answers JSON with `Content-Type: application/json` exactly: the official Node client refuses a charset suffix, and
 * JSON is UTF-8 by definition. `undefined` answers with no body (a 204). Nothing is written to a response already
 * answered or a connection already gone.
 */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  if (body === undefined) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)) });
  res.end(text);
}
