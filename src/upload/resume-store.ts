// Where resume records live: one IndexedDB database of the page's origin. IndexedDB rather than localStorage because
// it can hold a FileSystemFileHandle (Chromium), writes without blocking the page, and survives a crash once a write
// has completed. Storage may be missing or refused (private modes, a full quota, storage turned off, a sandboxed
// frame): then every call resolves as if nothing were stored and uploads go on without resume. Nothing here throws.
//
// Each record is sealed: an HMAC over what it says, with a key made in this origin's storage that cannot be read out
// of it. A record changed by anything but this code (an edit in the browser's tools, another script's write, a
// damaged disk) no longer matches its seal and is dropped, never resumed: a record that claims parts the server does
// not hold, or names another file's video, would otherwise fill a video with the wrong bytes and call it a success.
// Without SubtleCrypto (a page served over plain http) nothing can be sealed, so nothing is kept.
import type { FileFingerprint } from './fingerprint.js';
import { openDatabase, request } from './idb.js';
import { DEFAULT_RESUME_MAX_AGE_MS, isExpired, readRecord, recordKey, type ResumeRecord } from './resume-record.js';

const DB_NAME = 'apivideo-uploader';
/** 2: the seal key's store. */
const DB_VERSION = 2;
const RECORDS = 'resumable-uploads';
const KEYS = 'seal-keys';
const SEAL_KEY = 'records';

export interface ResumeStoreOptions {
  /** Records of one area of a site (`resume-storage-key`); default ''. */
  namespace?: string;
  /** How long a record is kept after its last part; default 7 days. */
  maxAgeMs?: number;
  /** The clock records are dated by; default `Date.now`. */
  now?: () => number;
}

export class ResumeStore {
  readonly namespace: string;
  readonly maxAgeMs: number;
  readonly #now: () => number;
  #database: Promise<IDBDatabase | undefined> | undefined;
  /** One operation at a time, in call order: a removal asked for before a lookup is done before it. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: ResumeStoreOptions = {}) {
    this.namespace = options.namespace ?? '';
    this.maxAgeMs = options.maxAgeMs ?? DEFAULT_RESUME_MAX_AGE_MS;
    this.#now = options.now ?? (() => Date.now());
  }

  /** Whether records can be kept at all in this page. */
  available(): Promise<boolean> {
    return this.#run(async (db) => db !== undefined, false);
  }

  /** The live record of this file uploaded to `apiHost`, if any (an expired or damaged one is removed). */
  find(apiHost: string, fingerprint: FileFingerprint): Promise<ResumeRecord | undefined> {
    const key = recordKey(this.namespace, apiHost, fingerprint);
    return this.#run(async (db) => {
      if (!db) return undefined;
      const value = await request(db, RECORDS, 'readonly', (store) => store.get(key));
      const record = await this.#unsealed(db, value);
      if (record && !isExpired(record, this.#now(), this.maxAgeMs)) return record;
      if (value !== undefined) await request(db, RECORDS, 'readwrite', (store) => store.delete(key));
      return undefined;
    }, undefined);
  }

