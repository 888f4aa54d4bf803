import { DEMO_ALBUMS, DEMO_SONGS, SYNTHETIC_SIZES_MIB, type DemoAlbum, type DemoSong } from './catalog-data.ts';
import { SAMPLE_RATE } from './audio.ts';

/** One item of an iTunes Search API answer, as loose JSON. */
export type ItunesItem = Record<string, string | number | boolean>;

/** Where the catalog is reachable, to build absolute preview and artwork URLs. */
export interface Urls {
  /** e.g. `http://127.0.0.1:4173/catalog` */
  readonly base: string;
}

const MEDIA = [
  'movie',
  'podcast',
  'music',
  'musicVideo',
  'audiobook',
  'shortFilm',
  'tvShow',
  'software',
  'ebook',
  'all',
];
const ENTITIES = [
  'movieArtist',
  'movie',
  'podcastAuthor',
  'podcast',
  'musicArtist',
  'musicTrack',
  'album',
  'musicVideo',
  'mix',
  'song',
  'audiobookAuthor',
  'audiobook',
  'shortFilmArtist',
  'shortFilm',
  'tvEpisode',
  'tvSeason',
  'software',
  'iPadSoftware',
  'macSoftware',
  'ebook',
  'allArtist',
  'allTrack',
];

/** Folds case and accents so "cafe" finds "Café" and "ETE" finds "Été". */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

function artwork(urls: Urls, collectionId: number): ItunesItem {
  const at = (size: number): string => `${urls.base}/artwork/${collectionId}/${size}x${size}bb.png`;
  return { artworkUrl30: at(30), artworkUrl60: at(60), artworkUrl100: at(100) };
}

