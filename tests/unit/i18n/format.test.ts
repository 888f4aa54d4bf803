import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatCount,
  formatDuration,
  formatPercent,
  formatYear,
  plural,
  pluralOf,
} from '../../../src/i18n/format.ts';
import { directionOf, languageFor } from '../../../src/i18n/locales.ts';

describe('the language Half Tunes speaks', () => {
  it('is the first of the browser’s languages it has, exactly or by language, else English', () => {
    expect(languageFor(['de-AT', 'en'])).toBe('de');
    expect(languageFor(['pt-BR'])).toBe('pt-BR');
    expect(languageFor(['pt-PT'])).toBe('pt-BR');
    expect(languageFor(['nl-NL', 'ar-EG'])).toBe('ar');
    expect(languageFor(['zh-CN'])).toBe('en');
    expect(languageFor([])).toBe('en');
  });

  it('writes Arabic right to left, the others left to right', () => {
    expect(directionOf('ar')).toBe('rtl');
    expect(directionOf('ja')).toBe('ltr');
  });
});

describe('numbers as people write them', () => {
  it('sizes, percentages, counts, durations and years, in each language’s way', () => {
    expect(formatBytes(960_044, 'en')).toBe('960 kB');
    expect(formatBytes(1_234_567, 'de')).toBe('1,2 MB');
    expect(formatBytes(1_234_567, 'fr')).toMatch(/^1,2\s?Mo$/);
    expect(formatPercent(42, 'en')).toBe('42.0%');
    expect(formatPercent(42, 'de')).toMatch(/^42,0\s%$/);
    expect(formatCount(1234, 'de')).toBe('1.234');
    expect(formatCount(12, 'ar')).toMatch(/^[٠-٩]+$|^12$/);
    expect(formatDuration(211, 'en')).toBe('3:31');
    expect(formatYear('2019-04-12T07:00:00Z', 'en')).toBe('2019');
    expect(formatYear(null, 'en')).toBeNull();
  });

  it('plurals by the language’s own forms: six in Arabic, one in Japanese', () => {
    expect([0, 1, 2, 3, 11, 100].map((n) => pluralOf(n, 'ar'))).toEqual(['zero', 'one', 'two', 'few', 'many', 'other']);
    expect([0, 1, 2].map((n) => pluralOf(n, 'ja'))).toEqual(['other', 'other', 'other']);
    const songs = (n: number, locale: string) =>
      plural(n, { one: () => `${n} song`, other: () => `${n} songs` }, locale);
    expect(songs(1, 'en')).toBe('1 song');
    expect(songs(2, 'en')).toBe('2 songs');
    // A form a message does not give falls back to `other`.
    expect(songs(2, 'ar')).toBe('2 songs');
  });
});
