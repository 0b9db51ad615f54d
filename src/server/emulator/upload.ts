import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, problems, type Problem } from './problems.js';
import { drain, sendJson, sendProblem } from './http.js';
import { isId } from './ids.js';
import { receiveMultipart, type ReceivedForm } from './multipart.js';
import { discard } from './storage.js';
import { parseContentRange, type ContentRange } from './content-range.js';
import { videoJson } from './videos.js';
import type { Context } from './context.js';
import type { Fault, StoredPiece, UploadLogEntry, UploadTokenRecord, VideoRecord } from './state.js';

type WellFormedRange = Exclude<ContentRange, { kind: 'malformed' }>;

const MAX_FAULT_DELAY_MS = 120_000;

/**
 * Who sends the bytes: a delegated upload token (`POST /upload?token=`), or an API key / bearer token uploading
 * into one video (`POST /videos/{videoId}/source`, the uploader's apiKey and accessToken modes).
 */
export type UploadCredential =
  | { kind: 'token'; token: string | null }
  | { kind: 'api'; videoId: string; authorize: () => void };

type Uploader = { token: UploadTokenRecord } | { video: VideoRecord };

export async function handleUpload(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: Context,
  credential: UploadCredential,
  rateLimit: () => void,
): Promise<void> {
  const { state } = ctx;
  const token = credential.kind === 'token' ? credential.token : null;
  const range = parseContentRange(req.headers['content-range']);
  const entry: UploadLogEntry = {
    at: state.now(),
    token: token || null,
    part: range.kind === 'part' ? range.part : null,
    totalParts: range.kind === 'part' ? range.total : null,
    videoId: null,
    status: 0,
    bytes: 0,
  };
  state.logRequest(entry);

  const fault = state.takeFault(entry.part);
  if (fault && (await applyFault(req, res, fault, entry, (name) => state.held(name, MAX_FAULT_DELAY_MS)))) {
    if (entry.status > 0) entry.answeredAt = state.now();
    return;
  }

  const answer = async (status: number, body: unknown) => {
    await ctx.network.latency();
    if (fault?.dropAnswer) {
      // The part is stored (or refused) as usual, but the answer is lost on the way back, as on a dropped network.
      entry.status = 0;
      req.socket.destroy();
      return;
    }
    entry.status = status;
    entry.answeredAt = state.now();
    sendJson(res, status, body);
  };
  const refuse = async (body: Problem) => {
    await drain(req);
    entry.status = body.status;
    entry.answeredAt = state.now();
    sendProblem(res, body);
  };

  try {
    rateLimit();
    if (credential.kind === 'api') credential.authorize();
  } catch (err) {
    if (err instanceof HttpError) return refuse(err.body);
    throw err;
  }
  let uploader: Uploader;
  if (credential.kind === 'api') {
    const video = isId('vi', credential.videoId) ? state.videos.get(credential.videoId) : undefined;
    if (!video) return refuse(problems.notFound('videoId'));
    entry.videoId = video.videoId;
    uploader = { video };
  } else {
    if (!token) return refuse(problems.missingUploadToken());
    const tokenRecord = state.tokens.get(token);
    if (!tokenRecord || tokenRecord.deleted) return refuse(problems.invalidUploadToken());
    uploader = { token: tokenRecord };
  }
  if (range.kind === 'malformed') return refuse(problems.rangeMalformed());
  const rangeProblem = checkRange(range, state.config.maxParts);
  if (rangeProblem) return refuse(rangeProblem);

  const generation = state.generation;
  const tempPath = await ctx.storage.incomingPath();
  // Whatever the mode, no request streams more than its limit to disk: the rest of a larger file is dropped.
  const maxBytes = range.kind === 'none' ? state.config.maxSingleShotBytes : state.config.maxPartBytes;
  await ctx.network.latency();
  const form = await receiveMultipart(req, tempPath, maxBytes, ctx.network.throttle());
  entry.bytes = form.size;
  entry.videoId ??= form.fields.videoId ?? null;
  if (form.aborted) {
    // The client went away: nothing is recorded, and there is nobody to answer.
    await discard(form.path ?? undefined);
    return;
  }
  // A reset while the bytes arrived took the token, the video and the folder they were going to: say so, store nothing.
  const wasReset = () => state.generation !== generation;
  if (wasReset()) {
    await discard(form.path ?? undefined);
    return answer(409, problems.resetDuringUpload());
  }
  try {
    const video = await accept(ctx, uploader, range, form);
    entry.videoId = video.videoId;
    if (wasReset()) return answer(409, problems.resetDuringUpload());
    answer(201, videoJson(video, ctx.baseUrl(req)));
  } catch (err) {
    await discard(form.path ?? undefined);
    if (wasReset()) answer(409, problems.resetDuringUpload());
    else if (err instanceof HttpError) answer(err.status, err.body);
    else throw err;
  }
}

