// One upload's resume record, as its session goes: looked up when the upload starts, written once part 1 is
// acknowledged and after every part since (before the next part goes, so a crash loses at most the part in flight),
// removed on success and on cancel. The page that is leaving keeps it: a reload is not a cancel. Each part's digest
// is taken while the part is on its way and kept with the record; a record continues only a file whose parts the
// server holds have the same digests. Digests are taken in a worker where the page can start one (part-digests.ts).
import { fingerprintOf, type FileFingerprint } from './fingerprint.js';
import { pageDigests, type PartDigests } from './part-digests.js';
import { RECORD_VERSION, decideResume, recordKey, type ResumeDecision, type UploadPlan } from './resume-record.js';
import type { ResumeStore } from './resume-store.js';

/**
 * How long the next part waits for the record to be written, its last part's digest included. A write takes
 * milliseconds and the digest is taken while the part is on its way; a storage that hangs, or a digest slower than
 * the network, must not hold the upload (the write still lands when it can).
 */
const WRITE_WAIT_MS = 2_000;

export class ResumeTracker {
  private fingerprint: FileFingerprint | undefined;
  private file: File | undefined;
  private plan: UploadPlan | undefined;
  /** Each part's digest, taken once. */
  readonly #digests = new Map<number, Promise<string>>();
  #decision: Promise<ResumeDecision> | undefined;
  #createdAt: number | undefined;
  #kept = false;
  /** The upload succeeded or was cancelled: its record is gone, and a late answer must not write it back. */
  #removed = false;

  readonly #handle: FileSystemFileHandle | undefined;
  readonly #partDigests: PartDigests;

  constructor(
    readonly store: ResumeStore,
    /** The file's handle, where the browser gave one: stored with the record so the file comes back without the picker. */
    handle?: FileSystemFileHandle,
    /** Where the digests are taken: the page's worker unless a test says otherwise. */
    partDigests: PartDigests = pageDigests,
  ) {
    this.#handle = handle;
    this.#partDigests = partDigests;
  }

  /**
   * Looks for a record of `file` sent to `plan.apiHost` and says whether to continue it. Asked once per upload;
   * never rejects (a file that cannot be read, or no storage, is simply not resumed).
   */
  decide(file: File, plan: UploadPlan): Promise<ResumeDecision> {
    this.#decision ??= (async () => {
      this.plan = plan;
      this.file = file;
      try {
        this.fingerprint = await fingerprintOf(file);
        const record = await this.store.find(plan.apiHost, this.fingerprint);
        const decision = decideResume(record, plan);
        if (!decision.resume) return decision;
        // The same name, size, date and ends say nothing of the bytes between them: every part the server holds is
        // read again and compared, one at a time (a part's bytes at most in memory).
        for (const part of decision.acknowledged) {
          if ((await this.#digestOf(part)) !== record!.digests[part]) return { resume: false, reason: 'file-changed' } as const;
        }
        this.#createdAt = record!.createdAt;
        return decision;
      } catch {
        // A file that cannot be read is simply not resumed.
        return { resume: false } as const;
      }
    })();
    return this.#decision;
  }

  /** Part k is on its way: its digest is taken meanwhile, for the record written once the server holds it. */
  sending(part: number): void {
    void this.#digestOf(part).catch(() => {});
  }

  /**
   * The server holds `acknowledged` parts of `videoId`: the record says so before the next part is sent (waiting
   * at most WRITE_WAIT_MS). Nothing is written once the record was removed (success, cancel).
   */
  async stored(videoId: string, acknowledged: Iterable<number>): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, WRITE_WAIT_MS)));
    // The digest of a part still being read counts in the wait too: the next part never waits on it for long (a
    // write that lands later only says less than the one after it).
    await Promise.race([this.#write(videoId, [...new Set(acknowledged)].sort((a, b) => a - b)), waited]);
    clearTimeout(timer);
  }

  async #write(videoId: string, parts: number[]): Promise<void> {
    const { plan, fingerprint } = this;
    if (this.#removed || !plan || !fingerprint) return;
    let digests: Record<number, string>;
    try {
      digests = Object.fromEntries(await Promise.all(parts.map(async (part) => [part, await this.#digestOf(part)])));
    } catch {
      // The file can no longer be read: no record can vouch for it.
      return;
    }
    if (this.#removed) return;
    const now = Date.now();
    this.#createdAt ??= now;
    await this.store.save({
      version: RECORD_VERSION,
      key: recordKey(this.store.namespace, plan.apiHost, fingerprint),
      namespace: this.store.namespace,
      apiHost: plan.apiHost,
      fingerprint,
      videoId,
      chunkSize: plan.chunkSize,
      parts: plan.parts,
      acknowledged: parts,
      digests,
      createdAt: this.#createdAt,
      updatedAt: now,
      ...(this.#handle ? { handle: this.#handle } : {}),
    });
  }

  #digestOf(part: number): Promise<string> {
    let digest = this.#digests.get(part);
    if (!digest) {
      const { file, plan } = this;
      if (!file || !plan) return Promise.reject(new Error('The file is not known yet.'));
      const start = (part - 1) * plan.chunkSize;
      digest = this.#partDigests.digest(file, start, Math.min(file.size, start + plan.chunkSize));
      // A failed read is not kept: the next asking reads again.
      digest.catch(() => this.#digests.delete(part));
      this.#digests.set(part, digest);
    }
    return digest;
  }

  /** The earlier upload's video is gone: its record goes, and this upload's own record starts afresh. */
  startOver(): void {
    this.#createdAt = undefined;
    this.#remove();
  }

  /** The upload succeeded: the record has nothing left to continue. */
  finished(): void {
    this.#removed = true;
    this.#remove();
  }

  /** The visitor cancelled the upload: the record goes, unless the page is leaving (then it is no cancel). */
  cancelled(): void {
    if (this.#kept) return;
    this.#removed = true;
    this.#remove();
  }

  /**
   * Asked of the store at once, so a lookup made after (the element's offers, once idle) comes after it; an upload
   * cancelled while its file was still being read loses its record once the lookup is over.
   */
  #remove(): void {
    const remove = () => {
      if (this.plan && this.fingerprint) void this.store.remove(recordKey(this.store.namespace, this.plan.apiHost, this.fingerprint));
    };
    if (this.fingerprint) remove();
    else void this.#decision?.then(remove);
  }

  /**
   * The page is being left (a reload, a closed tab, a navigation): whatever stops the upload from here on is not
   * the visitor cancelling it, and the record stays for the next visit. `keep(false)` when the page comes back from
   * the back-forward cache.
   */
  keep(kept = true): void {
    this.#kept = kept;
  }
}
