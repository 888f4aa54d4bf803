import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Track } from '../../../src/shared/catalog.ts';
import { newDownload } from '../../../src/shared/downloads.ts';
import { DB_NAME, openHalfTunesDB } from '../../../src/shared/schema.ts';
import { DownloadStore, MIN_BYTES_PIECE } from '../../../src/sw/download/store.ts';
import { fileBytes } from './stored-bytes.ts';

const track: Track = {
  id: 90010101,
  name: 'Love on the Harbour',
  artist: 'The Paper Lanterns',
  album: 'Harbour Lights',
  durationMs: 30_000,
  previewUrl: 'https://audio-ssl.itunes.apple.com/90010101.m4a',
  artworkUrl: null,
  genre: null,
  releaseDate: null,
};
const bytes = (count: number, seed: number): Uint8Array<ArrayBuffer> =>
  Uint8Array.from({ length: count }, (_, i) => (i + seed) % 251);
const blobBytes = async (blob: Blob | undefined): Promise<number[]> => [...new Uint8Array(await blob!.arrayBuffer())];

let store: DownloadStore;
beforeEach(async () => {
  indexedDB.deleteDatabase(DB_NAME);
  store = new DownloadStore();
  await store.put({ ...newDownload(track, 1), status: 'downloading', bytesTotal: 6, contentType: 'audio/x-m4a' });
});

/** Stores the file as two chunks and completes it. */
async function downloadWhole(): Promise<void> {
  const fields = { bytesTotal: 6, validator: null, contentType: 'audio/x-m4a', engine: 'range' as const };
  await store.appendChunk(track.id, 0, bytes(4, 0), { ...fields, bytesReceived: 4 });
  await store.appendChunk(track.id, 4, bytes(2, 4), { ...fields, bytesReceived: 6 });
  await store.complete(track.id, 2);
}

/** Pieces as a fast link writes them, kept as bytes: two large ones, and a small last one. */
const LARGE = MIN_BYTES_PIECE;
const LARGE_TOTAL = 2 * LARGE + 2;
async function downloadLarge(): Promise<void> {
  await store.put({ ...newDownload(track, 1), status: 'downloading', bytesTotal: LARGE_TOTAL });
  const fields = { bytesTotal: LARGE_TOTAL, validator: null, contentType: 'audio/x-m4a' };
  await store.appendChunk(track.id, 0, bytes(LARGE, 0), { ...fields, bytesReceived: LARGE });
  await store.appendChunk(track.id, LARGE, bytes(LARGE, LARGE), { ...fields, bytesReceived: 2 * LARGE });
  await store.appendChunk(track.id, 2 * LARGE, bytes(2, 2 * LARGE), { ...fields, bytesReceived: LARGE_TOTAL });
  await store.complete(track.id, 2);
}
const same = (a: readonly number[], b: Uint8Array): boolean => Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;