/** Plays an injected fault; true when it answered (or cut) the request, so normal handling must not run. */
export async function applyFault(
  req: IncomingMessage,
  res: ServerResponse,
  fault: Fault,
  entry: UploadLogEntry,
  held: (name: string) => Promise<void>,
): Promise<boolean> {
  if (fault.delayMs) await new Promise((r) => setTimeout(r, Math.min(fault.delayMs!, MAX_FAULT_DELAY_MS)));
  if (fault.hold) await held(fault.hold);
  if (fault.reset) {
    // Cut the connection once some of the body has arrived, as a dropped network would.
    await new Promise<void>((resolve) => {
      const cut = () => {
        req.socket.destroy();
        resolve();
      };
      // The client may have left during the delay: its 'close' has fired already and will not fire again.
      if (req.destroyed) return resolve();
      if (req.readableEnded) return cut();
      req.once('data', (chunk: Buffer) => {
        entry.bytes = chunk.length;
        cut();
      });
      req.once('end', cut);
      req.once('close', () => resolve());
    });
    entry.status = 0;
    return true;
  }
  if (fault.status === undefined) return false;
  await drain(req);
  entry.status = fault.status;
  const headers = fault.headers ?? {};
  if (res.headersSent || res.destroyed) return true;
  if (typeof fault.body === 'string') {
    res.writeHead(fault.status, { 'Content-Type': 'text/plain', ...headers });
    res.end(fault.body);
  } else if (fault.body !== undefined) {
    sendJson(res, fault.status, fault.body, headers);
  } else {
    sendJson(res, fault.status, { type: 'https://docs.api.video/reference/injected-fault', title: 'Injected fault.', status: fault.status }, headers);
  }
  return true;
}

function checkRange(range: WellFormedRange, maxParts: number): Problem | undefined {
  if (range.kind === 'part') {
    if (range.part === 0) return problems.partZero();
    if (range.total === 0) return problems.totalZero();
    if (range.part > maxParts || (range.total !== null && range.part > range.total)) return problems.partTooHigh();
  }
  if (range.kind === 'bytes') {
    if (range.from > range.to || (range.total !== null && range.to >= range.total)) return problems.rangeMalformed();
  }
  return undefined;
}

