import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { albumsOf, artistsOf, sortedBy, storedAlbum, type KeptSong } from '../../../src/components/library-groups.ts';
import type { Track } from '../../../src/shared/catalog.ts';

const song = (id: number, fields: Partial<Track>, addedAt = id): KeptSong => ({
  track: {
    id,
    name: `Song ${id}`,
    artist: 'The Paper Lanterns',
    album: 'Harbour Lights',
    durationMs: null,
    previewUrl: `https://example.com/${id}.m4a`,
    artworkUrl: null,
    genre: null,
    releaseDate: '2024-05-01T00:00:00Z',
    albumId: 1,
    ...fields,
  },
  addedAt,
});

describe('the library by album and artist', () => {
  it('groups songs by album id, in disc and track order, whatever order they were downloaded in', () => {
    const albums = albumsOf([
      song(3, { trackNumber: 3 }),
      song(1, { trackNumber: 1, discNumber: 2 }),
      song(2, { trackNumber: 2 }),
      song(9, { albumId: 2, album: 'Other', artist: 'Someone' }),
    ]);
    expect(albums.map((album) => [album.id, album.tracks.map((track) => track.id)])).toEqual([
      [1, [2, 3, 1]],
      [2, [9]],
    ]);
    expect(albums[0]!.addedAt).toBe(3);
  });

  it('keeps songs stored before albums had ids together by album name and artist', () => {
    const albums = albumsOf([song(1, { albumId: undefined }), song(2, { albumId: null }), song(3, {})]);
    expect(albums.map((album) => [album.id, album.tracks.length])).toEqual([
      [null, 2],
      [1, 1],
    ]);
  });

  it('gives an album the artist most of its songs have (a guest on one song does not rename it)', () => {
    const [album] = albumsOf([song(1, { artist: 'Guest' }), song(2, {}), song(3, {})]);
    expect(album!.artist).toBe('The Paper Lanterns');
    expect(artistsOf(albumsOf([song(1, {}), song(5, { albumId: 2, album: 'B' })]))).toEqual([
      expect.objectContaining({ name: 'The Paper Lanterns', songs: 2, addedAt: 5 }),
    ]);
  });

  it('sorts by name in the language’s collation, by artist, or newest first', () => {
    const items = [
      { name: 'Écume', artist: 'b', addedAt: 1 },
      { name: 'anchor', artist: 'c', addedAt: 3 },
      { name: 'Zebra', artist: 'a', addedAt: 2 },
    ];
    const keys = {
      name: (item: (typeof items)[number]) => item.name,
      artist: (item: (typeof items)[number]) => item.artist,
    };
    const names = (order: 'recent' | 'name' | 'artist') => sortedBy(items, order, keys, 'fr').map((item) => item.name);
    expect(names('name')).toEqual(['anchor', 'Écume', 'Zebra']);
    expect(names('artist')).toEqual(['Zebra', 'Écume', 'anchor']);
    expect(names('recent')).toEqual(['anchor', 'Zebra', 'Écume']);
  });

  it('loses and doubles no song, whatever the songs (property)', () => {
    const arbitrarySong = fc.record({
      id: fc.nat(),
      albumId: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
      album: fc.constantFrom('A', 'B'),
      artist: fc.constantFrom('X', 'Y'),
      trackNumber: fc.option(fc.integer({ min: 1, max: 12 })),
      discNumber: fc.option(fc.integer({ min: 1, max: 2 })),
    });
    fc.assert(
      fc.property(fc.uniqueArray(arbitrarySong, { selector: (s) => s.id }), (fields) => {
        const songs = fields.map((f) => song(f.id, f));
        const albums = albumsOf(songs);
        const ids = albums.flatMap((album) => album.tracks.map((track) => track.id));
        expect(ids.sort()).toEqual(songs.map((s) => s.track.id).sort());
        const artists = artistsOf(albums);
        expect(artists.reduce((sum, artist) => sum + artist.songs, 0)).toBe(songs.length);
      }),
    );
  });

  it('tells an album offline from its downloaded songs, with the artwork the worker keeps', () => {
    const album = storedAlbum(1, [song(2, { trackNumber: 2 }), song(1, { trackNumber: 1 }), song(7, { albumId: 2 })]);
    expect(album).toEqual(
      expect.objectContaining({ id: 1, name: 'Harbour Lights', artworkUrl: '/offline-artwork/1', storeUrl: null }),
    );
    expect(album!.tracks.map((track) => track.id)).toEqual([1, 2]);
    expect(storedAlbum(3, [song(1, {})])).toBeNull();
  });
});
