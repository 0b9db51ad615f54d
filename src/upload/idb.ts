// IndexedDB as this package uses it, for the resume store and the recording journal alike. Storage may be missing or
// refused (private modes, storage turned off, a sandboxed frame) or never answer: opening then resolves `undefined`,
// and the caller goes on without storage. Requests run one per transaction and resolve once it has completed.

/** Some engines have been seen never to answer an open (WebKit in private windows): past this, no storage. */
export const OPEN_TIMEOUT_MS = 3_000;

/**
 * The database `name` at `version`, made or brought up to date by `upgrade`; `undefined` where IndexedDB is missing,
 * refused, fails to open, or has not answered within `timeoutMs`.
 */
export function openDatabase(
  name: string,
  version: number,
  upgrade: (db: IDBDatabase) => void,
  timeoutMs = OPEN_TIMEOUT_MS,
): Promise<IDBDatabase | undefined> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (db: IDBDatabase | undefined) => {
      clearTimeout(timer);
      // A database that opens after the wait was given up on is closed, not kept open for nobody.
      if (settled) db?.close();
      settled = true;
      resolve(db);
    };
    const timer = setTimeout(() => done(undefined), timeoutMs);
    try {
      // Reading `indexedDB` itself throws where storage is refused (a sandboxed frame, cookies blocked).
      const factory = globalThis.indexedDB;
      if (!factory) return done(undefined);
      const opening = factory.open(name, version);
      opening.onupgradeneeded = () => upgrade(opening.result);
      opening.onsuccess = () => done(opening.result);
      opening.onerror = (event) => {
        event.preventDefault();
        done(undefined);
      };
    } catch {
      done(undefined);
    }
  });
}

/**
 * One request in its own transaction on `storeName`; resolves with its result once the transaction has completed, so
 * a write that resolved is on disk with "strict" durability (where the engine offers a choice) and survives a crash.
 * `durability: 'default'` leaves the engine's own choice, for frequent writes that a crash may cost.
 */
export function request<T>(
  db: IDBDatabase,
  storeName: string,
  mode: IDBTransactionMode,
  make: (store: IDBObjectStore) => IDBRequest<T>,
  durability: IDBTransactionDurability = 'strict',
): Promise<T> {
  return new Promise((resolve, reject) => {
    const transaction =
      mode === 'readwrite' && durability !== 'default' ? db.transaction(storeName, mode, { durability }) : db.transaction(storeName, mode);
    const req = make(transaction.objectStore(storeName));
    completed(transaction, req).then(() => resolve(req.result), reject);
  });
}

/**
 * Resolves once `transaction` has completed, rejects once it failed: for the few transactions that must hold more than
 * one request to be atomic. `req`, when given, is the request whose error is the one to report.
 */
export function completed(transaction: IDBTransaction, req?: IDBRequest): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = (event) => {
      // Handled here: an unhandled request error would also be reported on the page's window. Handling it would let
      // the transaction commit the other requests; it is undone whole instead, as an unhandled error would have it.
      event.preventDefault();
      try {
        transaction.abort();
      } catch {
        // Already finishing: nothing of it to undo.
      }
      reject(req?.error ?? (event.target as IDBRequest | null)?.error ?? transaction.error);
    };
    transaction.onabort = () => reject(transaction.error ?? req?.error ?? new DOMException('The transaction was aborted.', 'AbortError'));
  });
}
