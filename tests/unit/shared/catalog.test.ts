import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CatalogError, artworkAtSize, parseCatalogBody, toAlbum, toTracks } from '../../../src/shared/catalog.ts';
import { allowedStoreUrl } from '../../../src/shared/hosts.ts';

const CATALOG = 'http://127.0.0.1:4173';
const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8');

describe('parseCatalogBody', () => {
  it('reads JSON with the three leading and trailing newlines the real service sends', () => {
    expect(parseCatalogBody(fixture('recorded-mixed.txt'))).toMatchObject({ resultCount: 3 });
  });

  it('strips a JSONP wrapper as text, without running it', () => {
    const body = '\n\n\n__cb_1({"resultCount":0,"results":[]});\n\n\n';
    expect(parseCatalogBody(body)).toEqual({ resultCount: 0, results: [] });
  });

  it('ignores a byte-order mark', () => {
    expect(parseCatalogBody('\uFEFF{"results":[]}')).toEqual({ results: [] });
  });

  it('refuses what is not JSON, even if it looks like a script', () => {
    expect(() => parseCatalogBody('alert(document.cookie)')).toThrow(CatalogError);
    // A wrapper around plain data is only data, and not a catalog answer.
    expect(() => toTracks(parseCatalogBody('alert(1)'), CATALOG)).toThrow(
      expect.objectContaining({ kind: 'malformed' }),
    );
    expect(() => parseCatalogBody('<html>Rate limited</html>')).toThrow(/not JSON/);
    expect(() => parseCatalogBody('')).toThrow(CatalogError);
  });
});

