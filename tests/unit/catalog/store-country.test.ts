import { describe, expect, it } from 'vitest';
import {
  STORE_COUNTRIES,
  catalogLanguage,
  countryFromLanguages,
  storeFromLanguages,
} from '../../../src/catalog/store-country.ts';

describe('the store a person’s languages suggest', () => {
  it('is the region of the first language that has one, spelt out or likely', () => {
    expect(countryFromLanguages(['de-DE', 'en-US'])).toBe('DE');
    expect(countryFromLanguages(['de'])).toBe('DE');
    expect(countryFromLanguages(['pt-BR'])).toBe('BR');
    expect(countryFromLanguages(['en-GB'])).toBe('GB');
    expect(countryFromLanguages(['ja'])).toBe('JP');
  });

  it('is the language’s main store where its region has no store of its own, saying which region', () => {
    expect(storeFromLanguages(['de-LI'])).toEqual({ country: 'DE', unlisted: 'LI' });
    expect(storeFromLanguages(['fr-MC'])).toEqual({ country: 'FR', unlisted: 'MC' });
    expect(storeFromLanguages(['es-PR'])).toEqual({ country: 'ES', unlisted: 'PR' });
    expect(storeFromLanguages(['de-DE'])).toEqual({ country: 'DE', unlisted: null });
  });

  it('is always a store the Settings list offers', () => {
    for (const language of ['de-LI', 'fr-MC', 'es-PR', 'it-SM', 'en-AQ', 'ca-AD', 'en-001', 'und', 'ar-EH']) {
      expect(STORE_COUNTRIES, language).toContain(countryFromLanguages([language]));
    }
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
