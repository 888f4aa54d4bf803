import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Album, Track } from '../../../src/shared/catalog.ts';
import { APPLE_STORE_HOSTS } from '../../../src/shared/hosts.ts';
import { parseShared, shareDataFor, type CannotOpenReason, type SharedItem } from '../../../src/shared/share-link.ts';

const song = (albumId: number | null, trackId: number, country: string | null = 'US'): SharedItem => ({
  kind: 'song',
  albumId,
  trackId,
  country,
});
const album = (albumId: number, country: string | null = 'US'): SharedItem => ({ kind: 'album', albumId, country });
const cannot = (reason: CannotOpenReason): SharedItem => ({ kind: 'unknown', reason });

describe('parseShared: Apple links in the url field', () => {
  it.each<[string, SharedItem]>([
    ['https://music.apple.com/us/album/bohemian-rhapsody/1440806041?i=1440806768', song(1440806041, 1440806768)],
    ['https://music.apple.com/us/album/bohemian-rhapsody/1440806041?i=1440806768&uo=4', song(1440806041, 1440806768)],
    [
      'https://music.apple.com/gb/album/a-night-at-the-opera/1440806041?ls=1&i=1440806768',
      song(1440806041, 1440806768, 'GB'),
    ],
    ['https://music.apple.com/us/album/a-night-at-the-opera/1440806041', album(1440806041)],
    ['https://music.apple.com/us/album/a-night-at-the-opera/1440806041/', album(1440806041)],
    ['https://music.apple.com/us/album/1440806041', album(1440806041)],
    ['https://music.apple.com/us/album/a-night-at-the-opera/1440806041?uo=4&ls=1', album(1440806041)],
    ['https://music.apple.com/us/song/bohemian-rhapsody/1440806768', song(null, 1440806768)],
    ['https://music.apple.com/us/song/1440806768', song(null, 1440806768)],
    // Upper-case the store: Apple writes it in lower case, the catalog asks in upper.
    ['https://music.apple.com/JP/album/x/1440806041', album(1440806041, 'JP')],
    ['https://music.apple.com/album/a-night-at-the-opera/1440806041', album(1440806041, null)],
    // Percent-encoded and non-Latin slugs: the slug is for people, the id is what counts.
    [
      'https://music.apple.com/jp/album/%E5%A4%9C%E3%81%AB%E9%A7%86%E3%81%91%E3%82%8B/1487953426?i=1487953428',
      song(1487953426, 1487953428, 'JP'),
    ],
    ['https://music.apple.com/jp/album/夜に駆ける/1487953426?i=1487953428', song(1487953426, 1487953428, 'JP')],
    ['https://music.apple.com/ru/album/кино/1534215034', album(1534215034, 'RU')],
    ['https://music.apple.com/fr/album/caf%C3%A9-del-mar-%2F-2020/1500000001', album(1500000001, 'FR')],
    // The other store hosts, and iTunes's older `id` prefix.
    ['https://itunes.apple.com/us/album/abbey-road/id1441164426?i=1441164430&uo=4', song(1441164426, 1441164430)],
    ['https://itunes.apple.com/us/album/abbey-road/1441164426', album(1441164426)],
    [
      'https://geo.music.apple.com/de/album/_/1441164426?i=1441164430&mt=1&app=music',
      song(1441164426, 1441164430, 'DE'),
    ],
    ['  https://music.apple.com/us/album/x/1440806041  ', album(1440806041)],
  ])('%s', (url, expected) => {
    expect(parseShared({ url })).toEqual(expected);
  });
});

describe('parseShared: where the link is', () => {
  const link = 'https://music.apple.com/us/album/bohemian-rhapsody/1440806041?i=1440806768';

  it('finds the link Android puts in the text', () => {
    expect(parseShared({ title: '', text: `Listen to Bohemian Rhapsody by Queen ${link}`, url: '' })).toEqual(
      song(1440806041, 1440806768),
    );
  });

  it('leaves out the punctuation around a link in a sentence', () => {
    expect(parseShared({ text: `Hear this (${link}).` })).toEqual(song(1440806041, 1440806768));
    expect(parseShared({ text: `“${link}”` })).toEqual(song(1440806041, 1440806768));
  });

  it('takes the url field before the text, and the text before the title', () => {
    const other = 'https://music.apple.com/us/album/x/1111';
    expect(parseShared({ url: link, text: other, title: other })).toEqual(song(1440806041, 1440806768));
    expect(parseShared({ text: `A ${other}`, title: link })).toEqual(album(1111));
    expect(parseShared({ title: `Shared: ${link}` })).toEqual(song(1440806041, 1440806768));
  });

  it('opens a good link in the text when the url field has a foreign one', () => {
    expect(parseShared({ url: 'https://example.com/share/123', text: link })).toEqual(song(1440806041, 1440806768));
  });

  it('says why the first link cannot be opened when none can', () => {
    expect(
      parseShared({ url: 'https://example.com/x', text: 'https://music.apple.com/us/artist/queen/3296287' }),
    ).toEqual(cannot('untrusted-link'));
  });

  it.each([{}, { title: '', text: '', url: '' }, { text: 'Listen to Bohemian Rhapsody by Queen' }])(
    'says there is no link in %j',
    (shared) => {
      expect(parseShared(shared)).toEqual(cannot('no-link'));
    },
  );

  it('reads only strings, as a query may give null and a caller anything', () => {
    expect(parseShared({ title: null, text: null, url: null })).toEqual(cannot('no-link'));
    expect(parseShared({ url: 42, text: { toString: () => link }, title: [link] })).toEqual(cannot('no-link'));
  });
});

