import 'fake-indexeddb/auto';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { DB_VERSION, openHalfTunesDB } from '../../../src/shared/schema.ts';
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
    expect([...db.objectStoreNames]).toEqual(['tracks']);
    expect([...db.transaction('tracks').store.indexNames]).toEqual(['by-added']);
    db.close();
  });

  it('stores and reads tracks with their types', async () => {
    const db = await openHalfTunesDB('schema-test-types');
    await db.put('tracks', { ...track, addedAt: 1 });
    const stored = await db.get('tracks', track.id);
    expectTypeOf(stored).toEqualTypeOf<(Track & { readonly addedAt: number }) | undefined>();
    expect(stored?.name).toBe('Love on the Harbour');
    db.close();
  });

  it('closes itself when a newer version needs to upgrade', async () => {
    let askedToStepAside = false;
    const db = await openHalfTunesDB('schema-test-blocking', { onBlocking: () => (askedToStepAside = true) });
    const { openDB } = await import('idb');
    const newer = await openDB('schema-test-blocking', DB_VERSION + 1);
    expect(askedToStepAside).toBe(true);
    expect(newer.version).toBe(DB_VERSION + 1);
    newer.close();
    db.close();
  });
});
