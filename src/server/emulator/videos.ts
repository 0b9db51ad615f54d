import type { IncomingMessage, ServerResponse } from 'node:http';
import { createReadStream } from 'node:fs';
import { toAtom } from '../api-video/json.js';
import { isId } from './ids.js';
import { HttpError, problems } from './problems.js';
import { intParam, sendJson, sendNoContent } from './http.js';
import { paginate } from './paging.js';
import { THUMBNAIL_JPEG } from './thumbnail.js';
import type { Context } from './context.js';
import type { VideoRecord } from './state.js';

export function findVideo(ctx: Context, videoId: string): VideoRecord {
  const video = isId('vi', videoId) ? ctx.state.videos.get(videoId) : undefined;
  if (!video) throw new HttpError(problems.notFound('videoId'));
  return video;
}

export function videoJson(video: VideoRecord, base: string) {
  const vod = `${base}/vod/${video.videoId}`;
  return {
    videoId: video.videoId,
    title: video.title,
    description: video.description,
    createdAt: toAtom(video.createdAt),
    publishedAt: toAtom(video.createdAt),
    updatedAt: toAtom(video.updatedAt),
    discarded: false,
    discardedAt: null,
    deletesAt: null,
    // The spec's `language` is a string, never null: a video with none set has none here.
    ...(video.language === null ? {} : { language: video.language }),
    languageOrigin: video.language === null ? null : 'api',
    tags: video.tags,
    metadata: video.metadata,
    source: { uri: `/videos/${video.videoId}/source` },
    assets: {
      iframe: `<iframe src="${vod}/player" width="100%" height="100%" frameborder="0" scrolling="no" allowfullscreen=""></iframe>`,
      player: `${vod}/player`,
      hls: `${vod}/hls/manifest.m3u8`,
      thumbnail: `${vod}/thumbnail.jpg`,
      mp4: `${vod}/mp4/source.mp4`,
    },
    playerId: video.playerId,
    public: video.public,
    panoramic: video.panoramic,
    mp4Support: video.mp4Support,
  };
}

export function statusJson(video: VideoRecord, ctx: Context) {
  const playable = isPlayable(video, ctx);
  const parts = video.mode === 'part' ? [...video.pieces.keys()].sort((a, b) => a - b) : video.complete ? [1] : [];
  const receivedBytes =
    video.mode === 'bytes'
      ? [...video.pieces.values()]
          .sort((a, b) => a.key - b.key)
          .map((p) => ({ from: p.key, to: p.key + p.size - 1, total: video.total ?? p.key + p.size }))
      : [];
  return {
    ingest: {
      status: video.complete ? 'uploaded' : 'uploading',
      filesize: video.size,
      receivedBytes,
      receivedParts: { parts, total: video.mode === 'part' ? video.total : video.complete ? 1 : null },
    },
    encoding: {
      playable,
      qualities: video.complete ? [{ type: 'hls', quality: '720p', status: playable ? 'encoded' : 'encoding' }] : [],
      metadata: {
        width: null,
        height: null,
        bitrate: null,
        duration: null,
        framerate: null,
        samplerate: null,
        videoCodec: null,
        audioCodec: null,
        aspectRatio: null,
      },
    },
  };
}

export function isPlayable(video: VideoRecord, ctx: Context): boolean {
  return video.completedAt !== null && video.sourcePath !== null && ctx.state.now() >= video.completedAt + ctx.state.config.hlsReadyDelayMs;
}

export function listVideos(req: IncomingMessage, res: ServerResponse, ctx: Context, params: URLSearchParams): void {
  const currentPage = intParam(params, 'currentPage', 1, 1, Number.MAX_SAFE_INTEGER);
  const pageSize = intParam(params, 'pageSize', 25, 1, 100);
  const sortOrder = params.get('sortOrder') === 'desc' ? -1 : 1;
  const title = params.get('title');
  const all = [...ctx.state.videos.values()]
    .filter((v) => title === null || v.title === title)
    .sort((a, b) => (a.createdAt - b.createdAt || a.videoId.localeCompare(b.videoId)) * sortOrder);
  const base = ctx.baseUrl(req);
  sendJson(res, 200, paginate(all, currentPage, pageSize, `${base}/videos`, params, (v) => videoJson(v, base)));
}

export async function deleteVideo(res: ServerResponse, ctx: Context, video: VideoRecord): Promise<void> {
  ctx.state.videos.delete(video.videoId);
  await ctx.storage.removeVideo(video.videoId);
  sendNoContent(res);
}

/** `GET /vod/{videoId}/...`: what a player fetches. No auth, like api.video's public CDN URLs. */
export function serveAsset(req: IncomingMessage, res: ServerResponse, ctx: Context, videoId: string, asset: string): void {
  const video = findVideo(ctx, videoId);
  const base = ctx.baseUrl(req);
  if (asset === 'hls/manifest.m3u8') {
    if (!isPlayable(video, ctx)) {
      res.writeHead(202, { 'Content-Type': 'text/plain', 'Retry-After': '1' });
      res.end('The video is not playable yet.');
      return;
    }
    const body = [
      '#EXTM3U',
      '#EXT-X-VERSION:3',
      '#EXT-X-TARGETDURATION:10',
      '#EXT-X-MEDIA-SEQUENCE:0',
      '#EXT-X-PLAYLIST-TYPE:VOD',
      '#EXTINF:10.0,',
      `${base}/vod/${video.videoId}/mp4/source.mp4`,
      '#EXT-X-ENDLIST',
      '',
    ].join('\n');
    res.writeHead(200, { 'Content-Type': 'application/vnd.apple.mpegurl' });
    res.end(body);
    return;
  }
  if (asset === 'mp4/source.mp4') return serveSource(req, res, video);
  if (asset === 'thumbnail.jpg') {
    res.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': String(THUMBNAIL_JPEG.length), 'Cache-Control': 'public, max-age=3600' });
    res.end(req.method === 'HEAD' ? undefined : THUMBNAIL_JPEG);
    return;
  }
  if (asset === 'player') {
    const html = `<!doctype html><meta charset="utf-8"><title>${escapeHtml(video.title)}</title><video controls style="width:100%;height:100%" src="${base}/vod/${video.videoId}/mp4/source.mp4"></video>`;
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(html);
    return;
  }
  throw new HttpError(problems.unrecognizedUrl());
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The uploaded bytes, with Range support so a `<video>` element can seek and play them. */
function serveSource(req: IncomingMessage, res: ServerResponse, video: VideoRecord): void {
  if (!video.sourcePath || video.size === null) throw new HttpError(problems.notFound('videoId'));
  const size = video.size;
  const headers: Record<string, string> = { 'Content-Type': 'video/mp4', 'Accept-Ranges': 'bytes' };
  const range = req.headers.range;
  let start = 0;
  let end = size - 1;
  let status = 200;
  if (range) {
    const m = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
    const valid = m && (m[1] !== '' || m[2] !== '');
    if (valid) {
      if (m[1] === '') {
        start = Math.max(0, size - Number(m[2]));
      } else {
        start = Number(m[1]);
        end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
      }
    }
    if (!valid || start > end || start >= size) {
      res.writeHead(416, { 'Content-Range': `bytes */${size}` });
      res.end();
      return;
    }
    status = 206;
    headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
  }
  headers['Content-Length'] = String(end - start + 1);
  res.writeHead(status, headers);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(video.sourcePath, { start, end });
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

