import { describe, expect, it } from 'vitest';
import { filterSongs } from '../../../src/components/library-filter.ts';
import type { Track } from '../../../src/shared/catalog.ts';

const song = (id: number, name: string, artist: string, album = ''): Track => ({
  id,
  name,
  artist,
  album,
  durationMs: null,
  previewUrl: `http://127.0.0.1/p/${id}.wav`,
  artworkUrl: null,
  genre: null,
  releaseDate: null,
});

const songs = [
  song(1, 'Love on the Harbour', 'The Paper Lanterns', 'Harbour Lights'),
  song(2, 'Café del Mar', 'Zoë Ångström'),
  song(3, '夜明けのラブ', 'Sakura Drive'),
];

describe('the library filter', () => {
  it('matches name, artist or album, ignoring case and accents, keeping the order', () => {
    expect(filterSongs(songs, 'harbour').map((s) => s.id)).toEqual([1]);
    expect(filterSongs(songs, 'ZOE angstrom').map((s) => s.id)).toEqual([2]);
    expect(filterSongs(songs, 'cafe').map((s) => s.id)).toEqual([2]);
    expect(filterSongs(songs, 'ラブ').map((s) => s.id)).toEqual([3]);
  });

  it('needs every word, and an empty filter shows every song', () => {
    expect(filterSongs(songs, 'love lanterns').map((s) => s.id)).toEqual([1]);
    expect(filterSongs(songs, 'love sakura')).toEqual([]);
    expect(filterSongs(songs, '  ').map((s) => s.id)).toEqual([1, 2, 3]);
  });

  it('filters what carries a song the same way, handing back the carriers', () => {
    const kept = songs.map((track) => ({ track, addedAt: track.id }));
    expect(filterSongs(kept, 'harbour')).toEqual([kept[0]]);
    expect(filterSongs(kept, '').map((s) => s.addedAt)).toEqual([1, 2, 3]);
  });
});
