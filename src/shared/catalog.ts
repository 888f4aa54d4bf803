import { allowedArtworkUrl, allowedPreviewUrl, allowedStoreUrl } from './hosts.ts';

/** A song preview the app can show, download and play: validated, never raw network data. */
export interface Track {
  readonly id: number;
  readonly name: string;
  readonly artist: string;
  readonly album: string;
  /** Length of the full song, when the catalog says. */
  readonly durationMs: number | null;
  readonly previewUrl: string;
  /** Artwork on an allowed host, or null for the placeholder. */
  readonly artworkUrl: string | null;
  readonly genre: string | null;
  readonly releaseDate: string | null;
  /** The album's id, for its view (absent in downloads stored before albums existed). */
  readonly albumId?: number | null;
  /** Disc and track number on the album, for track order. */
  readonly discNumber?: number | null;
  readonly trackNumber?: number | null;
  /** The song's page in Apple's store, only on Apple's hosts. */
  readonly storeUrl?: string | null;
}

/** An album as its view shows it: validated like a song. */
export interface Album {
  readonly id: number;
  readonly name: string;
  readonly artist: string;
  readonly artworkUrl: string | null;
  readonly storeUrl: string | null;
  readonly releaseDate: string | null;
  /** Its songs that can be played, in track order. */
  readonly tracks: readonly Track[];
}

/** Why a search gave no results, in terms the UI turns into words. */
export type CatalogErrorKind = 'rate-limited' | 'rejected' | 'unavailable' | 'offline' | 'malformed' | 'timeout';

/** A search that failed in an expected way. `detail` is the catalog's own words, when it gave any. */
export class CatalogError extends Error {
  override readonly name = 'CatalogError';
  constructor(
    readonly kind: CatalogErrorKind,
    readonly detail?: string,
  ) {
    super(detail ? `${kind}: ${detail}` : kind);
  }
}

const MAX_TEXT = 300;
const CALLBACK_WRAPPER = /^[A-Za-z_$][\w$.]*\s*\(([\s\S]*)\)\s*;?$/;

/**
 * Parses a catalog answer tolerantly: JSON served as `text/javascript`, leading and trailing white
 * space, a byte-order mark, or a `callback(…);` wrapper, which is stripped as text and never run.
 * @throws CatalogError `malformed` when no JSON is left
 */
export function parseCatalogBody(text: string): unknown {
  let body = text.replace(/^\uFEFF/, '').trim();
  const wrapped = CALLBACK_WRAPPER.exec(body);
  if (wrapped) body = wrapped[1]!.trim();
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw new CatalogError('malformed', 'The catalog answered with something that is not JSON.');
  }
}

function text(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed ? trimmed.slice(0, MAX_TEXT) : null;
}

/** A field a stored record may lack: written before the app knew it. */
const absent = (field: unknown): boolean => field === undefined || field === null;

/** A positive whole number (an id, a track number), else null. */
function count(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : null;
}

function toTrack(item: unknown, catalogOrigin: string): Track | null {
  if (typeof item !== 'object' || item === null) return null;
  const raw = item as Record<string, unknown>;
  if (raw.wrapperType !== 'track' || raw.kind !== 'song') return null;
  const id = raw.trackId;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) return null;
  const name = text(raw.trackName);
  const artist = text(raw.artistName);
  const previewUrl = allowedPreviewUrl(raw.previewUrl, catalogOrigin);
  if (!name || !artist || !previewUrl) return null;
  const duration = raw.trackTimeMillis;
  const release = text(raw.releaseDate);
  return {
    id,
    name,
    artist,
    album: text(raw.collectionName) ?? '',
    durationMs: typeof duration === 'number' && Number.isFinite(duration) && duration > 0 ? duration : null,
    previewUrl,
    artworkUrl: allowedArtworkUrl(raw.artworkUrl100 ?? raw.artworkUrl60 ?? raw.artworkUrl30, catalogOrigin),
    genre: text(raw.primaryGenreName),
    releaseDate: release && !Number.isNaN(Date.parse(release)) ? release : null,
    albumId: count(raw.collectionId),
    discNumber: count(raw.discNumber),
    trackNumber: count(raw.trackNumber),
    storeUrl: allowedStoreUrl(raw.trackViewUrl),
  };
}

/** The catalog's own `errorMessage`, as its 400 answers carry. */
export function catalogErrorMessage(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const message = (body as Record<string, unknown>).errorMessage;
  return typeof message === 'string' ? message.slice(0, MAX_TEXT) : null;
}

/**
 * Turns a parsed catalog answer into the playable songs it holds: `wrapperType` "track", `kind` "song",
 * a preview on an allowed host. Everything else (movies, podcasts, audiobooks, albums, foreign hosts,
 * duplicates) is dropped.
 * @throws CatalogError `rejected` for an `errorMessage` answer, `malformed` for a wrong shape
 */
