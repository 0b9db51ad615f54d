// Every recording's data, written to IndexedDB as it is recorded and removed once api.video holds all of it: a page
// reloaded or closed mid-recording cannot go on recording, but what it recorded is found here by the next page that
// records, and offered for download, never silently dropped. Writes go one after another in the background; a browser
// without IndexedDB (or refusing it, as some private modes do) records and uploads all the same, without this net.
import { completed, openDatabase, request } from '../upload/idb.js';

const DB_NAME = 'apivideo-uploader-recordings';
const RECORDINGS = 'recordings';
const CHUNKS = 'chunks';

export interface JournalEntry {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly startedAt: number;
}

/** A recording a page left unfinished: its data as recorded, in order. */
export interface LeftoverRecording extends JournalEntry {
  readonly data: Blob;
}

/** This origin's journal database; undefined where IndexedDB is missing, refused, or does not answer. */
function openJournal(): Promise<IDBDatabase | undefined> {
  return openDatabase(DB_NAME, 1, (db) => {
    db.createObjectStore(RECORDINGS, { keyPath: 'id' });
    db.createObjectStore(CHUNKS, { keyPath: ['recording', 'seq'] });
  });
}

/** A read's result, for the reads of one transaction that spans several. */
function result<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** The key range of one recording's chunks. */
function chunksOf(id: string): IDBKeyRange {
  return IDBKeyRange.bound([id, 0], [id, Number.MAX_SAFE_INTEGER]);
}

/** The journals of this page's own recordings: not leftovers while they run. */
const live = new Set<string>();

export class RecordingJournal {
  #seq = 0;
  #writes: Promise<void> = Promise.resolve();
  #closed = false;
  #removed?: Promise<void>;

  readonly #db: IDBDatabase;
  private constructor(
    db: IDBDatabase,
    readonly entry: JournalEntry,
  ) {
    this.#db = db;
  }

  /** A journal for a new recording; undefined where IndexedDB cannot be used. */
  static async open(entry: JournalEntry): Promise<RecordingJournal | undefined> {
    const db = await openJournal();
    if (!db) return undefined;
    try {
      await request(db, RECORDINGS, 'readwrite', (store) => store.put(entry), 'default');
      live.add(entry.id);
      return new RecordingJournal(db, entry);
    } catch {
      db.close();
      return undefined;
    }
  }

  /** Keeps the next chunk; written after the ones before it. */
  add(chunk: Blob): void {
    if (this.#closed) return;
    const seq = this.#seq++;
    this.#writes = this.#writes.then(async () => {
      if (this.#closed) return;
      const row = { recording: this.entry.id, seq, data: chunk };
      await request(this.#db, CHUNKS, 'readwrite', (store) => store.put(row), 'default').catch(() => {});
    });
  }

  /** The recording is safe on api.video (or was given up on purpose): its data goes. */
  remove(): Promise<void> {
    this.#removed ??= (async () => {
      await this.#writes;
      this.#closed = true;
      await forget(this.#db, this.entry.id).catch(() => {});
      live.delete(this.entry.id);
      this.#db.close();
    })();
    return this.#removed;
  }

  /** Everything recorded so far, read back from IndexedDB once the writes under way are done. */
  async data(): Promise<Blob> {
    await this.#writes;
    const chunks = (await request(this.#db, CHUNKS, 'readonly', (store) => store.getAll(chunksOf(this.entry.id)))) as { data: Blob }[];
    return new Blob(chunks.map((c) => c.data), { type: this.entry.type });
  }

  /** Recordings earlier pages left unfinished (or whose upload failed here), oldest first; not those running here. */
  static async leftovers(): Promise<LeftoverRecording[]> {
    const db = await openJournal();
    if (!db) return [];
    try {
      // One transaction for every read: each entry with its chunks as they were at one moment, whatever another
      // page's journal writes or removes meanwhile.
      const tx = db.transaction([RECORDINGS, CHUNKS], 'readonly');
      const entries = (await result(tx.objectStore(RECORDINGS).getAll())) as JournalEntry[];
      const found: LeftoverRecording[] = [];
      for (const entry of entries.filter((e) => !live.has(e.id)).sort((a, b) => a.startedAt - b.startedAt)) {
        const chunks = (await result(tx.objectStore(CHUNKS).getAll(chunksOf(entry.id)))) as { data: Blob }[];
        found.push({ ...entry, data: new Blob(chunks.map((c) => c.data), { type: entry.type }) });
      }
      return found;
    } finally {
      db.close();
    }
  }

  /** Drops a leftover recording (downloaded, or declined). */
  static async discard(id: string): Promise<void> {
    const db = await openJournal();
    if (!db) return;
    try {
      await forget(db, id);
    } finally {
      db.close();
    }
  }
}

/** Removes a recording's entry and its chunks in one transaction: both go, or neither (never chunks without an entry). */
async function forget(db: IDBDatabase, id: string): Promise<void> {
  const tx = db.transaction([RECORDINGS, CHUNKS], 'readwrite');
  tx.objectStore(RECORDINGS).delete(id);
  tx.objectStore(CHUNKS).delete(chunksOf(id));
  await completed(tx);
}