describe('parseShared: hostile and wrong links', () => {
  it.each<[string, CannotOpenReason]>([
    ['http://music.apple.com/us/album/x/1440806041', 'untrusted-link'],
    ['https://user:pass@music.apple.com/us/album/x/1440806041', 'untrusted-link'],
    ['https://music.apple.com@evil.example/us/album/x/1440806041', 'untrusted-link'],
    ['https://music.apple.com.evil.example/us/album/x/1440806041', 'untrusted-link'],
    ['https://evilmusic.apple.com/us/album/x/1440806041', 'untrusted-link'],
    ['https://open.spotify.com/track/4u7EnebtmKWzUH433cf5Qv', 'untrusted-link'],
    ['javascript:alert(1)//https://music.apple.com/us/album/x/1', 'untrusted-link'],
    ['data:text/html,<script>alert(1)</script>', 'untrusted-link'],
    ['music.apple.com/us/album/x/1440806041', 'untrusted-link'],
    [`https://music.apple.com/us/album/x/1440806041?pad=${'a'.repeat(3000)}`, 'untrusted-link'],
    ['https://music.apple.com/us/artist/queen/3296287', 'not-song-or-album'],
    ['https://music.apple.com/us/playlist/pl.u-123', 'not-song-or-album'],
    ['https://music.apple.com/us/album/a/b/1440806041', 'not-song-or-album'],
    ['https://music.apple.com/us/album', 'not-song-or-album'],
    ['https://music.apple.com/', 'not-song-or-album'],
    ['https://music.apple.com/usa/album/x/1440806041', 'bad-country'],
    ['https://music.apple.com/u1/album/x/1440806041', 'bad-country'],
    ['https://music.apple.com/us/album/x/abc', 'bad-id'],
    ['https://music.apple.com/us/album/x/0', 'bad-id'],
    ['https://music.apple.com/us/album/x/-5', 'bad-id'],
    ['https://music.apple.com/us/album/x/1e9', 'bad-id'],
    ['https://music.apple.com/us/album/x/1234567890123456', 'bad-id'],
    ['https://music.apple.com/us/album/x/%31%32', 'bad-id'],
    ['https://music.apple.com/us/album/x/1440806041?i=abc', 'bad-id'],
    ['https://music.apple.com/us/album/x/1440806041?i=', 'bad-id'],
    ['https://music.apple.com/us/album/x/1440806041?i=1&i=2', 'bad-id'],
    ['https://music.apple.com/us/album/x/1440806041?i=9999999999999999', 'bad-id'],
    ['https://music.apple.com/us/song/x/0x1F', 'bad-id'],
  ])('%s: %s', (url, reason) => {
    expect(parseShared({ url })).toEqual(cannot(reason));
  });

  it('reads a huge share within its cap, and never further than it', () => {
    const link = 'https://music.apple.com/us/album/x/1440806041';
    expect(parseShared({ text: `${'la '.repeat(1000)}${link}` })).toEqual(album(1440806041));
    expect(parseShared({ text: `${'la '.repeat(2000)}${link}` })).toEqual(cannot('no-link'));
    expect(parseShared({ text: 'https://a.b/ '.repeat(100_000) })).toEqual(cannot('untrusted-link'));
  });
});

