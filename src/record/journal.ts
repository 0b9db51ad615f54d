// Every recording's data, written to IndexedDB as it is recorded and removed once api.video holds all of it: a page
// reloaded or closed mid-recording cannot go on recording, but what it recorded is found here by the next page that
// records, and offered for download, never silently dropped. Writes go one after another in the background; a browser
// without IndexedDB (or refusing it, as some private modes do) records and uploads all the same, without this net.
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

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = tx.onabort = () => reject(tx.error);
  });
}

function openDatabase(): Promise<IDBDatabase> {
  const req = indexedDB.open(DB_NAME, 1);
  req.onupgradeneeded = () => {
    const db = req.result;
    db.createObjectStore(RECORDINGS, { keyPath: 'id' });
    db.createObjectStore(CHUNKS, { keyPath: ['recording', 'seq'] });
  };
  return request(req);
}

/** The journals of this page's own recordings: not leftovers while they run. */
const live = new Set<string>();

export class RecordingJournal {
  private seq = 0;
  private writes: Promise<void> = Promise.resolve();
  private closed = false;
  private removed?: Promise<void>;

  private constructor(
    private readonly db: IDBDatabase,
    readonly entry: JournalEntry,
  ) {}

  /** A journal for a new recording; undefined where IndexedDB cannot be used. */
  static async open(entry: JournalEntry): Promise<RecordingJournal | undefined> {
    try {
      const db = await openDatabase();
      const tx = db.transaction(RECORDINGS, 'readwrite');
      tx.objectStore(RECORDINGS).put(entry);
      await done(tx);
      live.add(entry.id);
      return new RecordingJournal(db, entry);
    } catch {
      return undefined;
    }
  }

  /** Keeps the next chunk; written after the ones before it. */
  add(chunk: Blob): void {
    if (this.closed) return;
    const seq = this.seq++;
    this.writes = this.writes.then(async () => {
      if (this.closed) return;
      const tx = this.db.transaction(CHUNKS, 'readwrite');
      tx.objectStore(CHUNKS).put({ recording: this.entry.id, seq, data: chunk });
      await done(tx).catch(() => {});
    });
  }

  /** The recording is safe on api.video (or was given up on purpose): its data goes. */
  remove(): Promise<void> {
    this.removed ??= (async () => {
      await this.writes;
      this.closed = true;
      await forget(this.db, this.entry.id).catch(() => {});
      live.delete(this.entry.id);
      this.db.close();
    })();
    return this.removed;
  }

  /** Everything recorded so far, read back from IndexedDB once the writes under way are done. */
  async data(): Promise<Blob> {
    await this.writes;
    const tx = this.db.transaction(CHUNKS, 'readonly');
    const range = IDBKeyRange.bound([this.entry.id, 0], [this.entry.id, Number.MAX_SAFE_INTEGER]);
    const chunks = (await request(tx.objectStore(CHUNKS).getAll(range))) as { data: Blob }[];
    return new Blob(chunks.map((c) => c.data), { type: this.entry.type });
  }

  /** Recordings earlier pages left unfinished (or whose upload failed here), oldest first; not those running here. */
  static async leftovers(): Promise<LeftoverRecording[]> {
    let db: IDBDatabase;
    try {
      db = await openDatabase();
    } catch {
      return [];
    }
    try {
      const tx = db.transaction([RECORDINGS, CHUNKS], 'readonly');
      const entries = (await request(tx.objectStore(RECORDINGS).getAll())) as JournalEntry[];
      const found: LeftoverRecording[] = [];
      for (const entry of entries.filter((e) => !live.has(e.id)).sort((a, b) => a.startedAt - b.startedAt)) {
        const range = IDBKeyRange.bound([entry.id, 0], [entry.id, Number.MAX_SAFE_INTEGER]);
        const chunks = (await request(tx.objectStore(CHUNKS).getAll(range))) as { data: Blob }[];
        found.push({ ...entry, data: new Blob(chunks.map((c) => c.data), { type: entry.type }) });
      }
      return found;
    } finally {
      db.close();
    }
  }

  /** Drops a leftover recording (downloaded, or declined). */
  static async discard(id: string): Promise<void> {
    const db = await openDatabase();
    try {
      await forget(db, id);
    } finally {
      db.close();
    }
  }
}

async function forget(db: IDBDatabase, id: string): Promise<void> {
  const tx = db.transaction([RECORDINGS, CHUNKS], 'readwrite');
  tx.objectStore(RECORDINGS).delete(id);
  tx.objectStore(CHUNKS).delete(IDBKeyRange.bound([id, 0], [id, Number.MAX_SAFE_INTEGER]));
  await done(tx);
}
