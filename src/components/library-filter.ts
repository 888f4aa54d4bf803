import type { Track } from '../shared/catalog.ts';

/** Lower case without accents, so "beyonce" finds "Beyoncé" and "ODE" finds "Ode". */
const fold = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLocaleLowerCase();

/**
 * The downloaded songs whose name, artist or album hold every word of `query`, in their order: the
 * tracks themselves, or anything that carries one (`track`).
 */
export function filterSongs<Song extends Track | { readonly track: Track }>(
  songs: readonly Song[],
  query: string,
): Song[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...songs];
  return songs.filter((song) => {
    const { name, artist, album } = 'track' in song ? song.track : song;
    const haystack = fold(`${name} ${artist} ${album}`);
    return words.every((word) => haystack.includes(word));
  });
}
