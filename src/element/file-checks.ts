// The restrictions a file must pass before any request is made: not empty, a type `accept` allows,
// no larger than `max-file-size`, no longer than `max-duration`.
import { readVideoDuration } from './video-duration.js';

export type RejectReason = 'empty' | 'type' | 'size' | 'duration';

export interface FileRestrictions {
  accept?: string;
  maxFileSize?: number;
  /** Seconds. */
  maxDuration?: number;
  /** How long to wait for the metadata before treating the duration as unknown. */
  durationTimeoutMs?: number;
}

export type FileCheck =
  | { ok: true; duration?: number }
  | { ok: false; reason: 'empty' | 'type' }
  | { ok: false; reason: 'size'; size: number; max: number }
  | { ok: false; reason: 'duration'; duration: number; max: number };

// Browsers leave `File.type` empty for containers the OS does not know (often .mkv, sometimes .mov):
// the extension stands in for it so `video/*` still accepts them.
const VIDEO_EXTENSIONS: Record<string, string> = {
  mp4: 'video/mp4', m4v: 'video/x-m4v', mov: 'video/quicktime', qt: 'video/quicktime', webm: 'video/webm',
  mkv: 'video/x-matroska', avi: 'video/x-msvideo', wmv: 'video/x-ms-wmv', flv: 'video/x-flv', mpg: 'video/mpeg',
  mpeg: 'video/mpeg', m2ts: 'video/mp2t', mts: 'video/mp2t', ts: 'video/mp2t', '3gp': 'video/3gpp',
  '3g2': 'video/3gpp2', ogv: 'video/ogg', mxf: 'application/mxf',
};

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** The file's MIME type, guessed from its extension when the browser gave none. */
export function mimeTypeOf(file: File): string {
  return (file.type || VIDEO_EXTENSIONS[extensionOf(file.name)] || '').toLowerCase();
}

/** Whether `file` matches an `accept` list (`video/*`, `video/mp4`, `.mov`, comma separated) as a file input reads it. */
export function matchesAccept(file: File, accept: string | undefined): boolean {
  const patterns = (accept ?? '')
    .split(',')
    .map((pattern) => pattern.trim().toLowerCase())
    .filter(Boolean);
  if (patterns.length === 0) return true;
  const type = mimeTypeOf(file);
  const name = file.name.toLowerCase();
  return patterns.some((pattern) => {
    if (pattern.startsWith('.')) return name.endsWith(pattern);
    if (pattern.endsWith('/*')) return type.startsWith(pattern.slice(0, -1));
    return type === pattern;
  });
}

function positive(value: number | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

/**
 * Checks in the order a person would want to hear about: empty, type, size, then duration (the only slow one,
 * read only when `maxDuration` is set). A duration that cannot be read is unknown and lets the file through:
 * api.video decides then, and a site's limit is not turned into a refusal of every file the browser cannot decode.
 */
export async function checkFile(file: File, restrictions: FileRestrictions): Promise<FileCheck> {
  if (file.size === 0) return { ok: false, reason: 'empty' };
  if (!matchesAccept(file, restrictions.accept)) return { ok: false, reason: 'type' };
  if (positive(restrictions.maxFileSize) && file.size > restrictions.maxFileSize) {
    return { ok: false, reason: 'size', size: file.size, max: restrictions.maxFileSize };
  }
  if (positive(restrictions.maxDuration)) {
    const duration = await readVideoDuration(file, restrictions.durationTimeoutMs);
    if (duration !== undefined && duration > restrictions.maxDuration) {
      return { ok: false, reason: 'duration', duration, max: restrictions.maxDuration };
    }
    return { ok: true, duration };
  }
  return { ok: true };
}