/** A name as Apple writes it in a store URL: `Harbour Lights` → `harbour-lights`. */
const slug = (name: string): string =>
  fold(name)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** The album's store page, shaped as Apple's (the demo's invented albums are not in the real store). */
const albumPage = (album: DemoAlbum): string =>
  `https://music.apple.com/us/album/${slug(album.collectionName)}/${album.collectionId}`;

function songItem(urls: Urls, song: DemoSong): ItunesItem {
  const { album } = song;
  return {
    wrapperType: 'track',
    kind: 'song',
    artistId: album.artistId,
    collectionId: album.collectionId,
    trackId: song.trackId,
    artistName: album.artistName,
    collectionName: album.collectionName,
    trackName: song.trackName,
    collectionCensoredName: album.collectionName,
    trackCensoredName: song.trackName,
    artistViewUrl: `https://music.apple.com/us/artist/${slug(album.artistName)}/${album.artistId}?uo=4`,
    collectionViewUrl: `${albumPage(album)}?i=${song.trackId}&uo=4`,
    trackViewUrl: `${albumPage(album)}?i=${song.trackId}&uo=4`,
    previewUrl: `${urls.base}/previews/${song.trackId}.wav`,
    ...artwork(urls, album.collectionId),
    collectionPrice: 9.99,
    trackPrice: 1.29,
    releaseDate: album.releaseDate,
    collectionExplicitness: 'notExplicit',
    trackExplicitness: 'notExplicit',
    discCount: 1,
    discNumber: 1,
    trackCount: album.songs.length,
    trackNumber: song.trackNumber,
    trackTimeMillis: song.trackTimeMillis,
    country: 'USA',
    currency: 'USD',
    primaryGenreName: album.primaryGenreName,
    isStreamable: true,
  };
}

function albumItem(urls: Urls, album: DemoAlbum): ItunesItem {
  return {
    wrapperType: 'collection',
    collectionType: 'Album',
    artistId: album.artistId,
    collectionId: album.collectionId,
    artistName: album.artistName,
    collectionName: album.collectionName,
    collectionCensoredName: album.collectionName,
    collectionViewUrl: `${albumPage(album)}?uo=4`,
    ...artwork(urls, album.collectionId),
    collectionPrice: 9.99,
    collectionExplicitness: 'notExplicit',
    trackCount: album.songs.length,
    copyright: `℗ ${album.releaseDate.slice(0, 4)} ${album.artistName} (invented for the Half Tunes demo)`,
    country: 'USA',
    currency: 'USD',
    releaseDate: album.releaseDate,
    primaryGenreName: album.primaryGenreName,
  };
}

/** Items the real service mixes into answers that are not song previews, which clients must drop. */
function otherItems(urls: Urls): ItunesItem[] {
  const album = DEMO_ALBUMS[0]!;
  return [
    {
      wrapperType: 'track',
      kind: 'feature-movie',
      trackId: 990001,
      artistName: 'Harbour Films',
      trackName: 'Love in the Time of Lanterns',
      previewUrl: 'https://video-ssl.itunes.apple.com/itunes-assets/Video/demo/lanterns.m4v',
      ...artwork(urls, album.collectionId),
      trackTimeMillis: 6_120_000,
      primaryGenreName: 'Romance',
      releaseDate: '2012-02-10T08:00:00Z',
      country: 'USA',
      currency: 'USD',
    },
    {
      // Audiobooks come without `kind`, as they do from the real service.
      wrapperType: 'audiobook',
      artistId: 7100,
      collectionId: 990002,
      artistName: 'Ada Lindqvist',
      collectionName: 'The Love Almanac (Unabridged)',
      previewUrl: `${urls.base}/previews/${DEMO_SONGS[0]!.trackId}.wav`,
      ...artwork(urls, 990002),
      primaryGenreName: 'Fiction',
      releaseDate: '2020-09-01T07:00:00Z',
      country: 'USA',
      currency: 'USD',
    },
    {
      wrapperType: 'track',
      kind: 'podcast',
      collectionId: 990003,
      trackId: 990003,
      artistName: 'Half Tunes Radio',
      collectionName: 'Love Songs Explained',
      trackName: 'Love Songs Explained',
      ...artwork(urls, 990003),
      primaryGenreName: 'Music',
      releaseDate: '2025-01-01T08:00:00Z',
      country: 'USA',
      currency: 'USD',
    },
  ];
}

/** Synthetic large previews, found by searching "synthetic" (for benchmarks). */
function syntheticItems(urls: Urls): ItunesItem[] {
  return SYNTHETIC_SIZES_MIB.map((mebibytes) => ({
    wrapperType: 'track',
    kind: 'song',
    artistId: 7999,
    collectionId: 999000,
    trackId: 999000 + mebibytes,
    artistName: 'Half Tunes Lab',
    collectionName: 'Synthetic Previews',
    trackName: `Synthetic ${mebibytes} MiB`,
    previewUrl: `${urls.base}/previews/synthetic-${mebibytes}.wav`,
    ...artwork(urls, 999000),
    trackTimeMillis: Math.round(((mebibytes * 1024 * 1024) / (SAMPLE_RATE * 2)) * 1000),
    primaryGenreName: 'Test Tones',
    releaseDate: '2025-01-01T08:00:00Z',
    country: 'USA',
    currency: 'USD',
  }));
}

/** Regions the world knows (ISO 3166), as the real service's storefronts are. */
const REGIONS = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

/**
 * The store a request asks for (`country`, default US), upper case. Throws `InvalidParameter` for a
 * code that is no country, as the real service answers 400 for one.
 */
function storeOf(params: URLSearchParams): string {
  const country = (params.get('country') ?? 'US').toUpperCase();
  const region = /^[A-Z]{2}$/.test(country) ? REGIONS.of(country) : undefined;
  if (region === undefined || region === 'Unknown Region') throw new InvalidParameter('country');
  return country;
}

/** Whether the item's album is sold in `country`'s store. */
function soldIn(item: ItunesItem, country: string): boolean {
  const stores = DEMO_ALBUMS.find((album) => album.collectionId === item.collectionId)?.stores;
  return !stores || stores.includes(country);
}

/** Every item of the catalog, songs first. */
export function allItems(urls: Urls, extra: readonly ItunesItem[] = []): ItunesItem[] {
  return [
    ...extra,
    ...DEMO_SONGS.map((song) => songItem(urls, song)),
    ...DEMO_ALBUMS.map((album) => albumItem(urls, album)),
    ...otherItems(urls),
    ...syntheticItems(urls),
  ];
}

/** A 400 answer, worded as the real service words it (with its internal key names). */
export class InvalidParameter extends Error {
  constructor(readonly key: string) {
    super(`Invalid value(s) for key(s): [${key}]`);
  }
}

function matchesMedia(item: ItunesItem, media: string, entity: string | null): boolean {
  const isSong = item.kind === 'song';
  if (entity === 'song' || entity === 'musicTrack') return isSong;
  if (entity === 'album') return item.wrapperType === 'collection';
  if (entity === 'audiobook') return item.wrapperType === 'audiobook';
  if (entity === 'podcast') return item.kind === 'podcast';
  if (entity === 'movie') return item.kind === 'feature-movie';
  switch (media) {
    case 'music':
      return isSong || item.wrapperType === 'collection';
    case 'movie':
      return item.kind === 'feature-movie';
    case 'podcast':
      return item.kind === 'podcast';
    case 'audiobook':
      return item.wrapperType === 'audiobook';
    case 'all':
      return true;
    default:
      return false;
  }
}

/** Answers `/search` over the demo catalog. Throws `InvalidParameter` for a value the real service rejects. */
export function search(params: URLSearchParams, urls: Urls, extra: readonly ItunesItem[] = []): ItunesItem[] {
  const media = params.get('media') ?? 'all';
  if (!MEDIA.includes(media)) throw new InvalidParameter('mediaType');
  const entity = params.get('entity');
  if (entity !== null && !ENTITIES.includes(entity)) throw new InvalidParameter('resultEntity');
  const country = storeOf(params);
  const rawLimit = Number(params.get('limit') ?? 50);
  const limit = Number.isInteger(rawLimit) && rawLimit > 0 ? Math.min(rawLimit, 200) : 50;
  const words = fold(params.get('term') ?? '')
    .split(/[\s+]+/)
    .filter(Boolean);
  if (words.length === 0) return [];
  const hits = allItems(urls, extra).filter((item) => {
    if (!matchesMedia(item, media, entity) || !soldIn(item, country)) return false;
    const text = fold([item.trackName, item.artistName, item.collectionName].filter(Boolean).join(' '));
    return words.every((word) => text.includes(word));
  });
  // Items whose title holds the words come first, as a person would expect.
  const inTitle = (item: ItunesItem): boolean =>
    words.every((word) => fold(String(item.trackName ?? '')).includes(word));
  return [...hits.filter(inTitle), ...hits.filter((item) => !inTitle(item))].slice(0, limit);
}

/**
 * Answers `/lookup?id=1,2` over the demo catalog; with `entity=song`, each album found is followed by
 * its songs in track order, as the real service answers.
 */
export function lookup(params: URLSearchParams, urls: Urls, extra: readonly ItunesItem[] = []): ItunesItem[] {
  const ids = new Set((params.get('id') ?? '').split(',').map((id) => Number(id.trim())));
  const entity = params.get('entity');
  if (entity !== null && !ENTITIES.includes(entity)) throw new InvalidParameter('resultEntity');
  const country = storeOf(params);
  const items = allItems(urls, extra).filter((item) => soldIn(item, country));
  return items
    .filter((item) => {
      const id =
        item.wrapperType === 'collection' || item.wrapperType === 'audiobook' ? item.collectionId : item.trackId;
      return ids.has(Number(id));
    })
    .flatMap((found) => {
      if (entity !== 'song' || found.wrapperType !== 'collection') return [found];
      const songs = items.filter((item) => item.kind === 'song' && item.collectionId === found.collectionId);
      return [found, ...songs.sort((a, b) => Number(a.trackNumber) - Number(b.trackNumber))];
    });
}

/**
 * Formats an answer as the real service does: three newlines, one item a line, three newlines; wrapped
 * in `callback(…);` for JSONP.
 */
export function formatAnswer(items: readonly ItunesItem[], callback?: string): string {
  const json = `{\n "resultCount":${items.length},\n "results": [\n${items.map((item) => JSON.stringify(item)).join(',\n')}]\n}`;
  return `\n\n\n${callback ? `${callback}(${json});` : json}\n\n\n`;
}
