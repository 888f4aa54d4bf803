import type { IDBPDatabase } from 'idb';
import type { DownloadRecord } from '../../shared/downloads.ts';
import { chunkKeys, chunkSize, storedBlob, type ChunkRecord, type HalfTunesDB } from '../../shared/schema.ts';
import { BytesKeeping } from './bytes-keeping.ts';
import { Connection } from './connection.ts';
import type { FilePatch } from './engine.ts';
import { isQuotaError, storingBytes } from './quota.ts';
import { abortQuietly, blobFile, contiguousPrefix, partsFile, type StoredFile } from './stored-file.ts';

/**
 * The smallest piece kept as bytes (in `pieces`); a smaller one is kept as a Blob. Large pieces are
 * bytes because Chromium holds a Blob's memory until the worker's collector runs, which it rarely does
 * (measured: resident memory grew by the file's size, +1 GiB for 1 GiB). Small ones are Blobs because
 * Firefox keeps small values inside its database file, where deleting them frees nothing the storage
 * figure shows (measured: after deleting its only 1 MB song, Firefox still said 2.0 MB used), while a
 * Blob is a file of its own, deleted with its song. A phone's link writes small pieces; a fast one
 * grows them to `MAX_PIECE_BYTES`.
 */
export const MIN_BYTES_PIECE = 1024 * 1024;

/** Bytes of a file from `start` on, as a Blob. */
export interface Segment {
  readonly start: number;
  readonly data: Blob;
}

/** The byte fields an engine writes with a chunk; the status belongs to `steps.ts` alone. */
export type ByteFields = Pick<DownloadRecord, 'bytesReceived' | 'bytesTotal' | 'validator' | 'contentType'>;

/** A change of a download's state: only `steps.ts` writes one (`setState`). */
export type StatePatch = Partial<Omit<DownloadRecord, 'trackId'>>;

/** What completing a download found: the record as completed, fewer bytes than the file holds, or no download. */
export type Completion =
  | { readonly kind: 'completed'; readonly record: DownloadRecord }
  | { readonly kind: 'incomplete'; readonly bytes: number }
  | { readonly kind: 'gone' };

/**
 * Downloads in IndexedDB. Every write that says "stored" has waited for its transaction to commit.
 * Engines write bytes through `appendChunk`/`restart`, which keep the status the manager wrote and
 * write nothing once the download is gone (canceled), so no chunk is ever orphaned.
 */
export class DownloadStore {
  readonly #connection = new Connection();
  /** IndexedDB's keeping of Blobs, as this browser does it. */
  readonly #bytes = new BytesKeeping();

  /**
   * Called with true when a connection of an older version keeps the schema from upgrading, and with
   * false once the upgrade went through after all.
   */
  set onUpgradeBlocked(listener: ((blocked: boolean) => void) | undefined) {
    this.#connection.onUpgradeBlocked = listener;
  }

  db(): Promise<IDBPDatabase<HalfTunesDB>> {
    return this.#connection.db();
  }

  async all(): Promise<DownloadRecord[]> {
    return (await this.db()).getAll('downloads');
  }

  async get(trackId: number): Promise<DownloadRecord | undefined> {
    return (await this.db()).get('downloads', trackId);
  }

  /** Stores a new download (`steps.ts` creates them). */
  async put(record: DownloadRecord): Promise<void> {
    await (await this.db()).put('downloads', record);
  }

