import type { Track } from '../shared/catalog.ts';

/** Lower case without accents, so "beyonce" finds "Beyoncé" and "ODE" finds "Ode". */
const fold = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLocaleLowerCase();

/** The downloaded songs whose name, artist or album hold every word of `query`, in their order. */
export function filterSongs(songs: readonly Track[], query: string): Track[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...songs];
  return songs.filter((song) => {
    const haystack = fold(`${song.name} ${song.artist} ${song.album}`);
    return words.every((word) => haystack.includes(word));
  });
}
