import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../scripts/csp.ts';
import { allowedArtworkUrl, allowedPreviewUrl } from '../../../src/shared/hosts.ts';

const directive = (name: string): string[] =>
  contentSecurityPolicy('/catalog')
    .split('; ')
    .find((entry) => entry.startsWith(`${name} `))!
    .split(' ')
    .slice(1);

/** Whether a CSP host-source (`https://*.example.com`) matches `url`. */
const covers = (source: string, url: string): boolean => {
  const { protocol, hostname } = new URL(url);
  const [scheme, host] = source.split('//');
  if (scheme !== protocol) return false;
  return host!.startsWith('*.') ? hostname.endsWith(host!.slice(1)) : hostname === host;
};

describe('the policy and the URL check agree', () => {
  it.each([
    'https://audio-ssl.itunes.apple.com/a/b.m4a',
    'http://audio-ssl.itunes.apple.com/a/b.m4a',
    'http://audio.itunes.apple.com/a/b.m4a',
    'http://a1815.phobos.apple.com/a/b.m4a',
  ])('a preview the app accepts (%s) is one the page may play, over HTTPS', (url) => {
    const accepted = allowedPreviewUrl(url, 'https://catalog.test')!;
    expect(accepted).toBe(url.replace(/^http:/, 'https:'));
    expect(directive('media-src').some((source) => covers(source, accepted))).toBe(true);
    expect(directive('connect-src').some((source) => covers(source, accepted))).toBe(true);
  });

  it.each(['https://is1-ssl.mzstatic.com/image/100x100bb.jpg', 'http://is3.mzstatic.com/image/100x100bb.jpg'])(
    'artwork the app accepts (%s) is artwork the page may show, over HTTPS',
    (url) => {
      const accepted = allowedArtworkUrl(url, 'https://catalog.test')!;
      expect(accepted).toBe(url.replace(/^http:/, 'https:'));
      expect(directive('img-src').some((source) => covers(source, accepted))).toBe(true);
    },
  );

  it('allows no media over plain HTTP but the catalog’s own', () => {
    for (const name of ['media-src', 'img-src', 'connect-src']) {
      expect(directive(name).filter((source) => source.startsWith('http:'))).toEqual([]);
    }
  });

  it('names no host outside Apple’s lists, and none twice', () => {
    const media = directive('media-src').filter((source) => source.includes('//'));
    expect(new Set(media).size).toBe(media.length);
    expect(media.every((source) => /\.apple\.com$/.test(source))).toBe(true);
  });
});
