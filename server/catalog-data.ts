/**
 * The demo catalog: invented artists, albums and songs (none of it is real music), plus the kinds of
 * non-song items the real iTunes Search API mixes into its answers.
 */

export interface DemoAlbum {
  readonly collectionId: number;
  readonly artistId: number;
  readonly artistName: string;
  readonly collectionName: string;
  readonly primaryGenreName: string;
  readonly releaseDate: string;
  readonly songs: readonly string[];
  /** The stores (ISO country codes) that sell it; absent: every store. */
  readonly stores?: readonly string[];
}

/** A song of the demo catalog, before it is given URLs for a particular server origin. */
export interface DemoSong {
  readonly trackId: number;
  readonly trackNumber: number;
  readonly trackName: string;
  readonly album: DemoAlbum;
  /** Length of the full (invented) song; the preview is always 30 s. */
  readonly trackTimeMillis: number;
}

const albums: DemoAlbum[] = [
  {
    collectionId: 900101,
    artistId: 7001,
    artistName: 'The Paper Lanterns',
    collectionName: 'Harbour Lights',
    primaryGenreName: 'Indie Pop',
    releaseDate: '2019-04-12T07:00:00Z',
    songs: ['Love on the Harbour', 'Paper Boats', 'Lighthouse Keeper', 'Saltwater Love', 'Low Tide', 'Anchors'],
  },
  {
    collectionId: 900102,
    artistId: 7001,
    artistName: 'The Paper Lanterns',
    collectionName: 'Winter Letters',
    primaryGenreName: 'Indie Pop',
    releaseDate: '2022-11-04T08:00:00Z',
    songs: ['First Snow', 'Letters I Never Sent', 'Lovesick in December', 'Frost on the Window', 'Kettle Song'],
  },
  {
    collectionId: 900201,
    artistId: 7002,
    artistName: 'Amélie Fontaine',
    collectionName: "Café de l'Été",
    primaryGenreName: 'French Pop',
    releaseDate: '2018-06-21T07:00:00Z',
    songs: ["Café de l'Été", 'Mon Amour, Ma Ville', 'Déjà Vu à Paris', 'Été Indien', 'Où Est la Lune', 'Chère Élodie'],
  },
  {
    collectionId: 900301,
    artistId: 7003,
    artistName: '陽菜 (Hina)',
    collectionName: '夜空のメロディ',
    primaryGenreName: 'J-Pop',
    releaseDate: '2021-02-14T08:00:00Z',
    songs: ['夜空のメロディ', '桜の約束', 'Love Letter (ラブレター)', '東京トワイライト', '雨のち晴れ'],
  },
  {
    collectionId: 900401,
    artistId: 7004,
    artistName: 'Desert Radio',
    collectionName: 'Mirage Highway',
    primaryGenreName: 'Rock',
    releaseDate: '2016-09-02T07:00:00Z',
    songs: ['Mirage Highway', 'Cactus Flower', 'Gasoline Love', 'Dust Devil', 'Neon Motel', 'Coyote Moon', 'Last Exit'],
  },
  {
    collectionId: 900501,
    artistId: 7005,
    artistName: 'Nordlys Quartet',
    collectionName: 'Aurora Études',
    primaryGenreName: 'Classical',
    releaseDate: '2015-01-23T08:00:00Z',
    songs: ['Étude No. 1 "Nordlys"', 'Fjord Nocturne', 'Skål for Kjærligheten', 'Polar Waltz', 'Midnight Sun Romance'],
  },
  {
    collectionId: 900601,
    artistId: 7006,
    artistName: 'Mara Quinn',
    collectionName: 'Kitchen Table Songs',
    primaryGenreName: 'Singer/Songwriter',
    releaseDate: '2020-03-06T08:00:00Z',
    songs: [
      'Kitchen Table',
      'The Long Way Home',
      'Love You in the Morning',
      'Borrowed Sweater',
      'Porch Light',
      'Small Town Radio',
    ],
  },
  {
    collectionId: 900602,
    artistId: 7006,
    artistName: 'Mara Quinn',
    collectionName: 'Open Roads',
    primaryGenreName: 'Singer/Songwriter',
    releaseDate: '2023-07-14T07:00:00Z',
    songs: ['Open Roads', 'Mile Marker 9', 'Loveless Motel', 'Windows Down', 'Rearview'],
  },
  {
    collectionId: 900701,
    artistId: 7007,
    artistName: 'Circuit Bloom',
    collectionName: 'Synthetic Garden',
    primaryGenreName: 'Electronic',
    releaseDate: '2024-05-31T07:00:00Z',
    songs: ['Photosynthesis', 'Binary Bloom', 'Love.exe', 'Pollen Drift', 'Greenhouse Effect', 'Night Garden'],
  },
  {
    collectionId: 900801,
    artistId: 7008,
    artistName: 'Los Hermanos Núñez',
    collectionName: 'Canciones del Río',
    primaryGenreName: 'Latin',
    releaseDate: '2017-08-18T07:00:00Z',
    songs: ['Canción del Río', 'Corazón de Piñata', 'Amor en la Orilla', 'Mañana Será', 'Bailando Sólo'],
  },
  {
    collectionId: 900901,
    artistId: 7009,
    artistName: 'Blue Hour Trio',
    collectionName: 'After Hours',
    primaryGenreName: 'Jazz',
    releaseDate: '2014-10-10T07:00:00Z',
    songs: ['Blue Hour', 'Smoke and Mirrors', 'Love for Sale Again', 'Brass Moon', 'Last Call', 'Velvet Rain'],
  },
  {
    collectionId: 901001,
    artistId: 7010,
    artistName: 'Kim Ji-woo',
    collectionName: '서울의 봄 (Seoul Spring)',
    primaryGenreName: 'K-Pop',
    releaseDate: '2022-04-01T07:00:00Z',
    songs: ['서울의 봄', 'Lovely Day (러블리 데이)', 'Han River Walk', '별빛 (Starlight)'],
  },
  {
    // Only in German-speaking stores, so a search shows what the person's own store sells.
    collectionId: 901101,
    artistId: 7011,
    artistName: 'Die Zugvögel',
    collectionName: 'Morgenlicht',
    primaryGenreName: 'Schlager',
    releaseDate: '2021-09-17T07:00:00Z',
    songs: ['Morgenlicht', 'Zugvögel', 'Abendzug nach Hamburg'],
    stores: ['DE', 'AT', 'CH'],
  },
];

/** Every song of the demo catalog, with stable ids. */
export const DEMO_SONGS: readonly DemoSong[] = albums.flatMap((album) =>
  album.songs.map((trackName, index) => ({
    trackId: album.collectionId * 100 + index + 1,
    trackNumber: index + 1,
    trackName,
    album,
    trackTimeMillis: 150_000 + ((album.collectionId * 7 + index * 37_123) % 120_000),
  })),
);

export const DEMO_ALBUMS: readonly DemoAlbum[] = albums;

/**
 * Synthetic previews for benchmarks: generated on the fly, never stored. Their track ids are small
 * numbers so they never clash with the songs above.
 */
export const SYNTHETIC_SIZES_MIB = [64, 256, 1024] as const;
