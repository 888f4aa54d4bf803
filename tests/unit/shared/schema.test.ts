import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { DB_VERSION, chunkKeys, openHalfTunesDB } from '../../../src/shared/schema.ts';
import { newDownload, type DownloadRecord } from '../../../src/shared/downloads.ts';
import type { Track } from '../../../src/shared/catalog.ts';

const track: Track = {
  id: 90010101,
  name: 'Love on the Harbour',
  artist: 'The Paper Lanterns',
  album: 'Harbour Lights',
  durationMs: 211_000,
  previewUrl: 'http://127.0.0.1:4173/catalog/previews/90010101.wav',
  artworkUrl: null,
  genre: 'Indie Pop',
  releaseDate: '2019-04-12T07:00:00Z',
};

describe('the IndexedDB schema', () => {
  it('creates its stores at the current version', async () => {
    const db = await openHalfTunesDB('schema-test-create');
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['artwork', 'audio', 'chunks', 'downloads', 'pieces']);
    expect([...db.transaction('downloads').store.indexNames]).toEqual([]);
    db.close();
  });

  it('upgrades a version 1 database', async () => {
    const v1 = await openDB('schema-test-upgrade', 1, {
      upgrade(db) {
        db.createObjectStore('tracks', { keyPath: 'id' }).createIndex('by-added', 'addedAt');
      },
    });
    v1.close();
    const db = await openHalfTunesDB('schema-test-upgrade');
    expect([...db.objectStoreNames].sort()).toEqual(['artwork', 'audio', 'chunks', 'downloads', 'pieces']);
    db.close();
  });

  it('keeps every downloaded song when it upgrades a version 2 database', async () => {
    const v2 = await openDB('schema-test-keep', 2, {
      upgrade(db) {
        db.createObjectStore('downloads', { keyPath: 'trackId' }).createIndex('by-status', 'status');
        db.createObjectStore('chunks', { keyPath: ['trackId', 'start'] });
        db.createObjectStore('audio', { keyPath: 'trackId' });
      },
    });
    const song = { ...newDownload(track, 1), status: 'completed' };
    await v2.put('downloads', song);
    await v2.put('audio', { trackId: track.id, blob: new Blob(['RIFF']), contentType: 'audio/wav' });
    v2.close();
    const db = await openHalfTunesDB('schema-test-keep');
    expect(await db.get('downloads', track.id)).toEqual(song);
    expect(await db.get('audio', track.id)).toMatchObject({ trackId: track.id, contentType: 'audio/wav' });
    expect(await db.count('artwork')).toBe(0);
    db.close();
  });

  it('upgrades a version 3 database: the unused index goes, a whole-body download becomes a range one', async () => {
    const v3 = await openDB('schema-test-v3', 3, {
      upgrade(db) {
        db.createObjectStore('downloads', { keyPath: 'trackId' }).createIndex('by-status', 'status');
        db.createObjectStore('chunks', { keyPath: ['trackId', 'start'] });
        db.createObjectStore('audio', { keyPath: 'trackId' });
        db.createObjectStore('artwork', { keyPath: 'trackId' });
      },
    });
    const finished = { ...newDownload(track, 1), status: 'completed', engine: 'range' };
    const whole = { ...newDownload({ ...track, id: track.id + 1 }, 2), status: 'paused', engine: 'whole-body' };
    await v3.put('downloads', finished);
    await v3.put('downloads', whole);
    await v3.put('chunks', { trackId: track.id, start: 0, data: new Blob(['RIFF']) });
    v3.close();
    const db = await openHalfTunesDB('schema-test-v3');
    expect([...db.transaction('downloads').store.indexNames]).toEqual([]);
    expect(await db.get('downloads', track.id)).toEqual(finished);
    expect(await db.get('downloads', track.id + 1)).toEqual({ ...whole, engine: 'range' });
    expect(await db.count('chunks')).toBe(1);
    db.close();
  });

  it('upgrades a version 4 database: its chunks stay the files they were, and pieces have a store', async () => {
    const v4 = await openDB('schema-test-v4', 4, {
      upgrade(db) {
        db.createObjectStore('downloads', { keyPath: 'trackId' });
        db.createObjectStore('chunks', { keyPath: ['trackId', 'start'] });
        db.createObjectStore('audio', { keyPath: 'trackId' });
        db.createObjectStore('artwork', { keyPath: 'trackId' });
      },
    });
    const chunk = { trackId: track.id, start: 0, data: new Blob(['RIFF']) };
    await v4.put('chunks', chunk);
    v4.close();
    const db = await openHalfTunesDB('schema-test-v4');
    expect(await db.get('chunks', [track.id, 0])).toMatchObject({ trackId: track.id, start: 0 });
    expect(await db.count('pieces')).toBe(0);
    db.close();
  });

  it('tells the newer version when an older connection does not step aside', async () => {
    const old = await openDB('schema-test-blocked', 2);
    // An old tab that never closes its connection: the upgrade waits, and says so.
    old.addEventListener('versionchange', () => undefined);
    let blocked = false;
    const opening = openHalfTunesDB('schema-test-blocked', { onBlocked: () => (blocked = true) });
    await expect.poll(() => blocked).toBe(true);
    old.close();
    (await opening).close();
  });

  it('stores downloads and their chunks with their types, chunks in byte order', async () => {
    const db = await openHalfTunesDB('schema-test-types');
    await db.put('downloads', newDownload(track, 1));
    const stored = await db.get('downloads', track.id);
    expectTypeOf(stored).toEqualTypeOf<DownloadRecord | undefined>();
    expect(stored?.status).toBe('queued');
    for (const start of [524288, 0, 262144]) {
      await db.put('chunks', { trackId: track.id, start, data: new Blob([new Uint8Array(4)]) });
    }
    await db.put('chunks', { trackId: track.id + 1, start: 0, data: new Blob([]) });
    const chunks = await db.getAll('chunks', chunkKeys(track.id));
    expect(chunks.map((chunk) => chunk.start)).toEqual([0, 262144, 524288]);
    db.close();
  });

  it('closes itself when a newer version needs to upgrade', async () => {
    let askedToStepAside = false;
    const db = await openHalfTunesDB('schema-test-blocking', { onBlocking: () => (askedToStepAside = true) });
    const newer = await openDB('schema-test-blocking', DB_VERSION + 1);
    expect(askedToStepAside).toBe(true);
    expect(newer.version).toBe(DB_VERSION + 1);
    newer.close();
    db.close();
  });
});
