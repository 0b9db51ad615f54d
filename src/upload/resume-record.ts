// A record of an upload under way, kept so the upload can go on after a reload, a crash or a closed tab: which file
// (its fingerprint), where (the api host and the video), how (the part size and count) and how far (the parts the
// server acknowledged, each with the digest of its bytes, so only the same bytes ever continue it). Never the token: a
// resumed upload asks for a fresh one. Pure functions, tested in Node; the browser storage is resume-store.ts.
import type { NotResumedReason } from '../events/index.js';
import { fingerprintKey, type FileFingerprint } from './fingerprint.js';

/** 2: each acknowledged part's digest, and the store's seal. Records of version 1 are dropped, never half-used. */
export const RECORD_VERSION = 2;

/** How long a record is kept after its last part, by default: 7 days. */
export const DEFAULT_RESUME_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

export interface ResumeRecord {
  readonly version: typeof RECORD_VERSION;
  /** The store's key: namespace, api host and fingerprint. */
  readonly key: string;
  /** The page's `resume-storage-key`: records of one area of a site are not offered in another. */
  readonly namespace: string;
  readonly apiHost: string;
  readonly fingerprint: FileFingerprint;
  readonly videoId: string;
  readonly chunkSize: number;
  readonly parts: number;
  /** Parts the server acknowledged, ascending. */
  readonly acknowledged: readonly number[];
  /** The digest (`partDigest`) of each acknowledged part's bytes: a file continues the upload only if they match. */
  readonly digests: Readonly<Record<number, string>>;
  readonly createdAt: number;
  readonly updatedAt: number;
  /**
   * Where the browser lets a page keep it (Chromium), the file's handle: after a reload the file comes back on a
   * click, without the file picker.
   */
  readonly handle?: FileSystemFileHandle;
}

export function recordKey(namespace: string, apiHost: string, fingerprint: FileFingerprint): string {
  return JSON.stringify([namespace, apiHost, fingerprintKey(fingerprint)]);
}

/** What this session would upload: a record continues only an upload made the same way. */
export interface UploadPlan {
  readonly apiHost: string;
  readonly chunkSize: number;
  readonly parts: number;
  /** The video the page names (`video-id`), if any. */
  readonly videoId?: string;
}

export type ResumeDecision =
  | { readonly resume: true; readonly videoId: string; readonly acknowledged: readonly number[] }
  | { readonly resume: false; readonly reason?: NotResumedReason };

/** Whether `record` (of the same file) can be continued by an upload planned as `plan`. */
export function decideResume(record: ResumeRecord | undefined, plan: UploadPlan): ResumeDecision {
  if (!record) return { resume: false };
  if (record.chunkSize !== plan.chunkSize || record.parts !== plan.parts) return { resume: false, reason: 'part-size-changed' };
  if (plan.videoId && plan.videoId !== record.videoId) return { resume: false, reason: 'other-video' };
  const acknowledged = record.acknowledged.filter((part) => part <= plan.parts);
  return { resume: true, videoId: record.videoId, acknowledged };
}

/** The first part the server does not hold: where a resumed upload starts sending. */
export function firstMissingPart(acknowledged: Iterable<number>, parts: number): number {
  const held = new Set(acknowledged);
  for (let part = 1; part <= parts; part++) if (!held.has(part)) return part;
  return parts;
}

/** Bytes of the file the server holds, given the parts it acknowledged. */
export function acknowledgedBytes(acknowledged: Iterable<number>, size: number, chunkSize: number): number {
  let bytes = 0;
  for (const part of new Set(acknowledged)) {
    const start = (part - 1) * chunkSize;
    if (part >= 1 && start < size) bytes += Math.min(chunkSize, size - start);
  }
  return bytes;
}

/** The share of the file the server holds, in whole percent rounded down (never 100 before the end). */
export function acknowledgedPercent(record: Pick<ResumeRecord, 'acknowledged' | 'fingerprint' | 'chunkSize'>): number {
  const { size } = record.fingerprint;
  if (size <= 0) return 0;
  return Math.floor((acknowledgedBytes(record.acknowledged, size, record.chunkSize) / size) * 100);
}

export function isExpired(record: Pick<ResumeRecord, 'updatedAt'>, now: number, maxAgeMs: number): boolean {
  return now - record.updatedAt > maxAgeMs;
}

/**
 * A stored value read back as a record, or undefined when it is not one this version wrote (another version's, or
 * damaged): such a value is dropped, never half-used.
 */
export function readRecord(value: unknown): ResumeRecord | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const r = value as Record<string, unknown>;
  const fingerprint = readFingerprint(r.fingerprint);
  if (r.version !== RECORD_VERSION || !fingerprint) return undefined;
  if (!isText(r.key) || typeof r.namespace !== 'string' || !isText(r.apiHost) || !isText(r.videoId)) return undefined;
  if (!isCount(r.chunkSize) || !isCount(r.parts) || !isTime(r.createdAt) || !isTime(r.updatedAt)) return undefined;
  if (!Array.isArray(r.acknowledged)) return undefined;
  const parts = r.parts;
  if (!r.acknowledged.every((part) => isCount(part) && part <= parts)) return undefined;
  const digests = r.digests as Record<number, unknown> | undefined;
  if (!digests || typeof digests !== 'object' || !r.acknowledged.every((part) => isText(digests[part as number]))) return undefined;
  if (r.key !== recordKey(r.namespace, r.apiHost, fingerprint)) return undefined;
  const record: ResumeRecord = {
    version: RECORD_VERSION,
    key: r.key,
    namespace: r.namespace,
    apiHost: r.apiHost,
    fingerprint,
    videoId: r.videoId,
    chunkSize: r.chunkSize,
    parts,
    acknowledged: [...new Set(r.acknowledged as number[])].sort((a, b) => a - b),
    digests: Object.fromEntries((r.acknowledged as number[]).map((part) => [part, digests[part] as string])),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
  return isHandle(r.handle) ? { ...record, handle: r.handle } : record;
}

function readFingerprint(value: unknown): FileFingerprint | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const f = value as Record<string, unknown>;
  if (typeof f.name !== 'string' || typeof f.type !== 'string' || !isText(f.sample)) return undefined;
  if (typeof f.size !== 'number' || !Number.isInteger(f.size) || f.size < 0 || !isTime(f.lastModified)) return undefined;
  return { name: f.name, size: f.size, type: f.type, lastModified: f.lastModified, sample: f.sample };
}

const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 1;
const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function isHandle(value: unknown): value is FileSystemFileHandle {
  return typeof FileSystemFileHandle !== 'undefined' && value instanceof FileSystemFileHandle;
}
