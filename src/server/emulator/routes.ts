// api.video's routes, as a table: each path pattern, the methods it takes, and what answers it. The control routes
// (`/__emulator/*`) are the emulator's own and come first.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, problems } from './problems.js';
import { readJsonObject, sendJson } from './http.js';
import { authenticate, refresh, requireApiAuth } from './auth.js';
import { handleUpload } from './upload.js';
import { createUploadToken, deleteUploadToken, getUploadToken, listUploadTokens } from './upload-tokens.js';
import { deleteVideo, findVideo, listVideos, serveAsset, statusJson, videoJson } from './videos.js';
import { handleControl } from './control.js';
import { parseVideoFields, parseVideoUpdate } from './video-fields.js';
import { parseTimecode } from './timecode.js';
import { applyConfig } from './options.js';
import type { RateLimit } from './rate-limit.js';
import type { Context } from './context.js';

interface Call {
  req: IncomingMessage;
  res: ServerResponse;
  ctx: Context;
  method: string;
  params: URLSearchParams;
  /** The pattern's groups, %-decoded. */
  groups: string[];
  /** Counts the request against api.video's rate limit (429 past it). */
  takeRate(): void;
}

interface Route {
  pattern: RegExp;
  methods: string[];
  /** Answers without counting against the rate limit itself (uploads count inside, assets never). */
  ownRate?: boolean;
  answer(call: Call): Promise<void> | void;
}

const ROUTES: Route[] = [
  {
    pattern: /^\/upload$/,
    methods: ['POST'],
    ownRate: true,
    answer: ({ req, res, ctx, params, takeRate }) => handleUpload(req, res, ctx, { kind: 'token', token: params.get('token') }, takeRate),
  },
  {
    pattern: /^\/videos\/([^/]+)\/source$/,
    methods: ['POST'],
    ownRate: true,
    answer: ({ req, res, ctx, groups, takeRate }) =>
      handleUpload(req, res, ctx, { kind: 'api', videoId: groups[0]!, authorize: () => requireApiAuth(req, ctx.state) }, takeRate),
  },
  {
    pattern: /^\/auth\/(api-key|refresh)$/,
    methods: ['POST'],
    answer: async ({ req, res, ctx, groups }) => {
      const body = await readJsonObject(req);
      sendJson(res, 200, groups[0] === 'api-key' ? authenticate(ctx.state, body) : refresh(ctx.state, body));
    },
  },
  {
    pattern: /^\/upload-tokens$/,
    methods: ['GET', 'POST'],
    answer: async ({ req, res, ctx, method, params }) => {
      requireApiAuth(req, ctx.state);
      if (method === 'POST') return createUploadToken(res, ctx, await readJsonObject(req));
      return listUploadTokens(req, res, ctx, params);
    },
  },
  {
    pattern: /^\/upload-tokens\/([^/]+)$/,
    methods: ['GET', 'DELETE'],
    answer: ({ req, res, ctx, method, groups }) => {
      requireApiAuth(req, ctx.state);
      return method === 'GET' ? getUploadToken(res, ctx, groups[0]!) : deleteUploadToken(res, ctx, groups[0]!);
    },
  },
  {
    pattern: /^\/videos$/,
    methods: ['GET', 'POST'],
    answer: async ({ req, res, ctx, method, params }) => {
      requireApiAuth(req, ctx.state);
      if (method === 'GET') return listVideos(req, res, ctx, params);
      const fields = parseVideoFields(await readJsonObject(req));
      sendJson(res, 201, videoJson(ctx.state.createVideo(fields), ctx.baseUrl(req)));
    },
  },
  {
    pattern: /^\/videos\/([^/]+)\/status$/,
    methods: ['GET'],
    answer: ({ req, res, ctx, groups }) => {
      requireApiAuth(req, ctx.state);
      sendJson(res, 200, statusJson(findVideo(ctx, groups[0]!), ctx));
    },
  },
  {
    pattern: /^\/videos\/([^/]+)\/thumbnail$/,
    methods: ['PATCH'],
    answer: async ({ req, res, ctx, groups }) => {
      requireApiAuth(req, ctx.state);
      findVideo(ctx, groups[0]!);
      const timecode = parseTimecode(await readJsonObject(req));
      // Found again: the video may have gone (deleted, reset) while its body was read.
      const video = findVideo(ctx, groups[0]!);
      ctx.state.pickThumbnail(video, timecode);
      sendJson(res, 200, videoJson(video, ctx.baseUrl(req)));
    },
  },
  {
    pattern: /^\/videos\/([^/]+)$/,
    methods: ['GET', 'PATCH', 'DELETE'],
    answer: async ({ req, res, ctx, method, groups }) => {
      requireApiAuth(req, ctx.state);
      let video = findVideo(ctx, groups[0]!);
      if (method === 'DELETE') return deleteVideo(res, ctx, video);
      if (method === 'PATCH') {
        const update = parseVideoUpdate(await readJsonObject(req));
        video = findVideo(ctx, groups[0]!);
        ctx.state.updateVideo(video, update);
      }
      sendJson(res, 200, videoJson(video, ctx.baseUrl(req)));
    },
  },
  {
    pattern: /^\/vod\/([^/]+)\/(hls\/manifest\.m3u8|mp4\/source\.mp4|player|thumbnail\.jpg)$/,
    methods: ['GET', 'HEAD'],
    // What a player fetches, from a CDN on api.video: never rate limited.
    ownRate: true,
    answer: ({ req, res, ctx, groups }) => serveAsset(req, res, ctx, groups[0]!, groups[1]!),
  },
];

/** Answers one request, or throws the HttpError that answers it. */
export async function route(req: IncomingMessage, res: ServerResponse, ctx: Context, rateLimit: RateLimit): Promise<void> {
  const url = parseTarget(req.url);
  const path = url.pathname.replace(/\/+$/, '') || '/';
  const method = req.method ?? 'GET';
  if (path === '/__emulator' || path.startsWith('/__emulator/')) {
    if (await handleControl(req, res, ctx, path, (body) => applyConfig(ctx.state, body))) return;
    throw new HttpError(problems.unrecognizedUrl());
  }
  for (const candidate of ROUTES) {
    const match = candidate.pattern.exec(path);
    if (!match) continue;
    const takeRate = () => rateLimit.take(res);
    // As api.video counts them: an API request counts even when its method is wrong.
    if (!candidate.ownRate) takeRate();
    if (!candidate.methods.includes(method)) throw new HttpError(problems.methodNotAllowed(), { Allow: candidate.methods.join(', ') });
    return candidate.answer({ req, res, ctx, method, params: url.searchParams, groups: match.slice(1).map(safeDecode), takeRate });
  }
  if (!path.startsWith('/vod/')) rateLimit.take(res);
  throw new HttpError(problems.unrecognizedUrl());
}

/** An absolute-form target (`GET http://[ HTTP/1.1`) can be no URL at all: that is a bad request URL, not a bug. */
function parseTarget(target: string | undefined): URL {
  try {
    return new URL(target ?? '/', 'http://emulator.invalid');
  } catch {
    throw new HttpError(problems.unrecognizedUrl());
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