  /**
   * Stores `bytes` as the chunk at `start` with the new byte counts, in one transaction; nothing once
   * the download is gone. The bytes are copied before this returns (a `put` clones what it is given
   * there and then, a Blob copies what it is made of), so the caller may fill its buffer again at once.
   * Bytes that are part of their buffer (a body's last piece) are kept as a Blob: a `put` would clone
   * the whole buffer, and a copy of the part would be an ArrayBuffer left for the collector.
   * @returns the record as stored, or null if it is gone
   */
  appendChunk(
    trackId: number,
    start: number,
    bytes: Uint8Array<ArrayBuffer>,
    fields: ByteFields,
  ): Promise<DownloadRecord | null> {
    const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    if (bytes.byteLength < MIN_BYTES_PIECE || !whole) {
      // The Blob copies the bytes there and then.
      return this.#putChunks(trackId, [{ start, data: new Blob([bytes]) }], (current) => ({ ...current, ...fields }));
    }
    const db = this.#connection.opened;
    if (db) return this.#putPiece(db, trackId, start, bytes.buffer, fields);
    // No connection yet: the bytes must outlive the wait for one.
    const copy = bytes.buffer.slice(0);
    return this.db().then((opened) => this.#putPiece(opened, trackId, start, copy, fields));
  }

  #putPiece(
    db: IDBPDatabase<HalfTunesDB>,
    trackId: number,
    start: number,
    piece: ArrayBuffer,
    fields: ByteFields,
  ): Promise<DownloadRecord | null> {
    const tx = db.transaction(['downloads', 'chunks', 'pieces'], 'readwrite');
    const key: [number, number] = [trackId, start];
    // Put first, in this task: the caller's buffer is theirs again once this returns.
    const written = Promise.all([
      tx.objectStore('pieces').put(piece, key),
      tx.objectStore('chunks').put({ trackId, start, size: piece.byteLength }),
    ]);
    // A failure of these shows in the get or the commit awaited below (a closed connection fails
    // the get, and then nobody awaits the rest).
    written.catch(() => undefined);
    tx.done.catch(() => undefined);
    return storingBytes(async () => {
      const current = await tx.objectStore('downloads').get(trackId);
      if (!current) {
        // Canceled meanwhile: the abort takes the puts back.
        abortQuietly(tx);
        return null;
      }
      const next = { ...current, ...fields };
      await Promise.all([written, tx.objectStore('downloads').put(next), tx.done]);
      return next;
    });
  }

