import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Track } from '../../../src/shared/catalog.ts';
import { newDownload } from '../../../src/shared/downloads.ts';
import { DB_NAME, openHalfTunesDB } from '../../../src/shared/schema.ts';
import { DownloadStore } from '../../../src/sw/download/store.ts';
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

  it('reads any range of it, across chunks, a chunk at a time', async () => {
    await downloadWhole();
    const audio = await store.audio(track.id);
    expect(await fileBytes(audio, 3, 5)).toEqual([3, 4]);
    expect(await fileBytes(audio, 4, 6)).toEqual([4, 5]);
    expect(await fileBytes(audio, 1, 2)).toEqual([1]);
    const reader = (audio!.body(0, 6) as ReadableStream<Uint8Array>).getReader();
    expect([...(await reader.read()).value!]).toEqual([0, 1, 2, 3]);
    expect([...(await reader.read()).value!]).toEqual([4, 5]);
    expect((await reader.read()).done).toBe(true);
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

  it("keeps a piece's bytes apart from the chunk that says where they lie, so finding them reads no bytes", async () => {
    const piece = bytes(4, 0);
    await store.appendChunk(track.id, 0, piece, {
      bytesTotal: 6,
      validator: null,
      contentType: 'audio/x-m4a',
      bytesReceived: 4,
    });
    // Copied when it was given: the engine fills its buffer again at once.
    piece.fill(0);
    const db = await openHalfTunesDB();
    expect(await db.get('chunks', [track.id, 0])).toEqual({ trackId: track.id, start: 0, size: 4 });
    expect([...new Uint8Array((await db.get('pieces', [track.id, 0]))!)]).toEqual([...bytes(4, 0)]);
    db.close();
  });

  it('writes no piece once the download is gone (canceled meanwhile)', async () => {
    await store.remove(track.id);
    const fields = { bytesTotal: 6, validator: null, contentType: 'audio/x-m4a', bytesReceived: 4 };
    expect(await store.appendChunk(track.id, 0, bytes(4, 0), fields)).toBeNull();
    const db = await openHalfTunesDB();
    expect(await db.count('chunks')).toBe(0);
    expect(await db.count('pieces')).toBe(0);
    db.close();
  });

  it('takes the pieces with it when it is deleted or starts again', async () => {
    await downloadWhole();
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
