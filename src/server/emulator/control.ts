import { validateHeaderName, validateHeaderValue, type IncomingMessage, type ServerResponse } from 'node:http';
import { HttpError, problems } from './problems.js';
import { readJsonObject, sendJson } from './http.js';
import { isId } from './ids.js';
import { parseTtl } from './upload-tokens.js';
import { tokenJson, type Fault, type VideoRecord } from './state.js';
import type { Context } from './context.js';

const FRAMING_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection']);

const bad = (name: string, detail: string) => new HttpError(problems.invalidAttribute(name, detail));

/**
 * How far the clock may be moved in all, over every call until a reset: a hundred years. With a token's longest life
 * (68 years) on top, every date the emulator writes stays a valid four-digit-year date.
 */
export const MAX_CLOCK_OFFSET_MS = 100 * 365 * 24 * 3600 * 1000;

function optionalInt(body: Record<string, unknown>, name: string, min: number, max: number): number | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw bad(name, `${name} must be an integer between ${min} and ${max}.`);
  }
  return value;
}

function optionalBool(body: Record<string, unknown>, name: string): boolean | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw bad(name, `${name} must be true or false.`);
  return value;
}

/**
 * A fault's body is sent back as JSON, in the answer it fakes and in the list of faults. One nested too deeply to be
 * written again (JSON.parse reads depths that JSON.stringify cannot write) would break both for as long as it stays
 * queued, so it is refused before it is stored.
 */
function storable(value: unknown): void {
  try {
    JSON.stringify(value);
  } catch {
    throw bad('body', 'body cannot be stored: it is nested too deeply to be sent back as JSON.');
  }
}

export function parseFault(body: Record<string, unknown>): Fault {
  const fault: Fault = { times: optionalInt(body, 'times', 1, 1_000_000) ?? 1 };
  const part = optionalInt(body, 'part', 1, 10_000);
  if (part !== undefined) fault.part = part;
  // 1xx is no final answer: 100 leaves the client waiting and 101 hands the socket over, so neither tests anything.
  const status = optionalInt(body, 'status', 200, 599);
  if (status !== undefined) fault.status = status;
  const delayMs = optionalInt(body, 'delayMs', 0, 120_000);
  if (delayMs !== undefined) fault.delayMs = delayMs;
  if (body.hold !== undefined && body.hold !== null) {
    if (typeof body.hold !== 'string' || !/^[\w.-]{1,100}$/.test(body.hold)) {
      throw bad('hold', 'hold must be a name of 1 to 100 letters, digits, dots, dashes or underscores.');
    }
    fault.hold = body.hold;
  }
  const reset = optionalBool(body, 'reset');
  if (reset) fault.reset = true;
  const dropAnswer = optionalBool(body, 'dropAnswer');
  if (dropAnswer) fault.dropAnswer = true;
  if (body.body !== undefined) {
    if (typeof body.body !== 'string' && (typeof body.body !== 'object' || body.body === null)) {
      throw bad('body', 'body must be a JSON object, array or a string.');
    }
    storable(body.body);
    fault.body = body.body;
  }
  if (body.headers !== undefined) {
    const h = body.headers;
    if (typeof h !== 'object' || h === null || Array.isArray(h) || Object.values(h).some((v) => typeof v !== 'string')) {
      throw bad('headers', 'headers must be an object of string values.');
    }
    for (const [name, value] of Object.entries(h as Record<string, string>)) {
      try {
        validateHeaderName(name);
        validateHeaderValue(name, value);
      } catch {
        throw bad('headers', `"${name}" is not a valid header name, or its value is not a valid header value.`);
      }
      // The emulator frames the body itself; a made-up length would cut the answer short or leave the client waiting.
      if (FRAMING_HEADERS.has(name.toLowerCase())) throw bad('headers', `${name} is set by the emulator and cannot be injected.`);
    }
    fault.headers = h as Record<string, string>;
  }
  if (fault.status === undefined && !fault.reset && fault.delayMs === undefined && !fault.dropAnswer && fault.hold === undefined) {
    throw bad('status', 'A fault needs at least one of status, reset, delayMs, hold or dropAnswer.');
  }
  if (fault.dropAnswer && (fault.reset || fault.status !== undefined)) {
    throw bad('dropAnswer', 'dropAnswer cannot be combined with status or reset: the request is handled as usual.');
  }
  return fault;
}

/** What `GET /__emulator/videos/{videoId}` answers, and each item of `GET /__emulator/videos`. */
export interface EmulatorVideoReport {
  videoId: string;
  title: string;
  mode: VideoRecord['mode'];
  /** Bytes of the joined source; null until it is complete. */
  size: number | null;
  sha256: string | null;
  receivedParts: number[];
  totalParts: number | null;
  complete: boolean;
  /** The upload token that carried each piece, by part number or byte offset; null for one sent with an API key. */
  partTokens: Record<string, string | null>;
  /** The timecode picked with `PATCH /videos/{videoId}/thumbnail`; null until one is. */
  thumbnailTimecode: string | null;
}