  /**
   * Puts chunks (at different starts) and the record `change` makes of the stored one in one
   * transaction; nothing is written once the download is gone. `change` gets the size of the chunks
   * the new ones replace.
   */
  #putChunks(
    trackId: number,
    chunks: readonly Segment[],
    change: (current: DownloadRecord, replacedBytes: number) => DownloadRecord,
  ): Promise<DownloadRecord | null> {
    return this.#bytes.writingAll(
      chunks.map((chunk) => chunk.data),
      async (stored) => {
        const tx = (await this.db()).transaction(['downloads', 'chunks', 'pieces'], 'readwrite');
        return storingBytes(async () => {
          const [current, previous] = await Promise.all([
            tx.objectStore('downloads').get(trackId),
            Promise.all(chunks.map(({ start }) => tx.objectStore('chunks').get([trackId, start]))),
          ]);
          if (!current) {
            abortQuietly(tx);
            return null;
          }
          const next = change(
            current,
            previous.reduce((sum, chunk) => sum + (chunk ? chunkSize(chunk) : 0), 0),
          );
          await Promise.all([
            ...chunks.flatMap(({ start }, index) => [
              tx.objectStore('chunks').put({ trackId, start, data: stored[index]! }),
              // The bytes of a chunk it replaces that kept them apart.
              tx.objectStore('pieces').delete([trackId, start]),
            ]),
            tx.objectStore('downloads').put(next),
            tx.done,
          ]);
          return next;
        });
      },
    );
  }

  /**
   * What an engine learnt of its file (size, version, type, its fetch), written onto the stored
   * download: @returns it as stored, or null if it is gone (a canceled download is never written back).
   */
  update(trackId: number, patch: FilePatch): Promise<DownloadRecord | null> {
    return this.#patch(trackId, patch);
  }

  /**
   * Writes a step of the state machine (`steps.ts`, its only caller): the status, the failure, the
   * counts of tries. @returns the download as stored, or null if it is gone.
   */
  setState(trackId: number, patch: StatePatch): Promise<DownloadRecord | null> {
    return this.#patch(trackId, patch);
  }

  async #patch(trackId: number, patch: StatePatch): Promise<DownloadRecord | null> {
    const tx = (await this.db()).transaction('downloads', 'readwrite');
    const current = await tx.store.get(trackId);
    if (!current) {
      abortQuietly(tx);
      return null;
    }
    const next = { ...current, ...patch };
    await Promise.all([tx.store.put(next), tx.done]);
    return next;
  }

  /**
   * Stores one segment of a background fetch, which arrive in any order: the byte count grows by what
   * is new (a segment stored twice counts once).
   */
  addSegment(trackId: number, start: number, data: Blob): Promise<DownloadRecord | null> {
    return this.addSegments(trackId, [{ start, data }]);
  }

  /**
   * Stores segments together, in one transaction: `addSegment` for each, faster (measured, Chromium,
   * the 48 MiB a background fetch brought of 64 MiB: 225 ms in three transactions, 96–142 ms in one).
   * Of two at the same start, the last is kept.
   */
  addSegments(trackId: number, segments: readonly Segment[]): Promise<DownloadRecord | null> {
    const chunks = [...new Map(segments.map((segment) => [segment.start, segment])).values()];
    const added = chunks.reduce((sum, chunk) => sum + chunk.data.size, 0);
    return this.#putChunks(trackId, chunks, (current, replacedBytes) => ({
      ...current,
      bytesReceived: current.bytesReceived + added - replacedBytes,
    }));
  }

  /** Where the stored chunks of a download lie, in byte order. */
  async storedSpans(trackId: number): Promise<{ start: number; size: number }[]> {
    const chunks = await (await this.db()).getAll('chunks', chunkKeys(trackId));
    return chunks.map((chunk) => ({ start: chunk.start, size: chunkSize(chunk) }));
  }

  /**
   * The download as an engine continues it: its byte count is what its chunks hold without a gap from
   * the start, and any chunk past the first gap is deleted. Never a counter alone: a cleanup cut off
   * halfway (a worker stopped between its transactions) leaves a count its chunks do not hold. Over
   * the quota, which refuses a transaction that puts anything, the count is only corrected in the
   * record returned (the first piece stored writes it).
   */
  async resume(trackId: number): Promise<DownloadRecord | null> {
    try {
      const kept = await this.#keepingPrefix(trackId, (current, bytes) => ({ ...current, bytesReceived: bytes }));
      return kept.kind === 'completed' ? kept.record : null;
    } catch (error) {
      if (!isQuotaError(error)) throw error;
      const tx = (await this.db()).transaction(['downloads', 'chunks'], 'readonly');
      const [current, chunks] = await Promise.all([
        tx.objectStore('downloads').get(trackId),
        tx.objectStore('chunks').getAll(chunkKeys(trackId)),
      ]);
      return current ? { ...current, bytesReceived: contiguousPrefix(chunks).bytes } : null;
    }
  }

  /**
   * Keeps only the bytes stored without a gap from the start (segments of a background fetch may
   * leave gaps) and changes the engine, for an engine that continues from the end of what is stored.
   */
  async keepPrefix(trackId: number, patch: StatePatch): Promise<DownloadRecord | null> {
    const kept = await this.#keepingPrefix(trackId, (current, bytes) => ({
      ...current,
      ...patch,
      bytesReceived: bytes,
    }));
    return kept.kind === 'completed' ? kept.record : null;
  }

  /**
   * Deletes the chunks past the first gap and stores the record `next` makes of the stored one and the
   * bytes before the gap, in one transaction; nothing once the download is gone, nor when `next`
   * returns null (the bytes stored are then `incomplete`).
   */
  async #keepingPrefix(
    trackId: number,
    next: (current: DownloadRecord, bytes: number) => DownloadRecord | null,
  ): Promise<Completion> {
    const tx = (await this.db()).transaction(['downloads', 'chunks', 'pieces'], 'readwrite');
    const [current, chunks] = await Promise.all([
      tx.objectStore('downloads').get(trackId),
      tx.objectStore('chunks').getAll(chunkKeys(trackId)),
    ]);
    if (!current) {
      abortQuietly(tx);
      return { kind: 'gone' };
    }
    const { bytes, beyond } = contiguousPrefix(chunks);
    const record = next(current, bytes);
    if (!record) {
      abortQuietly(tx);
      return { kind: 'incomplete', bytes };
    }
    const unchanged = beyond.length === 0 && JSON.stringify(record) === JSON.stringify(current);
    await Promise.all([
      ...beyond.flatMap((chunk) => [
        tx.objectStore('chunks').delete([trackId, chunk.start]),
        tx.objectStore('pieces').delete([trackId, chunk.start]),
      ]),
      ...(unchanged ? [] : [tx.objectStore('downloads').put(record)]),
      tx.done,
    ]);
    return { kind: 'completed', record };
  }

  /**
   * Throws away every stored byte, so the download starts again from zero. A file that changed is
   * counted (`changed`), for `transition` to stop a host whose file changes at every answer.
   */
  async restart(trackId: number, patch: StatePatch = {}, { changed = false } = {}): Promise<DownloadRecord | null> {
    const tx = (await this.db()).transaction(['downloads', 'chunks', 'pieces'], 'readwrite');
    const current = await tx.objectStore('downloads').get(trackId);
    if (!current) {
      abortQuietly(tx);
      return null;
    }
    const restarts = (current.restarts ?? 0) + (changed ? 1 : 0);
    const next: DownloadRecord = {
      ...current,
      bytesReceived: 0,
      bytesTotal: null,
      validator: null,
      restarts,
      ...patch,
    };
    await Promise.all([
      tx.objectStore('chunks').delete(chunkKeys(trackId)),
      tx.objectStore('pieces').delete(chunkKeys(trackId)),
      tx.objectStore('downloads').put(next),
      tx.done,
    ]);
    return next;
  }

  /**
   * Marks the download completed once its chunks hold the whole file without a gap, deleting any
   * chunk past it. The chunks stay as the file (see `audio`): joining them into one stored Blob would
   * copy every byte, and WebKit loses parts of such a Blob once the chunks it came from are deleted.
   */
  complete(trackId: number, now: number): Promise<Completion> {
    return this.#keepingPrefix(trackId, (current, bytes) =>
      bytes === current.bytesTotal
        ? { ...current, status: 'completed', bytesReceived: bytes, failure: null, completedAt: now }
        : null,
    );
  }

  /** Removes a download with all its chunks, its file and its artwork. */
  remove(trackId: number): Promise<void> {
    return this.removeAll([trackId]);
  }

  /** Removes downloads with all their chunks, files and artwork, in one transaction: all of them or none. */
  async removeAll(trackIds: readonly number[]): Promise<void> {
    const tx = (await this.db()).transaction(['downloads', 'chunks', 'pieces', 'audio', 'artwork'], 'readwrite');
    await Promise.all([
      ...trackIds.flatMap((trackId) => [
        tx.objectStore('downloads').delete(trackId),
        tx.objectStore('chunks').delete(chunkKeys(trackId)),
        tx.objectStore('pieces').delete(chunkKeys(trackId)),
        tx.objectStore('audio').delete(trackId),
        tx.objectStore('artwork').delete(trackId),
      ]),
      tx.done,
    ]);
  }

  /** Keeps a song's artwork with it; nothing is written once the download is gone (canceled meanwhile). */
  putArtwork(trackId: number, blob: Blob): Promise<boolean> {
    return this.#bytes.writing(blob, async (stored) => {
      const tx = (await this.db()).transaction(['downloads', 'artwork'], 'readwrite');
      if (!(await tx.objectStore('downloads').get(trackId))) {
        abortQuietly(tx);
        return false;
      }
      await Promise.all([tx.objectStore('artwork').put({ trackId, blob: stored }), tx.done]);
      return true;
    });
  }

  async artwork(trackId: number): Promise<Blob | undefined> {
    const record = await (await this.db()).get('artwork', trackId);
    return record && storedBlob(record.blob);
  }

  /**
   * Deletes only the partial bytes (after a full disk), keeping the record to show the failure; the
   * caller zeroes its counts with the failure, in one write. The chunks go in a transaction of their
   * own: over the quota, Chromium refuses a transaction that also puts anything, even one that would
   * free far more than it writes. Cut off between the two, the count is wrong but harmless: engines
   * continue from the chunks (`resume`).
   */
  async dropChunks(trackId: number): Promise<void> {
    const tx = (await this.db()).transaction(['chunks', 'pieces'], 'readwrite');
    await Promise.all([
      tx.objectStore('chunks').delete(chunkKeys(trackId)),
      tx.objectStore('pieces').delete(chunkKeys(trackId)),
      tx.done,
    ]);
  }

  /**
   * The file of a completed download, with its content type: its chunks joined (nothing read until
   * its answer is), or the one Blob an older release stored.
   */
  async audio(trackId: number): Promise<StoredFile | undefined> {
    const tx = (await this.db()).transaction(['downloads', 'chunks', 'audio'], 'readonly');
    const [record, stored, chunks] = await Promise.all([
      tx.objectStore('downloads').get(trackId),
      tx.objectStore('audio').get(trackId),
      tx.objectStore('chunks').getAll(chunkKeys(trackId)),
    ]);
    if (stored) return blobFile(stored.blob);
    if (record?.status !== 'completed' || chunks.length === 0) return undefined;
    const { bytes, parts } = contiguousPrefix(chunks);
    if (bytes !== record.bytesTotal) return undefined;
    return partsFile(parts, record.contentType ?? 'application/octet-stream', (chunk) => this.#piece(chunk));
  }

  /** The bytes of a chunk kept in `pieces`; a chunk deleted meanwhile (the song was) is an error. */
  async #piece({ trackId, start }: ChunkRecord): Promise<ArrayBuffer> {
    const piece = await (await this.db()).get('pieces', [trackId, start]);
    if (!piece) throw new DOMException('The song was deleted.', 'NotFoundError');
    return piece;
  }
}
