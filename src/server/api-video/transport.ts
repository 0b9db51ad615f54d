// How this package talks to api.video: fetch with an AbortSignal, web globals only, so that the token handler's fetch
// door runs on edge runtimes. Aborting the signal aborts the request on the wire (its socket is closed), not only the
// wait for it: a call that api.video never answers must not hold a socket for ever. The official Node client's API
// classes (client.ts) send through this same transport.
import { basicCredential } from './credential.js';
import { UnexpectedAnswerError } from './json.js';

/** What the official client's API classes call: its own HttpClient's shape. */
export interface Transport {
  call(
    path: string,
    options: { method?: string; body?: unknown; headers?: Record<string, string>; searchParams?: URLSearchParams },
  ): Promise<{ headers: Record<string, string>; body: string }>;
  getChunkSize(): number;
}

/** The client's refusal, shaped as its ApiVideoError (`code`, `problemDetails`) so one reader understands both. */
export class ApiVideoRefusal extends Error {
  constructor(
    readonly code: number,
    readonly problemDetails: Record<string, unknown> | undefined,
  ) {
    super(typeof problemDetails?.title === 'string' ? problemDetails.title : `api.video answered HTTP ${code}.`);
  }
}

/**
 * The most of an answer read from api.video. Its answers to these calls are a few hundred bytes (a page of 100 tokens
 * is under 20 KiB); a larger one is not api.video's, and reading it whole would hold it all in memory.
 */
export const MAX_ANSWER_BYTES = 1024 * 1024;

/** The client version whose API classes are used, named in AV-Origin-Client as the client itself does. */
const CLIENT_ORIGIN = 'nodejs:2.6.8';

export function fetchTransport(apiKey: string, baseUri: string, signal?: AbortSignal): Transport {
  const authorization = `Basic ${basicCredential(apiKey)}`;
  return {
    getChunkSize: () => 50 * 1024 * 1024,
    async call(path, options) {
      const query = options.searchParams ? `?${options.searchParams.toString()}` : '';
      const response = await fetch(`${baseUri}/${path}${query}`, {
        method: options.method ?? 'GET',
        headers: { Accept: 'application/json, */*;q=0.8', 'AV-Origin-Client': CLIENT_ORIGIN, ...options.headers, Authorization: authorization },
        body: options.body as string | undefined,
        signal,
      });
      const body = await readAnswer(response, MAX_ANSWER_BYTES);
      if (!response.ok) throw new ApiVideoRefusal(response.status, problemOf(body));
      const type = response.headers.get('content-type') ?? undefined;
      if (body !== '' && !/^application\/(json|vnd\.api\.video\+json)/.test(type ?? '')) {
        throw new UnexpectedAnswerError(`api.video answered HTTP ${response.status} with ${type ?? 'no Content-Type'}, not JSON.`);
      }
      return { headers: Object.fromEntries(response.headers), body };
    },
  };
}

/** The answer's body as text, read up to `maxBytes`: past that the rest is not read, the connection is closed. */
async function readAnswer(response: Response, maxBytes: number): Promise<string> {
  const tooLarge = () =>
    new UnexpectedAnswerError(`api.video answered HTTP ${response.status} with more than ${maxBytes / 1024 / 1024} MiB; an answer to this call is a few hundred bytes.`);
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      // Cancelling the stream closes the connection: the rest is never read.
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

function problemOf(body: string): Record<string, unknown> | undefined {
  try {
    const json = JSON.parse(body) as unknown;
    return json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
