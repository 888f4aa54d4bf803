import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CatalogError, formatDuration, parseCatalogBody, toTracks } from '../../../src/shared/catalog.ts';

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
        'http://is3.mzstatic.com/image/thumb/Music4/v4/0c/11/7e/0c117e2a-55aa-b0b2-1b7e-6f1e0d1a7c44/source/100x100bb.jpg',
      genre: 'Rock',
      releaseDate: '2012-06-05T07:00:00Z',
    });
  });

  it('accepts the older phobos preview host', () => {
    const [, driftwood] = toTracks(parseCatalogBody(fixture('recorded-songs.json')), CATALOG);
    expect(driftwood?.previewUrl).toMatch(/^http:\/\/a1815\.phobos\.apple\.com\//);
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

describe('formatDuration', () => {
  it('shows minutes and zero-padded seconds', () => {
    expect(formatDuration(207_679)).toBe('3:28');
    expect(formatDuration(30_000)).toBe('0:30');
    expect(formatDuration(3_600_000)).toBe('60:00');
  });
});