export function toTracks(body: unknown, catalogOrigin: string): Track[] {
  if (typeof body !== 'object' || body === null)
    throw new CatalogError('malformed', 'The catalog answer has no results.');
  const message = catalogErrorMessage(body);
  if (message !== null) throw new CatalogError('rejected', message);
  const raw = body as Record<string, unknown>;
  if (!Array.isArray(raw.results)) throw new CatalogError('malformed', 'The catalog answer has no results.');
  const seen = new Set<number>();
  const tracks: Track[] = [];
  for (const item of raw.results) {
    const track = toTrack(item, catalogOrigin);
    if (track && !seen.has(track.id)) {
      seen.add(track.id);
      tracks.push(track);
    }
  }
  return tracks;
}

/** Disc, then track number; songs without numbers keep the catalog's order after the others. */
export function inTrackOrder(tracks: readonly Track[]): Track[] {
  const key = (track: Track): number => (track.discNumber ?? 1) * 10_000 + (track.trackNumber ?? 9_999);
  return [...tracks].sort((a, b) => key(a) - key(b));
}

/**
 * Turns the answer to `lookup?id=<album>&entity=song` into the album: the collection first, then its
 * songs, as Apple answers. Songs of other albums are dropped.
 * @throws CatalogError `malformed` when the answer holds no such album
 */
export function toAlbum(body: unknown, albumId: number, catalogOrigin: string): Album {
  const results = (body as { results?: unknown } | null)?.results;
  const collection = Array.isArray(results)
    ? (results as unknown[]).find(
        (item): item is Record<string, unknown> =>
          typeof item === 'object' &&
          item !== null &&
          (item as Record<string, unknown>).wrapperType === 'collection' &&
          (item as Record<string, unknown>).collectionId === albumId,
      )
    : undefined;
  const tracks = toTracks(body, catalogOrigin).filter((track) => track.albumId === albumId);
  const name = text(collection?.collectionName);
  if (!collection || !name) throw new CatalogError('malformed', 'The catalog has no such album.');
  const release = text(collection.releaseDate);
  return {
    id: albumId,
    name,
    artist: text(collection.artistName) ?? '',
    artworkUrl: allowedArtworkUrl(collection.artworkUrl100 ?? collection.artworkUrl60, catalogOrigin),
    storeUrl: allowedStoreUrl(collection.collectionViewUrl),
    releaseDate: release && !Number.isNaN(Date.parse(release)) ? release : null,
    tracks: inTrackOrder(tracks),
  };
}

/**
 * Checks a Track that crossed a boundary (a message, a stored record): the same rules as a catalog
 * answer, so nothing unvalidated reaches a download.
 */
export function isTrack(value: unknown, catalogOrigin: string): value is Track {
  if (typeof value !== 'object' || value === null) return false;
  const raw = value as Record<string, unknown>;
  const optionalText = (field: unknown): boolean =>
    field === null || (typeof field === 'string' && field.length <= MAX_TEXT);
  return (
    typeof raw.id === 'number' &&
    Number.isSafeInteger(raw.id) &&
    raw.id > 0 &&
    typeof raw.name === 'string' &&
    raw.name.length > 0 &&
    raw.name.length <= MAX_TEXT &&
    typeof raw.artist === 'string' &&
    raw.artist.length <= MAX_TEXT &&
    typeof raw.album === 'string' &&
    raw.album.length <= MAX_TEXT &&
    (raw.durationMs === null || (typeof raw.durationMs === 'number' && Number.isFinite(raw.durationMs))) &&
    allowedPreviewUrl(raw.previewUrl, catalogOrigin) === raw.previewUrl &&
    (raw.artworkUrl === null || allowedArtworkUrl(raw.artworkUrl, catalogOrigin) === raw.artworkUrl) &&
    optionalText(raw.genre) &&
    optionalText(raw.releaseDate) &&
    [raw.albumId, raw.discNumber, raw.trackNumber].every((field) => absent(field) || count(field) !== null) &&
    (absent(raw.storeUrl) || allowedStoreUrl(raw.storeUrl) === raw.storeUrl)
  );
}

const ARTWORK_SIZE = /\/(\d{2,4})x\1bb\.(jpg|png|webp)$/;

/**
 * The same artwork at `size` pixels: an iTunes artwork URL carries its size (`…/100x100bb.jpg`), and
 * Apple's image service draws any other. A URL without one is returned as it is.
 */
export function artworkAtSize(url: string, size: number): string {
  const parsed = new URL(url);
  if (!ARTWORK_SIZE.test(parsed.pathname)) return url;
  parsed.pathname = parsed.pathname.replace(ARTWORK_SIZE, `/${size}x${size}bb.$2`);
  return parsed.href;
}
