import type { IDBPDatabase } from 'idb';
import { openHalfTunesDB, type HalfTunesDB } from '../../shared/schema.ts';

/**
 * The worker's one connection to the database: opened when first needed, forgotten when the browser
 * closes it or a newer version needs it (then opened again at the next use).
 */
export class Connection {
  #db: Promise<IDBPDatabase<HalfTunesDB>> | null = null;
  #opened: IDBPDatabase<HalfTunesDB> | null = null;
  /** Told whether a connection of an older version keeps the schema from upgrading (see `DownloadStore`). */
  onUpgradeBlocked: ((blocked: boolean) => void) | undefined;

  /**
   * The connection, if it is open now: a write that must be given its bytes before anything else
   * runs (see `DownloadStore.appendChunk`) starts its transaction with it in the same task.
   */
  get opened(): IDBPDatabase<HalfTunesDB> | null {
    return this.#opened;
  }

  db(): Promise<IDBPDatabase<HalfTunesDB>> {
    const forget = (): void => {
      this.#db = null;
      this.#opened = null;
    };
    if (this.#db) return this.#db;
    let blocked = false;
    const opening = openHalfTunesDB(undefined, {
      onBlocking: forget,
      onTerminated: forget,
      onBlocked: () => {
        blocked = true;
        this.onUpgradeBlocked?.(true);
      },
    });
    this.#db = opening;
    // A failed open is not remembered: the next call tries again.
    opening.then(
      (db) => {
        if (this.#db === opening) this.#opened = db;
        if (blocked) this.onUpgradeBlocked?.(false);
      },
      () => {
        if (this.#db === opening) this.#db = null;
      },
    );
    return opening;
  }
}
