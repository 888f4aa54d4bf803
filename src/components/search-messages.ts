import { html, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import { CatalogError } from '../shared/catalog.ts';
import { NO_SUCH_SONG } from '../catalog/client.ts';

/** Whether an error says the catalog could not be reached (offline, a timeout, no answer): worth asking again. */
export const lostNetwork = (error: unknown): boolean =>
  error instanceof CatalogError &&
  (error.kind === 'offline' || error.kind === 'unavailable' || error.kind === 'timeout');

/** Words for a failed search: what happened and what to do, never a bare code. */
export function describeSearchError(error: unknown): string | TemplateResult {
  return describe(error, 'search');
}

/** Words for an album that could not be loaded. */
export function describeAlbumError(error: unknown): string | TemplateResult {
  if (error instanceof CatalogError && error.kind === 'malformed') {
    // What the answer lacked, as `shared/catalog.ts` words it ("The catalog has no such album."), in the app's language.
    switch (error.detail) {
      case 'The catalog has no such album.':
        return msg('The catalog has no such album. Try again later.', { id: 'search-error.album.no-such-album' });
      case 'The catalog answer has no results.':
        return msg('The catalog answer has no results. Try again later.', { id: 'search-error.album.no-results' });
      case 'The catalog answered with something that is not JSON.':
        return msg('The catalog answered with something that is not JSON. Try again later.', {
          id: 'search-error.album.not-json',
        });
    }
  }
  if (error instanceof CatalogError && error.kind === 'offline') {
    return msg('Albums need a connection. Your downloads play offline.', { id: 'search-error.album.offline' });
  }
  return describe(error, 'album');
}

/** What went wrong opening one song by its id (`#/song/<id>`), in whole sentences. */
export function describeSongError(error: unknown): string | TemplateResult {
  if (!(error instanceof CatalogError)) {
    return msg('Something went wrong with this song. Try again.', { id: 'song-error.generic' });
  }
  if (error.kind === 'malformed' && error.detail === NO_SUCH_SONG) {
    return msg('The catalog has no such song.', { id: 'song-error.no-such-song' });
  }
  if (error.kind === 'offline') {
    return msg('A song not downloaded needs a connection. Your downloads play offline.', {
      id: 'song-error.offline',
    });
  }
  if (error.kind === 'rejected' && !error.detail?.includes('[country]')) {
    return msg('The catalog could not open this song. Try again later.', { id: 'song-error.rejected' });
  }
  return describe(error, 'album');
}

/**
 * What went wrong with a search or an album, in whole sentences (an album's differ where they name
 * what could not be done). The catalog's own words, when it gave any, are shown as they came.
 */
function describe(error: unknown, what: 'search' | 'album'): string | TemplateResult {
  if (!(error instanceof CatalogError)) {
    return what === 'search'
      ? msg('Something went wrong with this search. Try again.', { id: 'search-error.generic' })
      : msg('Something went wrong with this album. Try again.', { id: 'search-error.album.generic' });
  }
  switch (error.kind) {
    case 'rate-limited':
      return msg('Too many searches — try again in a minute.', { id: 'search-error.rate-limited' });
    case 'offline':
      return msg('Search needs a connection. Check your network and try again.', { id: 'search-error.offline' });
    case 'timeout':
      return msg('The catalog took too long to answer. Try again.', { id: 'search-error.timeout' });
    case 'rejected': {
      const detail = error.detail;
      if (detail?.includes('[country]')) {
        return msg('The catalog has no store for the country chosen. Choose another store in Settings.', {
          id: 'search-error.no-store',
        });
      }
      if (what === 'search') {
        return detail
          ? msg(html`The catalog could not run this search (“<bdi>${detail}</bdi>”). Try other words.`, {
              id: 'search-error.rejected-detail',
            })
          : msg('The catalog could not run this search. Try other words.', { id: 'search-error.rejected' });
      }
      return detail
        ? msg(html`The catalog could not run this album (“<bdi>${detail}</bdi>”). Try other words.`, {
            id: 'search-error.album.rejected-detail',
          })
        : msg('The catalog could not run this album. Try other words.', { id: 'search-error.album.rejected' });
    }
    case 'malformed':
      return msg('The catalog sent an answer Half Tunes cannot read. Try again later.', {
        id: 'search-error.malformed',
      });
    case 'unavailable':
      return msg('The catalog cannot be reached right now. Try again.', { id: 'search-error.unavailable' });
  }
}