  /**
   * Writes `record` (replacing the one under its key); false when it could not be kept (no storage, quota full). A
   * handle the engine cannot store is left out, and the rest kept.
   */
  save(record: ResumeRecord): Promise<boolean> {
    return this.#run(async (db) => {
      if (!db) return false;
      const seal = await this.#sealOf(db, record);
      try {
        await request(db, RECORDS, 'readwrite', (store) => store.put({ ...record, seal }));
        return true;
      } catch (error) {
        if (!record.handle || (error as DOMException)?.name !== 'DataCloneError') throw error;
        const { handle: _, ...withoutHandle } = record;
        await request(db, RECORDS, 'readwrite', (store) => store.put({ ...withoutHandle, seal }));
        return true;
      }
    }, false);
  }

  remove(key: string): Promise<void> {
    return this.#run(async (db) => {
      if (db) await request(db, RECORDS, 'readwrite', (store) => store.delete(key));
    }, undefined);
  }

  /** This namespace's live records (of `apiHost` when given), the latest first; expired and damaged ones are removed. */
  list(apiHost?: string): Promise<ResumeRecord[]> {
    return this.#run(async (db) => {
      if (!db) return [];
      const { live, dead } = await this.#sort(db, (await request(db, RECORDS, 'readonly', (store) => store.getAll())) as unknown[]);
      for (const key of dead) await request(db, RECORDS, 'readwrite', (store) => store.delete(key));
      return live.filter((record) => apiHost === undefined || record.apiHost === apiHost).sort((a, b) => b.updatedAt - a.updatedAt);
    }, []);
  }

  /** Removes every record of this namespace. */
  clear(): Promise<void> {
    return this.#run(async (db) => {
      if (!db) return;
      const values = (await request(db, RECORDS, 'readonly', (store) => store.getAll())) as unknown[];
      for (const value of values) {
        const key = (value as { key?: unknown } | null)?.key;
        const record = readRecord(value);
        if (typeof key === 'string' && (!record || record.namespace === this.namespace)) {
          await request(db, RECORDS, 'readwrite', (store) => store.delete(key));
        }
      }
    }, undefined);
  }

  /**
   * This namespace's live records, and the keys of values that are expired, unsealed or not records at all (any
   * namespace).
   */
  async #sort(db: IDBDatabase, values: unknown[]): Promise<{ live: ResumeRecord[]; dead: string[] }> {
    const live: ResumeRecord[] = [];
    const dead: string[] = [];
    const now = this.#now();
    for (const value of values) {
      const record = await this.#unsealed(db, value);
      if (!record || isExpired(record, now, this.maxAgeMs)) {
        const key = (value as { key?: unknown } | null)?.key;
        if (typeof key === 'string') dead.push(key);
      } else if (record.namespace === this.namespace) {
        live.push(record);
      }
    }
    return { live, dead };
  }

  /** `value` read back as a record, if it is one and its seal says this code wrote it as it is. */
  async #unsealed(db: IDBDatabase, value: unknown): Promise<ResumeRecord | undefined> {
    const record = readRecord(value);
    const seal = (value as { seal?: unknown } | undefined)?.seal;
    if (!record || !(seal instanceof ArrayBuffer)) return undefined;
    const key = await this.#sealKey(db);
    return (await crypto.subtle.verify('HMAC', key, seal, sealed(record))) ? record : undefined;
  }

  async #sealOf(db: IDBDatabase, record: ResumeRecord): Promise<ArrayBuffer> {
    return crypto.subtle.sign('HMAC', await this.#sealKey(db), sealed(record));
  }

  /** This origin's seal key: made once, kept in the database, never readable out of it (not extractable). */
  async #sealKey(db: IDBDatabase): Promise<CryptoKey> {
    const kept = await request(db, KEYS, 'readonly', (store) => store.get(SEAL_KEY));
    if (kept instanceof CryptoKey) return kept;
    const made = await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    // Two pages making one at once: the first written wins, and both use it.
    await request(db, KEYS, 'readwrite', (store) => store.add(made, SEAL_KEY)).catch(() => undefined);
    const stored = await request(db, KEYS, 'readonly', (store) => store.get(SEAL_KEY));
    if (!(stored instanceof CryptoKey)) throw new Error('The seal key could not be kept.');
    return stored;
  }

  /** Runs `operation` after every earlier one; any failure resolves to `fallback`. */
  #run<T>(operation: (db: IDBDatabase | undefined) => Promise<T>, fallback: T): Promise<T> {
    const result = this.#queue.then(async () => {
      try {
        return await operation(await this.#open());
      } catch {
        return fallback;
      }
    });
    this.#queue = result;
    return result;
  }

  #open(): Promise<IDBDatabase | undefined> {
    this.#database ??= openStore().then((db) => {
      if (db) {
        // Storage cleared by the visitor or the browser: the next operation opens the database again.
        db.onclose = () => (this.#database = undefined);
        // A later version of this code upgrading the database must not wait on this page.
        db.onversionchange = () => {
          db.close();
          this.#database = undefined;
        };
      }
      return db;
    });
    return this.#database;
  }
}

function openStore(): Promise<IDBDatabase | undefined> {
  // Records that cannot be sealed are not kept (see the top of this file).
  if (!globalThis.crypto?.subtle) return Promise.resolve(undefined);
  return openDatabase(DB_NAME, DB_VERSION, (db) => {
    if (!db.objectStoreNames.contains(RECORDS)) db.createObjectStore(RECORDS, { keyPath: 'key' });
    if (!db.objectStoreNames.contains(KEYS)) db.createObjectStore(KEYS);
  });
}

/** What a record's seal covers: everything it says but the file handle (a handle to other bytes fails their digests). */
function sealed(record: ResumeRecord): Uint8Array<ArrayBuffer> {
  const { version, key, namespace, apiHost, fingerprint, videoId, chunkSize, parts, acknowledged, digests, createdAt, updatedAt } = record;
  const { name, size, type, lastModified, sample } = fingerprint;
  const held = acknowledged.map((part) => [part, digests[part]]);
  const said: unknown[] = [version, key, namespace, apiHost, [name, size, type, lastModified, sample], videoId, chunkSize, parts, held];
  return new TextEncoder().encode(JSON.stringify([...said, createdAt, updatedAt]));
}