describe('the stored file of a download', () => {
  it('is its chunks, joined when read: nothing is copied at completion', async () => {
    await downloadWhole();
    const audio = await store.audio(track.id);
    expect(audio?.type).toBe('audio/x-m4a');
    expect(audio?.size).toBe(6);
    expect(await fileBytes(audio)).toEqual([...bytes(6, 0)]);
    expect((await store.storedSpans(track.id)).map(({ size }) => size)).toEqual([4, 2]);
    expect((await store.get(track.id))?.status).toBe('completed');
  });

  it('of large pieces is read a piece at a time, in any range, across pieces', async () => {
    await downloadLarge();
    const audio = await store.audio(track.id);
    expect(audio?.size).toBe(LARGE_TOTAL);
    expect(same(await fileBytes(audio), bytes(LARGE_TOTAL, 0))).toBe(true);
    expect(await fileBytes(audio, LARGE - 1, LARGE + 1)).toEqual([(LARGE - 1) % 251, LARGE % 251]);
    expect(await fileBytes(audio, 2 * LARGE + 1, LARGE_TOTAL)).toEqual([(2 * LARGE + 1) % 251]);
    const reader = (audio!.body(0, LARGE_TOTAL) as ReadableStream<Uint8Array>).getReader();
    const reads: number[] = [];
    for (let read = await reader.read(); !read.done; read = await reader.read()) reads.push(read.value.byteLength);
    expect(reads).toEqual([LARGE, LARGE, 2]);
  });

  it('reads a file of a Blob segment and pieces, as a background fetch continued by the stream leaves it', async () => {
    await store.addSegment(track.id, 0, new Blob([bytes(3, 0)]));
    const fields = { bytesTotal: 6, validator: null, contentType: 'audio/x-m4a' };
    await store.appendChunk(track.id, 3, bytes(3, 3), { ...fields, bytesReceived: 6 });
    await store.complete(track.id, 2);
    const audio = await store.audio(track.id);
    expect(await fileBytes(audio)).toEqual([...bytes(6, 0)]);
    expect(await fileBytes(audio, 2, 4)).toEqual([2, 3]);
  });

  it("keeps a large piece's bytes apart from the chunk that says where they lie, so finding them reads no bytes", async () => {
    const piece = bytes(LARGE, 0);
    const fields = { bytesTotal: LARGE_TOTAL, validator: null, contentType: 'audio/x-m4a' };
    await store.appendChunk(track.id, 0, piece, { ...fields, bytesReceived: LARGE });
    // Copied when it was given: the engine fills its buffer again at once.
    piece.fill(0);
    const small = bytes(2, LARGE);
    await store.appendChunk(track.id, LARGE, small, { ...fields, bytesReceived: LARGE + 2 });
    small.fill(0);
    const db = await openHalfTunesDB();
    expect(await db.get('chunks', [track.id, 0])).toEqual({ trackId: track.id, start: 0, size: LARGE });
    expect(same([...new Uint8Array((await db.get('pieces', [track.id, 0]))!)], bytes(LARGE, 0))).toBe(true);
    // A small piece is a Blob of its own (see MIN_BYTES_PIECE).
    const kept = await db.get('chunks', [track.id, LARGE]);
    expect(kept && 'data' in kept && kept.data instanceof Blob).toBe(true);
    expect(await db.get('pieces', [track.id, LARGE])).toBeUndefined();
    db.close();
    expect((await store.resume(track.id))?.bytesReceived).toBe(LARGE + 2);
  });

  it('keeps a piece that is part of its buffer as a Blob of those bytes alone', async () => {
    const buffer = bytes(LARGE + 4, 0);
    const fields = { bytesTotal: LARGE + 2, validator: null, contentType: 'audio/x-m4a' };
    await store.appendChunk(track.id, 0, buffer.subarray(0, LARGE + 2), { ...fields, bytesReceived: LARGE + 2 });
    buffer.fill(0);
    const db = await openHalfTunesDB();
    const kept = await db.get('chunks', [track.id, 0]);
    expect(await db.get('pieces', [track.id, 0])).toBeUndefined();
    db.close();
    expect(kept && 'data' in kept && kept.data instanceof Blob ? kept.data.size : null).toBe(LARGE + 2);
    await store.complete(track.id, 2);
    expect(same(await fileBytes(await store.audio(track.id)), bytes(LARGE + 2, 0))).toBe(true);
  });

  it('writes no piece once the download is gone (canceled meanwhile)', async () => {
    await store.remove(track.id);
    const fields = { bytesTotal: 6, validator: null, contentType: 'audio/x-m4a', bytesReceived: 4 };
    expect(await store.appendChunk(track.id, 0, bytes(LARGE, 0), fields)).toBeNull();
    expect(await store.appendChunk(track.id, 0, bytes(4, 0), fields)).toBeNull();
    const db = await openHalfTunesDB();
    expect(await db.count('chunks')).toBe(0);
    expect(await db.count('pieces')).toBe(0);
    db.close();
  });

  it('takes the pieces with it when it is deleted or starts again', async () => {
    await downloadLarge();
    await store.restart(track.id);
    const db = await openHalfTunesDB();
    expect(await db.count('pieces')).toBe(0);
    expect(await db.count('chunks')).toBe(0);
    db.close();
  });

  it('of an older release (one Blob in the audio store) is still served', async () => {
    const db = await openHalfTunesDB();
    await db.put('downloads', { ...newDownload(track, 1), status: 'completed', bytesTotal: 3 });
    await db.put('audio', {
      trackId: track.id,
      blob: new Blob([bytes(3, 9)], { type: 'audio/mpeg' }),
      contentType: 'audio/mpeg',
    });
    db.close();
    expect(await fileBytes(await store.audio(track.id))).toEqual([...bytes(3, 9)]);
  });

  it('is kept where IndexedDB refuses Blobs, as a private window does', async () => {
    // WebKit's refusal, word for word; everything else goes through.
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      const data = (value as { data?: unknown }).data ?? (value as { blob?: unknown }).blob;
      if (data instanceof Blob) {
        throw new DOMException('Error preparing Blob/File data to be stored in object store', 'UnknownError');
      }
      return put.call(this, value, key);
    };
    try {
      await downloadWhole();
      await store.putArtwork(track.id, new Blob([bytes(2, 7)], { type: 'image/png' }));
    } finally {
      IDBObjectStore.prototype.put = put;
    }
    expect(await fileBytes(await store.audio(track.id))).toEqual([...bytes(6, 0)]);
    const artwork = await store.artwork(track.id);
    expect(artwork?.type).toBe('image/png');
    expect(await blobBytes(artwork)).toEqual([...bytes(2, 7)]);
  });
});
