import { CatalogError } from '../shared/catalog.ts';

/** Whether an error says the catalog could not be reached (offline, a timeout, no answer): worth asking again. */
export const lostNetwork = (error: unknown): boolean =>
  error instanceof CatalogError &&
  (error.kind === 'offline' || error.kind === 'unavailable' || error.kind === 'timeout');

/** Words for a failed search: what happened and what to do, never a bare code. */
export function describeSearchError(error: unknown): string {
  if (!(error instanceof CatalogError)) return 'Something went wrong with this search. Try again.';
  switch (error.kind) {
    case 'rate-limited':
      return 'Too many searches — try again in a minute.';
    case 'offline':
      return 'Search needs a connection. Check your network and try again.';
    case 'timeout':
      return 'The catalog took too long to answer. Try again.';
    case 'rejected':
      if (error.detail?.includes('[country]')) {
        return 'The catalog has no store for the country chosen. Choose another store in Settings.';
      }
      return `The catalog could not run this search${error.detail ? ` (“${error.detail}”)` : ''}. Try other words.`;
    case 'malformed':
      return 'The catalog sent an answer Half Tunes cannot read. Try again later.';
    case 'unavailable':
      return 'The catalog cannot be reached right now. Try again.';
  }
}

/** Words for an album that could not be loaded. */
export function describeAlbumError(error: unknown): string {
  // The catalog's answer said what is wrong ("The catalog has no such album.").
  if (error instanceof CatalogError && error.kind === 'malformed' && error.detail)
    return `${error.detail} Try again later.`;
  if (error instanceof CatalogError && error.kind === 'offline') {
    return 'Albums need a connection. Your downloads play offline.';
  }
  return describeSearchError(error).replace('this search', 'this album');
}