async function accept(ctx: Context, uploader: Uploader, range: WellFormedRange, form: ReceivedForm): Promise<VideoRecord> {
  const { state } = ctx;
  if (form.malformed) throw new HttpError(problems.notMultipart());
  let existing: VideoRecord | undefined;
  const token = 'token' in uploader ? uploader.token : null;
  if (token) {
    const videoId = form.fields.videoId;
    const named = videoId !== undefined && videoId !== '';
    if (named) existing = isId('vi', videoId) ? state.videos.get(videoId) : undefined;
    if (state.isExpired(token)) {
      // api.video lets an upload that began while its token was valid finish after the token expires;
      // strictTokenExpiry refuses it so that clients' recovery can be exercised.
      const beganInTime = existing !== undefined && token.expiresAt !== null && existing.createdAt < token.expiresAt;
      if (state.config.strictTokenExpiry || !beganInTime) throw new HttpError(problems.invalidUploadToken());
    }
    if (named && !existing) throw new HttpError(problems.notFound('videoId'));
  } else if ('video' in uploader) {
    // The video may have been deleted while its bytes were arriving.
    existing = state.videos.get(uploader.video.videoId);
    if (!existing) throw new HttpError(problems.notFound('videoId'));
  }
  if (form.fileCount === 0) throw new HttpError(problems.noFile());
  if (form.fileCount > 1) throw new HttpError(problems.multipleFiles());
  if (form.size === 0) throw new HttpError(problems.emptyFile());
  if (form.tooLarge) {
    throw new HttpError(range.kind === 'none' ? problems.fileTooLarge(state.config.maxSingleShotBytes) : problems.partTooLarge(state.config.maxPartBytes));
  }
  if (existing && (existing.complete || existing.mode === 'single')) throw new HttpError(problems.alreadyUploaded());

  const video = existing ?? { pending: true as const };
  if (range.kind === 'part') {
    checkPart(video, range.part, range.total, form.size, state.config.minPartBytes);
  } else if (range.kind === 'bytes') {
    checkBytes(video, range.from, range.to, range.total, form.size);
  } else if (existing && existing.mode !== 'none') {
    throw new HttpError(existing.mode === 'part' ? problems.startedWithPart() : problems.startedWithBytes());
  }

  // Every check passed: record the piece synchronously so concurrent requests see it, then move the bytes.
  const target = existing ?? state.createVideo(form.filename || 'video');
  const key = range.kind === 'part' ? range.part : range.kind === 'bytes' ? range.from : 1;
  const piece: StoredPiece = { key, size: form.size, path: form.path!, token: token?.token ?? null, ready: Promise.resolve() };
  piece.ready = ctx.storage.keep(form.path!, target.videoId, key).then((path) => {
    piece.path = path;
  });
  target.pieces.set(key, piece);
  target.mode = range.kind === 'none' ? 'single' : range.kind;
  if (range.kind !== 'none' && range.total !== null) target.total = range.total;
  if (range.kind === 'none') target.total = 1;
  target.updatedAt = state.now();
  try {
    await piece.ready;
  } catch (err) {
    target.pieces.delete(key);
    throw err;
  }

  if (!target.complete && isComplete(target)) {
    // Parts may finish together: they share one join. The video is complete only once its source is on disk;
    // a failed join leaves it uploading, with no source, and the next request may try again.
    target.joining ??= joinSource(ctx, target).finally(() => {
      target.joining = undefined;
    });
    await target.joining;
  }
  return target;
}

async function joinSource(ctx: Context, target: VideoRecord): Promise<void> {
  await Promise.all([...target.pieces.values()].map((p) => p.ready));
  const joined = await ctx.storage.join(target);
  target.sourcePath = joined.path;
  target.size = joined.size;
  target.sha256 = joined.sha256;
  target.completedAt = ctx.state.now();
  target.complete = true;
}

type MaybeVideo = VideoRecord | { pending: true };

function checkPart(video: MaybeVideo, part: number, total: number | null, size: number, minPartBytes: number): void {
  if ('videoId' in video) {
    if (video.mode === 'bytes') throw new HttpError(problems.startedWithBytes());
    if (video.pieces.has(part)) throw new HttpError(problems.partAlreadySent(part));
    if (total !== null && video.total !== null && total !== video.total) throw new HttpError(problems.differentTotalParts());
    if (total !== null && Math.max(0, ...video.pieces.keys()) > total) throw new HttpError(problems.totalPartsTooLow());
    if (total === null && video.total !== null && part > video.total) throw new HttpError(problems.partTooHigh());
  }
  const knownTotal = total ?? ('videoId' in video ? video.total : null);
  const isLast = knownTotal !== null && part === knownTotal;
  if (!isLast && size < minPartBytes) throw new HttpError(problems.partTooSmall(minPartBytes));
}

function checkBytes(video: MaybeVideo, from: number, to: number, total: number | null, size: number): void {
  if (to - from + 1 !== size) {
    throw new HttpError(problems.bytesMismatch(`The range ${from}-${to} is ${to - from + 1} bytes but the file has ${size}.`));
  }
  if (!('videoId' in video)) return;
  if (video.mode === 'part') throw new HttpError(problems.startedWithPart());
  if (total !== null && video.total !== null && total !== video.total) {
    throw new HttpError(problems.bytesMismatch('The total size differs from the one already set for this video.'));
  }
  for (const piece of video.pieces.values()) {
    if (from <= piece.key + piece.size - 1 && piece.key <= to) {
      throw new HttpError(problems.bytesMismatch(`The range ${from}-${to} overlaps bytes already sent.`));
    }
  }
}

function isComplete(video: VideoRecord): boolean {
  if (video.mode === 'single') return true;
  if (video.total === null) return false;
  if (video.mode === 'part') {
    for (let i = 1; i <= video.total; i++) if (!video.pieces.has(i)) return false;
    return true;
  }
  let next = 0;
  for (const piece of [...video.pieces.values()].sort((a, b) => a.key - b.key)) {
    if (piece.key !== next) return false;
    next += piece.size;
  }
  return next === video.total;
}
