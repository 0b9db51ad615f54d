// One edit of a video's details, sent to the site's token handler (`PATCH` on its URL, with the capability it signed
// for the video), and what came back, in words. The API key stays on the site's backend.
import type { MetadataErrorCode, VideoMetadata } from '../events/index.js';
import { endpointWords } from '../upload/token-source.js';
import type { EditableVideo } from '../upload/types.js';
import type { MetadataStrings } from './metadata-strings.js';

export interface VideoEdit {
  video: VideoMetadata;
  thumbnailTimecode?: string;
}

export type EditOutcome =
  | { ok: true; video: VideoMetadata; thumbnailTimecode?: string }
  | { ok: false; code: Exclude<MetadataErrorCode, 'invalid'>; message: string; status?: number };

export interface EditRequest {
  /** The token handler's URL (`metadata-url`, else `token-url`). */
  url?: string;
  /** The token request's settings: its headers and credentials go with the edit too (a site's login check). */
  init?: RequestInit;
  timeoutMs: number;
  strings: MetadataStrings;
}

export async function sendEdit(target: EditableVideo, edit: VideoEdit, request: EditRequest): Promise<EditOutcome> {
  const { strings } = request;
  if (!request.url) return { ok: false, code: 'not-editable', message: strings.notEditable };
  const headers = new Headers(request.init?.headers);
  headers.set('Content-Type', 'application/json');
  headers.set('Accept', 'application/json');
  let response: Response;
  let text: string;
  try {
    response = await fetch(request.url, {
      credentials: request.init?.credentials ?? 'same-origin',
      method: 'PATCH',
      headers,
      body: JSON.stringify({ videoId: target.videoId, capability: target.capability, ...edit }),
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    text = await response.text();
  } catch {
    return { ok: false, code: 'network', message: strings.unreachable };
  }
  if (response.ok) {
    const answer = readAnswer(text);
    if (answer) return { ok: true, ...answer };
    return { ok: false, code: 'server', status: response.status, message: strings.failed(response.status) };
  }
  if (response.status >= 500) return { ok: false, code: 'server', status: response.status, message: strings.failed(response.status) };
  // 404 and 405: a token handler without the route (an older version, or a plain token endpoint).
  if (response.status === 404 || response.status === 405) return { ok: false, code: 'not-editable', status: response.status, message: strings.notEditable };
  const words = endpointWords(text, response.headers.get('Content-Type') ?? '') ?? String(response.status);
  return { ok: false, code: 'refused', status: response.status, message: strings.refused(words) };
}

function readAnswer(text: string): { video: VideoMetadata; thumbnailTimecode?: string } | undefined {
  try {
    const answer = JSON.parse(text) as { video?: unknown; thumbnailTimecode?: unknown };
    if (!answer || typeof answer.video !== 'object' || answer.video === null) return undefined;
    const { title, description, tags } = answer.video as Record<string, unknown>;
    return {
      video: {
        ...(typeof title === 'string' ? { title } : {}),
        ...(typeof description === 'string' ? { description } : {}),
        ...(Array.isArray(tags) ? { tags: tags.filter((tag): tag is string => typeof tag === 'string') } : {}),
      },
      ...(typeof answer.thumbnailTimecode === 'string' ? { thumbnailTimecode: answer.thumbnailTimecode } : {}),
    };
  } catch {
    return undefined;
  }
}
