import { describe, expect, it } from 'vitest';
import { catalogLanguage, countryFromLanguages } from '../../../src/catalog/store-country.ts';

describe('the store a person’s languages suggest', () => {
  it('is the region of the first language that has one, spelt out or likely', () => {
    expect(countryFromLanguages(['de-DE', 'en-US'])).toBe('DE');
    expect(countryFromLanguages(['de'])).toBe('DE');
    expect(countryFromLanguages(['pt-BR'])).toBe('BR');
    expect(countryFromLanguages(['en-GB'])).toBe('GB');
    expect(countryFromLanguages(['ja'])).toBe('JP');
  });

  it('is the US store when nothing says otherwise', () => {
    expect(countryFromLanguages([])).toBe('US');
    expect(countryFromLanguages(['not a language!'])).toBe('US');
  });

  it('asks Japanese answers for Japanese speakers only (the other language Apple offers)', () => {
    expect(catalogLanguage(['ja-JP'])).toBe('ja_jp');
    expect(catalogLanguage(['de-DE', 'ja'])).toBeNull();
  });
});