export function controlVideoJson(video: VideoRecord): EmulatorVideoReport {
  const partTokens: Record<string, string | null> = {};
  for (const piece of [...video.pieces.values()].sort((a, b) => a.key - b.key)) partTokens[String(piece.key)] = piece.token;
  return {
    videoId: video.videoId,
    title: video.title,
    mode: video.mode,
    size: video.size,
    sha256: video.sha256,
    receivedParts: [...video.pieces.keys()].sort((a, b) => a - b),
    totalParts: video.total,
    complete: video.complete && video.sha256 !== null,
    partTokens,
    thumbnailTimecode: video.thumbnailTimecode,
  };
}

/** The `/__emulator/*` routes: test hooks, not part of api.video. Returns false when no route matched. */
export async function handleControl(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: Context,
  path: string,
  applyConfig: (body: Record<string, unknown>) => Record<string, unknown>,
): Promise<boolean> {
  const { state } = ctx;
  const method = req.method ?? 'GET';
  const route = path.slice('/__emulator'.length) || '/';
  const allow = (...methods: string[]) => {
    if (!methods.includes(method)) throw new HttpError(problems.methodNotAllowed(), { Allow: methods.join(', ') });
  };

  if (route === '/reset') {
    allow('POST');
    state.reset();
    await ctx.storage.clear();
    sendJson(res, 200, { reset: true });
    return true;
  }
  if (route === '/faults') {
    allow('GET', 'POST', 'DELETE');
    if (method === 'POST') state.faults.push(parseFault(await readJsonObject(req)));
    if (method === 'DELETE') state.faults = [];
    sendJson(res, 200, { faults: state.faults });
    return true;
  }
  const release = /^\/holds\/([\w.-]{1,100})\/release$/.exec(route);
  if (release) {
    allow('POST');
    sendJson(res, 200, { hold: release[1], released: state.releaseHold(release[1]) });
    return true;
  }
  if (route === '/tokens') {
    allow('POST');
    sendJson(res, 200, tokenJson(state.createToken(parseTtl(await readJsonObject(req)))));
    return true;
  }
  const tokenAction = /^\/tokens\/([^/]+)\/(expire|delete)$/.exec(route);
  if (tokenAction) {
    allow('POST');
    const [, token, action] = tokenAction;
    const record = isId('to', token) ? state.tokens.get(token) : undefined;
    if (!record || record.deleted) throw new HttpError(problems.notFound('uploadToken'));
    if (action === 'expire') record.expiresAt = Math.min(record.expiresAt ?? Infinity, state.now());
    else record.deleted = true;
    sendJson(res, 200, { ...tokenJson(record), expired: state.isExpired(record), deleted: record.deleted });
    return true;
  }
  if (route === '/videos') {
    allow('GET');
    sendJson(res, 200, [...state.videos.values()].map(controlVideoJson));
    return true;
  }
  const videoMatch = /^\/videos\/([^/]+)$/.exec(route);
  if (videoMatch) {
    allow('GET');
    const video = isId('vi', videoMatch[1]) ? state.videos.get(videoMatch[1]) : undefined;
    if (!video) throw new HttpError(problems.notFound('videoId'));
    sendJson(res, 200, controlVideoJson(video));
    return true;
  }
  if (route === '/requests') {
    allow('GET', 'DELETE');
    if (method === 'DELETE') state.requests = [];
    sendJson(res, 200, state.requests);
    return true;
  }
  if (route === '/config') {
    allow('GET', 'POST');
    const body = method === 'POST' ? await readJsonObject(req) : {};
    sendJson(res, 200, applyConfig(body));
    return true;
  }
  if (route === '/clock') {
    allow('GET', 'POST');
    if (method === 'POST') {
      const body = await readJsonObject(req);
      const advanceMs = optionalInt(body, 'advanceMs', 0, MAX_CLOCK_OFFSET_MS);
      if (advanceMs === undefined) throw bad('advanceMs', 'advanceMs (milliseconds, 0 or more) is required.');
      const room = MAX_CLOCK_OFFSET_MS - state.clockOffsetMs;
      if (advanceMs > room) {
        throw bad('advanceMs', `The clock moves 100 years at most in all; it can move ${room} ms more. POST /__emulator/reset sets it back.`);
      }
      state.clockOffsetMs += advanceMs;
    }
    const now = state.now();
    sendJson(res, 200, { now, iso: new Date(now).toISOString(), offsetMs: state.clockOffsetMs });
    return true;
  }
  return false;
}
