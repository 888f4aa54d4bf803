import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { DownloadRecord } from './downloads.ts';

/**
 * Bytes as stored: a Blob, or where IndexedDB refuses Blobs (Safari's private windows, WebKit's
 * ephemeral profiles) the bytes themselves with their type.
 */
export type StoredBytes = Blob | { readonly bytes: ArrayBuffer; readonly type: string };

export const storedSize = (stored: StoredBytes): number =>
  stored instanceof Blob ? stored.size : stored.bytes.byteLength;

export const storedBlob = (stored: StoredBytes): Blob =>
  stored instanceof Blob ? stored : new Blob([stored.bytes], { type: stored.type });

/**
 * One stored piece of a download: bytes [start, start + size). The chunks of a completed download
 * are its file: joined when it is read, never copied into one Blob (a copy WebKit loses parts of).
 * A chunk holds its bytes itself (`data`: a segment of a background fetch, or any chunk of a release
 * before version 5), or says only its `size`, its bytes being the `pieces` store's at the same key:
 * the stream's pieces, kept apart so that reading where a file's bytes lie never reads the bytes.
 */
export type ChunkRecord =
  | { readonly trackId: number; readonly start: number; readonly data: StoredBytes }
  | { readonly trackId: number; readonly start: number; readonly size: number };

/** How many bytes a chunk holds, wherever they are kept. */
export const chunkSize = (chunk: ChunkRecord): number => ('data' in chunk ? storedSize(chunk.data) : chunk.size);

/** The finished file of a download, as releases before chunks were the file stored it (read only). */
export interface AudioRecord {
  readonly trackId: number;
  readonly blob: Blob;
  readonly contentType: string;
}

/** The artwork of a downloaded song, so the library looks the same offline. */
export interface ArtworkRecord {
  readonly trackId: number;
  readonly blob: StoredBytes;
}

/**
 * The one IndexedDB schema of Half Tunes, shared by pages and the worker. Nothing else names a store.
 * Version history:
 *   1 — `tracks` (never written by any release).
 *   2 — `downloads`, `chunks`, `audio`; `tracks` removed.
 *   3 — `artwork`.
 *   4 — `downloads` loses its `by-status` index (never queried); the engine `whole-body` (a host that
 *        ignores Range) is `range`, which reads such a host whole by itself.
 *   5 — `pieces`: the bytes of the chunks that give only their size.
 */
export interface HalfTunesDB extends DBSchema {
  /** e.g. `{ trackId: 90010101, status: 'downloading', bytesReceived: 1048576, bytesTotal: 960044, … }` */
  downloads: {
    key: number;
    value: DownloadRecord;
  };
  /**
   * e.g. `{ trackId: 90010101, start: 1048576, size: 1048576 }` (its bytes in `pieces`) or
   * `{ trackId: 90010101, start: 1048576, data: Blob(1048576) }`, keyed by `[trackId, start]`.
   */
  chunks: {
    key: [number, number];
    value: ChunkRecord;
  };
  /**
   * The bytes of a chunk that gives only its size, at the chunk's key: e.g. `[90010101, 0]` →
   * `ArrayBuffer(262144)`. Bytes, not a Blob: IndexedDB copies them when given them, and frees them once
   * stored, where a Blob's memory waits for the collector. Bare, under a key of its own: Chromium stores
   * that faster (measured, 8 MiB of a tone: 17 ms, against 24 ms inside a record with an in-line key).
   */
  pieces: {
    key: [number, number];
    value: ArrayBuffer;
  };
  /** e.g. `{ trackId: 90010101, blob: Blob(960044), contentType: 'audio/wav' }`: no longer written. */
  audio: {
    key: number;
    value: AudioRecord;
  };
  /** e.g. `{ trackId: 90010101, blob: Blob(2048, 'image/png') }` */
  artwork: {
    key: number;
    value: ArtworkRecord;
  };
}

export const DB_NAME = 'half-tunes';
export const DB_VERSION = 5;

/** Every chunk key of one download, for ranges over the `chunks` store. */
export function chunkKeys(trackId: number): IDBKeyRange {
  return IDBKeyRange.bound([trackId, 0], [trackId, Number.MAX_SAFE_INTEGER]);
}

/** The `downloads` store as an upgrade sees it: records of older releases, and their index. */
interface UpgradingDownloads {
  readonly indexNames: DOMStringList;
  deleteIndex(name: string): void;
  openCursor(): Promise<{
    value: unknown;
    update(value: unknown): Promise<unknown>;
    continue(): Promise<unknown>;
  } | null>;
}

/** Version 4: the unused index goes; `whole-body` downloads become `range` ones. */
async function upgradeTo4(store: unknown, oldVersion: number): Promise<void> {
  const downloads = store as UpgradingDownloads;
  // Versions 2 and 3 created it; a database made at version 4 never had it.
  if (oldVersion >= 2 && downloads.indexNames.contains('by-status')) downloads.deleteIndex('by-status');
  for (let cursor = await downloads.openCursor(); cursor; cursor = (await cursor.continue()) as typeof cursor) {
    const record = cursor.value as { engine?: string };
    if (record.engine === 'whole-body') await cursor.update({ ...record, engine: 'range' });
  }
}

/** Opens the database, upgrading it step by step from whatever version it had. */
export async function openHalfTunesDB(
  name = DB_NAME,
  {
    onBlocking,
    onBlocked,
    onTerminated,
  }: { onBlocking?: () => void; onBlocked?: () => void; onTerminated?: () => void } = {},
): Promise<IDBPDatabase<HalfTunesDB>> {
  const db: IDBPDatabase<HalfTunesDB> = await openDB<HalfTunesDB>(name, DB_VERSION, {
    upgrade(database, oldVersion, _newVersion, transaction) {
      // Each step takes the database from one version to the next; never edit a step once released.
      if (oldVersion < 2) {
        // Version 1's store was never written to; the untyped handle is for a store the schema no longer has.
        const untyped = database as unknown as IDBDatabase;
        if (untyped.objectStoreNames.contains('tracks')) untyped.deleteObjectStore('tracks');
        database.createObjectStore('downloads', { keyPath: 'trackId' });
        database.createObjectStore('chunks', { keyPath: ['trackId', 'start'] });
        database.createObjectStore('audio', { keyPath: 'trackId' });
      }
      if (oldVersion < 3) database.createObjectStore('artwork', { keyPath: 'trackId' });
      if (oldVersion < 4 && database.objectStoreNames.contains('downloads')) {
        void upgradeTo4(transaction.objectStore('downloads'), oldVersion);
      }
      if (oldVersion < 5) database.createObjectStore('pieces');
    },
    blocked() {
      // An older connection (a tab or worker of the previous version) has not closed yet.
      onBlocked?.();
    },
    blocking() {
      // A newer version (a new worker or tab) wants to upgrade: step aside instead of blocking it.
      db.close();
      onBlocking?.();
    },
    terminated() {
      // The browser closed the connection (a worker being stopped, storage cleared): open a new one next time.
      onTerminated?.();
    },
  });
  return db;
}
