import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Track } from '../../../src/shared/catalog.ts';
import { newDownload } from '../../../src/shared/downloads.ts';
import { DB_NAME, openHalfTunesDB } from '../../../src/shared/schema.ts';
import { DownloadStore } from '../../../src/sw/download/store.ts';

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
const text = async (blob: Blob | undefined): Promise<number[]> => [...new Uint8Array(await blob!.arrayBuffer())];

let store: DownloadStore;
beforeEach(async () => {
  indexedDB.deleteDatabase(DB_NAME);
  store = new DownloadStore();
  await store.put({ ...newDownload(track, 1), status: 'downloading', bytesTotal: 6, contentType: 'audio/x-m4a' });
});

/** Stores the file as two chunks and completes it. */
async function downloadWhole(): Promise<void> {
  const fields = { bytesTotal: 6, validator: null, contentType: 'audio/x-m4a', engine: 'range' as const };
  await store.appendChunk(track.id, 0, new Blob([bytes(4, 0)]), { ...fields, bytesReceived: 4 });
  await store.appendChunk(track.id, 4, new Blob([bytes(2, 4)]), { ...fields, bytesReceived: 6 });
  await store.complete(track.id, 2);
}

describe('the stored file of a download', () => {
  it('is its chunks, joined when read: nothing is copied at completion', async () => {
    await downloadWhole();
    const audio = await store.audio(track.id);
    expect(audio?.type).toBe('audio/x-m4a');
    expect(await text(audio)).toEqual([...bytes(6, 0)]);
    expect((await store.storedSpans(track.id)).map(({ size }) => size)).toEqual([4, 2]);
    expect((await store.get(track.id))?.status).toBe('completed');
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
    expect(await text(await store.audio(track.id))).toEqual([...bytes(3, 9)]);
  });

  it('is kept as bytes where IndexedDB refuses Blobs, as a private window does', async () => {
    // WebKit's refusal, word for word; everything else goes through.
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      const data = (value as { data?: unknown; blob?: unknown }).data ?? (value as { blob?: unknown }).blob;
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
    expect(await text(await store.audio(track.id))).toEqual([...bytes(6, 0)]);
    const artwork = await store.artwork(track.id);
    expect(artwork?.type).toBe('image/png');
    expect(await text(artwork)).toEqual([...bytes(2, 7)]);
  });
});
