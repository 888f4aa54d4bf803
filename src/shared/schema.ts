import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Track } from './catalog.ts';

/**
 * The one IndexedDB schema of Half Tunes, shared by pages and the worker. Nothing else names a store.
 * Version history:
 *   1 — `tracks`: songs the person has chosen (downloads build on this), keyed by track id.
 */
export interface HalfTunesDB extends DBSchema {
  tracks: {
    key: number;
    /** e.g. `{ id: 90010101, name: 'Love on the Harbour', artist: 'The Paper Lanterns', …, addedAt: 1764040000000 }` */
    value: Track & { readonly addedAt: number };
    indexes: { 'by-added': number };
  };
}

export const DB_NAME = 'half-tunes';
export const DB_VERSION = 1;

/** Opens the database, upgrading it step by step from whatever version it had. */
export async function openHalfTunesDB(
  name = DB_NAME,
  { onBlocking }: { onBlocking?: () => void } = {},
): Promise<IDBPDatabase<HalfTunesDB>> {
  const db: IDBPDatabase<HalfTunesDB> = await openDB<HalfTunesDB>(name, DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        const tracks = db.createObjectStore('tracks', { keyPath: 'id' });
        tracks.createIndex('by-added', 'addedAt');
      }
    },
    blocking() {
      // A newer version (a new worker or tab) wants to upgrade: step aside instead of blocking it.
      db.close();
      onBlocking?.();
    },
  });
  return db;
}
