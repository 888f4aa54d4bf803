import type { Album, Track } from '../shared/catalog.ts';
import type { DownloadRecord } from '../shared/downloads.ts';
import { offlineArtworkPath } from '../shared/offline-urls.ts';

/** How the library lists what it holds. */
export type LibraryOrder = 'recent' | 'name' | 'artist';

/** A downloaded song, and when it was downloaded. */
export interface KeptSong {
  readonly track: Track;
  readonly addedAt: number;
}

/** An album as the library knows it: from its downloaded songs alone, so it shows offline. */
export interface KeptAlbum {
  /** The catalog's id, for its view; null for songs stored before albums had ids. */
  readonly id: number | null;
  readonly name: string;
  readonly artist: string;
  /** Its downloaded songs in disc and track order. */
  readonly tracks: readonly Track[];
  /** When its latest song was downloaded. */
  readonly addedAt: number;
}

/** An artist, with the albums of theirs the library holds. */
export interface KeptArtist {
  readonly name: string;
  readonly albums: readonly KeptAlbum[];
  readonly songs: number;
  readonly addedAt: number;
}

/** The finished downloads as songs, with when each finished. */
export const keptSongs = (downloads: readonly DownloadRecord[]): KeptSong[] =>
  downloads
    .filter((download) => download.status === 'completed')
    .map((download) => ({ track: download.track, addedAt: download.completedAt ?? download.queuedAt }));

/** Disc, then track order; songs without numbers keep their relative place after numbered ones. */
export const byDiscAndTrack = (a: Track, b: Track): number =>
  (a.discNumber ?? 1) - (b.discNumber ?? 1) || (a.trackNumber ?? Infinity) - (b.trackNumber ?? Infinity) || 0;

/** The library's songs grouped into albums (by id, else by album name and artist). */
export function albumsOf(songs: readonly KeptSong[]): KeptAlbum[] {
  const groups = new Map<string, KeptSong[]>();
  for (const song of songs) {
    const { albumId, album, artist } = song.track;
    const key = albumId === null || albumId === undefined ? `name:${album}\u0000${artist}` : `id:${albumId}`;
    groups.set(key, [...(groups.get(key) ?? []), song]);
  }
  return [...groups.values()].map((members) => {
    const tracks = members.map((member) => member.track).sort(byDiscAndTrack);
    const first = tracks[0]!;
    return {
      id: first.albumId ?? null,
      name: first.album,
      artist: mostCommon(tracks.map((track) => track.artist)),
      tracks,
      addedAt: Math.max(...members.map((member) => member.addedAt)),
    };
  });
}

/** The albums grouped by their artist. */
export function artistsOf(albums: readonly KeptAlbum[]): KeptArtist[] {
  const groups = new Map<string, KeptAlbum[]>();
  for (const album of albums) groups.set(album.artist, [...(groups.get(album.artist) ?? []), album]);
  return [...groups.entries()].map(([name, theirs]) => ({
    name,
    albums: theirs,
    songs: theirs.reduce((sum, album) => sum + album.tracks.length, 0),
    addedAt: Math.max(...theirs.map((album) => album.addedAt)),
  }));
}

/** The name most of `names` share (the album's artist among its songs' own), the first on a tie. */
function mostCommon(names: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  let best = names[0] ?? '';
  for (const [name, count] of counts) if (count > (counts.get(best) ?? 0)) best = name;
  return best;
}

/**
 * `items` in `order`: newest first, or by name or artist in the language's collation (newest first
 * among equals). Returns a new array.
 */
export function sortedBy<T extends { readonly addedAt: number }>(
  items: readonly T[],
  order: LibraryOrder,
  keys: { readonly name: (item: T) => string; readonly artist: (item: T) => string },
  locale: string,
): T[] {
  const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
  const newest = (a: T, b: T): number => b.addedAt - a.addedAt;
  if (order === 'recent') return [...items].sort(newest);
  const primary = order === 'name' ? keys.name : keys.artist;
  const secondary = order === 'name' ? keys.artist : keys.name;
  return [...items].sort(
    (a, b) => collator.compare(primary(a), primary(b)) || collator.compare(secondary(a), secondary(b)) || newest(a, b),
  );
}

/**
 * The album `albumId` as its downloaded songs tell it, for its view offline; null where none is
 * downloaded. Its artwork is the first song's, as the worker keeps it.
 */
export function storedAlbum(albumId: number, songs: readonly KeptSong[]): Album | null {
  const album = albumsOf(songs.filter((song) => song.track.albumId === albumId))[0];
  if (!album) return null;
  return {
    id: albumId,
    name: album.name,
    artist: album.artist,
    artworkUrl: offlineArtworkPath(album.tracks[0]!.id),
    storeUrl: null,
    releaseDate: album.tracks[0]!.releaseDate,
    tracks: album.tracks,
  };
}