describe('toTracks', () => {
  it('keeps songs with previews on Apple hosts and maps them to tracks', () => {
    const tracks = toTracks(parseCatalogBody(fixture('recorded-songs.json')), CATALOG);
    expect(tracks.map((track) => track.name)).toEqual(['Love at Low Tide', 'Driftwood']);
    expect(tracks[0]).toEqual({
      id: 551200344,
      name: 'Love at Low Tide',
      artist: 'Juniper Coast',
      album: 'Tidewater',
      durationMs: 214533,
      previewUrl:
        'https://audio-ssl.itunes.apple.com/apple-assets-us-std-000001/Music6/v4/aa/10/2f/aa102f44-1c3d-2e4f-9a0b-5c6d7e8f9a0b/mzaf_1234567890123456789.plus.aac.p.m4a',
      artworkUrl:
        'https://is3.mzstatic.com/image/thumb/Music4/v4/0c/11/7e/0c117e2a-55aa-b0b2-1b7e-6f1e0d1a7c44/source/100x100bb.jpg',
      genre: 'Rock',
      releaseDate: '2012-06-05T07:00:00Z',
      albumId: 551200310,
      discNumber: 1,
      trackNumber: 3,
      storeUrl: 'https://itunes.apple.com/us/album/love-at-low-tide/551200310?i=551200344&uo=4',
    });
  });

  it('accepts the older phobos preview host', () => {
    const [, driftwood] = toTracks(parseCatalogBody(fixture('recorded-songs.json')), CATALOG);
    // Apple's older answers say http: for a host that serves HTTPS too: upgraded, never mixed content.
    expect(driftwood?.previewUrl).toMatch(/^https:\/\/a1815\.phobos\.apple\.com\//);
    expect(driftwood?.genre).toBeNull();
  });

  it('drops podcasts, audiobooks (which have no kind), movies and albums', () => {
    expect(toTracks(parseCatalogBody(fixture('recorded-mixed.txt')), CATALOG)).toEqual([]);
  });

  it('accepts previews and artwork from the configured catalog origin, and nowhere else', () => {
    const item = (previewUrl: string, artworkUrl100: string) => ({
      wrapperType: 'track',
      kind: 'song',
      trackId: 1,
      trackName: 'A',
      artistName: 'B',
      previewUrl,
      artworkUrl100,
    });
    const ok = toTracks({ results: [item(`${CATALOG}/catalog/previews/1.wav`, `${CATALOG}/a.png`)] }, CATALOG);
    expect(ok[0]?.artworkUrl).toBe(`${CATALOG}/a.png`);
    for (const bad of [
      'javascript:alert(1)',
      'data:audio/wav;base64,AAAA',
      'https://audio-ssl.itunes.apple.com.evil.example/x.m4a',
      'https://user:pw@audio-ssl.itunes.apple.com/x.m4a',
      'http://127.0.0.1:9999/x.wav',
    ]) {
      expect(toTracks({ results: [item(bad, `${CATALOG}/a.png`)] }, CATALOG), bad).toEqual([]);
    }
    const foreignArt = toTracks({ results: [item(`${CATALOG}/p.wav`, 'https://tracker.example/p.gif')] }, CATALOG);
    expect(foreignArt[0]?.artworkUrl).toBeNull();
  });

  it('keeps names as plain text, trimmed and bounded', () => {
    const [track] = toTracks(
      {
        results: [
          {
            wrapperType: 'track',
            kind: 'song',
            trackId: 7,
            trackName: '  <img src=x onerror=alert(1)>  ',
            artistName: 'x'.repeat(1000),
            previewUrl: `${CATALOG}/p.wav`,
          },
        ],
      },
      CATALOG,
    );
    expect(track?.name).toBe('<img src=x onerror=alert(1)>');
    expect(track?.artist).toHaveLength(300);
    expect(track?.album).toBe('');
    expect(track?.durationMs).toBeNull();
  });

  it('drops items with missing or mistyped fields and duplicates', () => {
    const base = {
      wrapperType: 'track',
      kind: 'song',
      trackName: 'A',
      artistName: 'B',
      previewUrl: `${CATALOG}/p.wav`,
    };
    const tracks = toTracks(
      {
        results: [
          null,
          'song',
          { ...base, trackId: '5' },
          { ...base, trackId: -1 },
          { ...base, trackId: 1.5 },
          { ...base, trackId: 5, trackName: 42 },
          { ...base, trackId: 6 },
          { ...base, trackId: 6 },
        ],
      },
      CATALOG,
    );
    expect(tracks.map((track) => track.id)).toEqual([6]);
  });

  it('turns an errorMessage answer into a rejection with the catalog’s words', () => {
    const body = { errorMessage: 'Invalid value(s) for key(s): [mediaType]' };
    expect(() => toTracks(body, CATALOG)).toThrow(
      expect.objectContaining({ kind: 'rejected', detail: 'Invalid value(s) for key(s): [mediaType]' }),
    );
  });

  it('refuses an answer without a results list', () => {
    expect(() => toTracks({ resultCount: 1 }, CATALOG)).toThrow(expect.objectContaining({ kind: 'malformed' }));
    expect(() => toTracks([], CATALOG)).toThrow(expect.objectContaining({ kind: 'malformed' }));
  });
});

describe('toAlbum', () => {
  const recorded = (JSON.parse(fixture('recorded-songs.json')) as { results: Record<string, unknown>[] }).results;
  const songs = recorded.filter((item) => item.wrapperType === 'track');
  const tidewater = songs.filter((song) => song.collectionId === 551200310);
  const collection = {
    wrapperType: 'collection',
    collectionType: 'Album',
    collectionId: 551200310,
    artistName: 'Juniper Coast',
    collectionName: 'Tidewater',
    collectionViewUrl: 'https://music.apple.com/us/album/tidewater/551200310?uo=4',
    artworkUrl100: 'https://is1-ssl.mzstatic.com/image/thumb/Music4/v4/source/100x100bb.jpg',
    releaseDate: '2012-06-05T07:00:00Z',
  };

  it('reads the collection, then its songs in track order, as Apple answers a lookup', () => {
    const later = { ...tidewater[0], trackId: 551200399, trackName: 'Ebb', trackNumber: 1 };
    const album = toAlbum({ resultCount: 3, results: [collection, ...tidewater, later] }, 551200310, CATALOG);
    expect(album).toMatchObject({ id: 551200310, name: 'Tidewater', artist: 'Juniper Coast' });
    expect(album.storeUrl).toBe('https://music.apple.com/us/album/tidewater/551200310?uo=4');
    // A song without a number keeps its place after the numbered ones.
    expect(album.tracks.map((track) => track.name)).toEqual(['Ebb', 'Love at Low Tide', 'Driftwood']);
  });

  it('drops songs of other albums, and says when the album is not there', () => {
    const other = { ...tidewater[0], trackId: 551200398, collectionId: 1 };
    const album = toAlbum({ results: [collection, ...songs, other] }, 551200310, CATALOG);
    expect(album.tracks.map((track) => track.id)).not.toContain(551200398);
    expect(() => toAlbum({ results: songs }, 551200310, CATALOG)).toThrow(/no such album/);
  });
});

describe('store links', () => {
  it('are accepted only over HTTPS on Apple’s store hosts', () => {
    expect(allowedStoreUrl('https://music.apple.com/us/album/x/1?i=2')).toBe(
      'https://music.apple.com/us/album/x/1?i=2',
    );
    expect(allowedStoreUrl('https://itunes.apple.com/us/album/x/1')).not.toBeNull();
    for (const bad of [
      'http://music.apple.com/us/album/x/1',
      'https://music.apple.com.evil.example/album',
      'https://evil.example/?music.apple.com',
      'javascript:alert(1)',
      'https://user@music.apple.com/',
      42,
    ]) {
      expect(allowedStoreUrl(bad), String(bad)).toBeNull();
    }
  });
});

describe('artworkAtSize', () => {
  it('asks Apple’s image service for the size in the URL, and leaves other URLs alone', () => {
    const thumb = 'https://is1-ssl.mzstatic.com/image/thumb/Music4/v4/0c/source/100x100bb.jpg';
    expect(artworkAtSize(thumb, 512)).toBe(
      'https://is1-ssl.mzstatic.com/image/thumb/Music4/v4/0c/source/512x512bb.jpg',
    );
    expect(artworkAtSize('http://127.0.0.1:4180/artwork/900101/100x100bb.png', 512)).toMatch(/\/512x512bb\.png$/);
    expect(artworkAtSize('https://is1-ssl.mzstatic.com/image/cover.jpg', 512)).toBe(
      'https://is1-ssl.mzstatic.com/image/cover.jpg',
    );
  });
});