describe('parseShared: properties', () => {
  const isId = (id: unknown): boolean => typeof id === 'number' && Number.isSafeInteger(id) && id > 0;
  const isOpenable = (item: SharedItem): boolean =>
    item.kind === 'unknown' ||
    (isId(item.kind === 'song' ? item.trackId : item.albumId) &&
      (item.kind === 'album' || item.albumId === null || isId(item.albumId)) &&
      (item.country === null || /^[A-Z]{2}$/.test(item.country)));

  /**
   * Near-Apple links: mostly right hosts, stores, kinds and ids, with wrong ones mixed in, so that many
   * reach the id rules and some open (a purely random string almost never gets past the host).
   */
  /** Ids around the 15 digits allowed and around the largest safe integer (16 digits). */
  const nearLimitId = fc.oneof(
    fc.bigInt({ min: 10n ** 14n, max: 10n ** 17n }),
    fc.bigInt({ min: 2n ** 53n - 10n, max: 2n ** 53n + 10n }),
  );
  const mostly = <T>(right: fc.Arbitrary<T>, wrong: fc.Arbitrary<T>): fc.Arbitrary<T> =>
    fc.oneof({ weight: 4, arbitrary: right }, { weight: 1, arbitrary: wrong });
  const nearAppleLink = fc
    .tuple(
      mostly(fc.constant('https://'), fc.constantFrom('http://', 'javascript:', 'https://u:p@', '')),
      mostly(fc.constantFrom(...APPLE_STORE_HOSTS), fc.constantFrom('apple.com', 'music.apple.com.evil.example')),
      mostly(fc.constantFrom('/us', '/JP', ''), fc.constantFrom('/usa', '/1', '/u')),
      mostly(fc.constantFrom('/album', '/song'), fc.constantFrom('/artist', '/playlist')),
      fc.oneof(
        fc.constant(''),
        fc.string({ unit: 'binary' }).map((slug) => `/${encodeURIComponent(slug)}`),
        fc.string().map((slug) => `/${slug}`),
      ),
      mostly(
        fc.integer({ min: 1, max: 999_999_999_999_999 }).map((id) => `/${id}`),
        fc.oneof(nearLimitId, fc.bigInt(), fc.string()).map((id) => `/${String(id)}`),
      ),
      fc.oneof(
        fc.constant(''),
        fc.nat().map((i) => `?i=${i}&uo=4`),
        fc.oneof(nearLimitId, fc.bigInt(), fc.string()).map((i) => `?ls=1&i=${String(i)}`),
      ),
    )
    .map((parts) => parts.join(''));
  const field = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary' }),
    nearAppleLink,
    fc.constant(undefined),
    fc.anything(),
  );

  it('never throws, and only ever gives positive safe ids and two-letter stores', () => {
    fc.assert(
      fc.property(fc.record({ title: field, text: field, url: field }), (shared) => {
        expect(isOpenable(parseShared(shared))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('opens every well-formed Apple link as the ids it was made of', () => {
    const id = fc.integer({ min: 1, max: 999_999_999_999_999 });
    // `.` and `..` are path steps to a URL, not names, and no store slug is one.
    const name = fc.string({ unit: 'binary' }).filter((text) => text !== '.' && text !== '..');
    fc.assert(
      fc.property(id, id, fc.constantFrom('us', 'gb', 'jp'), name, (albumId, trackId, cc, name) => {
        const url = `https://music.apple.com/${cc}/album/${encodeURIComponent(name) || '_'}/${albumId}?i=${trackId}`;
        expect(parseShared({ text: `Listen ${url}` })).toEqual(song(albumId, trackId, cc.toUpperCase()));
      }),
    );
  });
});

describe('shareDataFor', () => {
  const track = (storeUrl: string | null | undefined): Track => ({
    id: 1440806768,
    name: 'Bohemian Rhapsody',
    artist: 'Queen',
    album: 'A Night at the Opera',
    durationMs: 354_320,
    previewUrl: 'https://audio-ssl.itunes.apple.com/x.m4a',
    artworkUrl: null,
    genre: null,
    releaseDate: null,
    albumId: 1440806041,
    storeUrl,
  });
  const anAlbum = (storeUrl: string | null, artist = 'Queen'): Album => ({
    id: 1440806041,
    name: 'A Night at the Opera',
    artist,
    artworkUrl: null,
    storeUrl,
    releaseDate: null,
    tracks: [],
  });

  it("shares a song's store page, without the catalog's tracking, and opens again as that song", () => {
    const shared = shareDataFor(
      track('https://music.apple.com/us/album/bohemian-rhapsody/1440806041?i=1440806768&uo=4'),
    );
    expect(shared).toEqual({
      title: 'Bohemian Rhapsody — Queen',
      url: 'https://music.apple.com/us/album/bohemian-rhapsody/1440806041?i=1440806768',
    });
    expect(parseShared({ url: shared!.url })).toEqual(song(1440806041, 1440806768));
  });

  it("shares an album's store page", () => {
    expect(shareDataFor(anAlbum('https://music.apple.com/us/album/a-night-at-the-opera/1440806041?uo=4'))).toEqual({
      title: 'A Night at the Opera — Queen',
      url: 'https://music.apple.com/us/album/a-night-at-the-opera/1440806041',
    });
    expect(shareDataFor(anAlbum('https://music.apple.com/us/album/x/1440806041', ''))?.title).toBe(
      'A Night at the Opera',
    );
  });

  it.each([
    null,
    undefined,
    'http://music.apple.com/us/album/x/1',
    'https://evil.example/us/album/x/1',
    'https://u:p@music.apple.com/us/album/x/1',
    'javascript:alert(1)',
  ])('shares nothing for a store page of %s', (storeUrl) => {
    expect(shareDataFor(track(storeUrl))).toBeNull();
  });
});
