// Shared by the token handler and token CLI tests: an emulator per test file, servers on 127.0.0.1:0, and a raw
// HTTP client that keeps every byte the server sent so tests can prove what is (and is not) on the wire.
import { createServer, type RequestListener, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { createEmulator, type Emulator } from '../../src/server/emulator/index.js';

export const API_KEY = 'sk_test_HANDLER_secret_7f3a9c';
export const API_KEY_BASIC = Buffer.from(`${API_KEY}:`).toString('base64');

export async function startEmulator(): Promise<{ emulator: Emulator; url: string }> {
  const emulator = createEmulator({ apiKeys: [API_KEY] });
  const url = await emulator.listen(0, '127.0.0.1');
  return { emulator, url };
}

export async function serve(listener: RequestListener): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port that nothing listens on: bound once, then released. */
export async function closedPortUrl(): Promise<string> {
  const { url, close } = await serve(() => {});
  await close();
  return url;
}

export interface RawResponse {
  raw: Buffer;
  status: number;
  headers: Record<string, string>;
  text: string;
  json: any;
}

export const seen: Buffer[] = [];

/** Sends one HTTP/1.1 request over a bare socket and returns exactly what came back. */
export function rawRequest(
  url: string,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  const target = new URL(options.path ?? '/', url);
  const body = options.body === undefined ? undefined : Buffer.from(options.body);
  const headers: Record<string, string> = {
    Host: target.host,
    Connection: 'close',
    ...(body && !options.headers?.['Transfer-Encoding'] ? { 'Content-Length': String(body.length) } : {}),
    ...options.headers,
  };
  const head =
    `${options.method ?? 'POST'} ${target.pathname}${target.search} HTTP/1.1\r\n` +
    Object.entries(headers)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('') +
    '\r\n';
  return new Promise((resolve, reject) => {
    const socket = connect(Number(target.port), target.hostname);
    const chunks: Buffer[] = [];
    socket.setTimeout(15_000, () => socket.destroy(new Error('no answer within 15 s')));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', (error) => {
      // A server that answers early (413) may reset while the body is still going out; what it sent counts.
      if (chunks.length) finish();
      else reject(error);
    });
    socket.on('end', finish);
    let done = false;
    function finish() {
      if (done) return;
      done = true;
      socket.destroy();
      const raw = Buffer.concat(chunks);
      seen.push(raw);
      const split = raw.indexOf('\r\n\r\n');
      const headText = raw.subarray(0, split).toString('latin1');
      const [statusLine, ...lines] = headText.split('\r\n');
      const parsed: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        parsed[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      const text = raw.subarray(split + 4).toString('utf8');
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      resolve({ raw, status: Number(statusLine!.split(' ')[1]), headers: parsed, text, json });
    }
    // No half-close: Node's server drops a request whose client has already ended before the answer is ready.
    // "Connection: close" makes the server end the socket once it has answered.
    socket.write(head);
    if (body) socket.write(body);
  });
}

/** The emulator's own view of the account's tokens, through the management API. */
export async function emulatorTokens(emulatorUrl: string): Promise<{ token: string; ttl: number }[]> {
  const response = await fetch(`${emulatorUrl}/upload-tokens?pageSize=100`, {
    headers: { Authorization: `Basic ${API_KEY_BASIC}` },
  });
  const body = (await response.json()) as { data: { token: string; ttl: number }[] };
  return body.data;
}
