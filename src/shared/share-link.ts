import type { Album, Track } from './catalog.ts';
import { allowedStoreUrl } from './hosts.ts';

/**
 * Songs and albums shared in (the manifest's `share_target`: title, text and url of what another app
 * shared) and out (`navigator.share`). Everything here is pure: it reads strings and never fetches,
 * and whatever it is given comes from another app, so it is untrusted and read within caps.
 */

/** Why a share cannot be opened, in terms the UI turns into words. */
export type CannotOpenReason =
  /** No link at all in what was shared. */
  | 'no-link'
  /** A link, but not to Apple's store over HTTPS without credentials (see `allowedStoreUrl`). */
  | 'untrusted-link'
  /** A store link to something other than a song or an album (an artist, a playlist). */
  | 'not-song-or-album'
  /** The store country is not two letters. */
  | 'bad-country'
  /** An id that is not a positive number of at most 15 digits. */
  | 'bad-id';

/** What a share opens: a song (on its album when the link says which), an album, or nothing. */
export type SharedItem =
  | {
      readonly kind: 'song';
      readonly albumId: number | null;
      readonly trackId: number;
      readonly country: string | null;
    }
  | { readonly kind: 'album'; readonly albumId: number; readonly country: string | null }
  | { readonly kind: 'unknown'; readonly reason: CannotOpenReason };

/** The share target's fields as the page receives them (`URLSearchParams.get`): any may be missing. */
export interface SharedFields {
  readonly title?: unknown;
  readonly text?: unknown;
  readonly url?: unknown;
}

/** More than any real share carries; beyond it a field is cut, so no input costs more than this. */
const MAX_FIELD = 4096;
/** Links read per field: a real share has one, a hostile one may have thousands. */
const MAX_LINKS_PER_FIELD = 8;
/** Something with a scheme and `//`, up to white space: the reason is then told for any scheme. */
const LINK_IN_TEXT = /[a-z][a-z\d+.-]{0,30}:\/\/[^\s<>"]+/gi;
/** Punctuation that ends a sentence around a link rather than the link itself. */
const TRAILING_PUNCTUATION = /[.,;:!?)\]}'»”’…]+$/u;
/** Apple's ids: digits, at most 15 (safe integers); older iTunes links write them `id123`. */
const STORE_ID = /^(?:id)?(\d{1,15})$/;
const COUNTRY = /^[a-z]{2}$/i;

/** The link candidates of a share, in the order they are tried: the url field, then text, then title. */
function linksOf(shared: SharedFields): string[] {
  const field = (value: unknown): string => (typeof value === 'string' ? value.slice(0, MAX_FIELD).trim() : '');
  const inText = (value: unknown): string[] =>
    [...field(value).matchAll(LINK_IN_TEXT)]
      .slice(0, MAX_LINKS_PER_FIELD)
      .map((match) => match[0].replace(TRAILING_PUNCTUATION, ''));
  const url = field(shared.url);
  // The url field is the link itself, whatever its scheme (`javascript:` included, to be refused).
  return [...(url ? [url] : []), ...inText(shared.text), ...inText(shared.title)];
}

/** A positive id of at most 15 digits, else null. */
function storeId(segment: string | undefined): number | null {
  const digits = segment === undefined ? null : STORE_ID.exec(segment);
  const id = digits ? Number(digits[1]) : 0;
  return id > 0 ? id : null;
}

/** What one link opens. */
function itemOfLink(link: string): SharedItem {
  const allowed = allowedStoreUrl(link);
  if (allowed === null) return { kind: 'unknown', reason: 'untrusted-link' };
  const url = new URL(allowed);
  const segments = url.pathname.replace(/^\/|\/$/g, '').split('/');
  // `/<cc>/album/…`; links without the country (`/album/…`) open in the person's own store.
  const hasCountry = segments[0] !== 'album' && segments[0] !== 'song';
  const [kind, ...rest] = hasCountry ? segments.slice(1) : segments;
  if ((kind !== 'album' && kind !== 'song') || rest.length < 1 || rest.length > 2)
    return { kind: 'unknown', reason: 'not-song-or-album' };
  if (hasCountry && !COUNTRY.test(segments[0]!)) return { kind: 'unknown', reason: 'bad-country' };
  const country = hasCountry ? segments[0]!.toUpperCase() : null;
  // The name slug, when there is one, is only for people: the last segment is the id.
  const id = storeId(rest.at(-1));
  if (id === null) return { kind: 'unknown', reason: 'bad-id' };
  if (kind === 'song') return { kind: 'song', albumId: null, trackId: id, country };
  const songs = url.searchParams.getAll('i');
  if (songs.length === 0) return { kind: 'album', albumId: id, country };
  // A link that names a song we cannot read is refused rather than opened as its album: a guess.
  const trackId = songs.length === 1 ? storeId(songs[0]) : null;
  return trackId === null ? { kind: 'unknown', reason: 'bad-id' } : { kind: 'song', albumId: id, trackId, country };
}

/**
 * What a share opens: the first link that opens something (url field, then text, where Android puts
 * it, then title), else why the first link cannot be opened, or `no-link`. Never throws.
 */
export function parseShared(shared: SharedFields): SharedItem {
  let first: SharedItem | null = null;
  for (const link of linksOf(shared)) {
    const item = itemOfLink(link);
    if (item.kind !== 'unknown') return item;
    first ??= item;
  }
  return first ?? { kind: 'unknown', reason: 'no-link' };
}

/** What `navigator.share` needs. */
export interface ShareData {
  readonly title: string;
  readonly url: string;
}

/**
 * A song or an album to share out: its store page (checked again: a stored record is old input), or
 * null when it has none. Only `i`, the song on an album, is kept of the query: the catalog's `uo=4`
 * says where the link came from, nothing the recipient needs.
 */
export function shareDataFor(item: Track | Album): ShareData | null {
  const allowed = allowedStoreUrl(item.storeUrl);
  if (allowed === null) return null;
  const url = new URL(allowed);
  const song = url.searchParams.get('i');
  url.search = '';
  if (song !== null) url.searchParams.set('i', song);
  url.hash = '';
  return { title: item.artist ? `${item.name} — ${item.artist}` : item.name, url: url.href };
}
