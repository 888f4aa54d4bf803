import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  VIEW_HREF,
  albumHref,
  hashForShare,
  routeOf,
  songHref,
  type Route,
} from '../../../src/controllers/route-controller.ts';
import { parseShared } from '../../../src/shared/share-link.ts';

const route = (
  view: Route['view'],
  albumId: number | null = null,
  trackId: number | null = null,
  store: string | null = null,
): Route => ({ view, albumId, trackId, store });
/** Ids as the catalog has them: positive, at most 15 digits. */
const id = fc.integer({ min: 1, max: 999_999_999_999_999 });

describe('routeOf', () => {
  it.each<[string, Route]>([
    ['', route('search')],
    ['#/', route('search')],
    ['#/downloads', route('downloads')],
    ['#/downloads/', route('downloads')],
    ['#/settings', route('settings')],
    ['#/album/1440806041', route('album', 1440806041)],
    ['#/album/1440806041/', route('album', 1440806041)],
    ['#/album/abc', route('search')],
    ['#/album/1234567890123456', route('search')],
    ['#/nowhere', route('search')],
  ])('keeps the routes it had: %s', (hash, expected) => {
    expect(routeOf(hash)).toEqual(expected);
  });

  it.each<[string, Route]>([
    ['#/song/1440806768', route('song', null, 1440806768)],
    ['#/song/1440806768/', route('song', null, 1440806768)],
    ['#/album/1440806041/song/1440806768', route('album', 1440806041, 1440806768)],
    ['#/song/0', route('search')],
    ['#/song/', route('search')],
    ['#/song/abc', route('search')],
    ['#/song/1234567890123456', route('search')],
    ['#/song/1/2', route('search')],
    ['#/album/1440806041/song/abc', route('search')],
    ['#/album/1440806041/song/0', route('album', 1440806041)],
    ['#/album/1440806041?song=1440806768', route('search')],
    ['#/album/1440806041/song/1440806768/store/jp', route('album', 1440806041, 1440806768, 'JP')],
    ['#/album/1440806041/store/gb', route('album', 1440806041, null, 'GB')],
    ['#/song/1440806768/store/de', route('song', null, 1440806768, 'DE')],
    ['#/song/1440806768/store/deu', route('search')],
    ['#/album/1440806041/store/', route('search')],
  ])('leads a song to its view: %s', (hash, expected) => {
    expect(routeOf(hash)).toEqual(expected);
  });

  it('leads every address it makes back to what it was made of', () => {
    fc.assert(
      fc.property(id, id, (albumId, trackId) => {
        expect(routeOf(albumHref(albumId))).toEqual(route('album', albumId));
        expect(routeOf(songHref(trackId))).toEqual(route('song', null, trackId));
        expect(routeOf(songHref(trackId, albumId))).toEqual(route('album', albumId, trackId));
      }),
    );
    for (const [view, href] of Object.entries(VIEW_HREF)) expect(routeOf(href).view).toBe(view);
  });
});

describe('hashForShare', () => {
  it.each([
    [{ kind: 'song', albumId: 1440806041, trackId: 1440806768, country: 'US' }, '#/album/1440806041/song/1440806768'],
    [{ kind: 'song', albumId: null, trackId: 1440806768, country: null }, '#/song/1440806768'],
    [{ kind: 'album', albumId: 1440806041, country: 'GB' }, '#/album/1440806041/store/gb'],
    [{ kind: 'song', albumId: null, trackId: 1440806768, country: 'JP' }, '#/song/1440806768/store/jp'],
    [{ kind: 'unknown', reason: 'untrusted-link' }, null],
  ] as const)('opens %j at %s for a person of the US store', (shared, hash) => {
    expect(hashForShare(shared, 'US')).toBe(hash);
  });

  it('opens a shared Apple Music link on its view', () => {
    const text = 'Listen to Bohemian Rhapsody by Queen https://music.apple.com/us/album/x/1440806041?i=1440806768';
    expect(routeOf(hashForShare(parseShared({ text }), 'US')!)).toEqual(route('album', 1440806041, 1440806768));
    const url = 'https://music.apple.com/us/song/bohemian-rhapsody/1440806768';
    expect(routeOf(hashForShare(parseShared({ url }), 'US')!)).toEqual(route('song', null, 1440806768));
    // From another store: asked there.
    expect(routeOf(hashForShare(parseShared({ url }), 'FR')!)).toEqual(route('song', null, 1440806768, 'US'));
  });
});
