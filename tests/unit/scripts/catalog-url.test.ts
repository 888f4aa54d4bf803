import { describe, expect, it } from 'vitest';
import { catalogUrl } from '../../../scripts/catalog-url.ts';

describe('catalogUrl', () => {
  it('defaults to Apple in production and to the demo catalog otherwise', () => {
    expect(catalogUrl(undefined, 'production', '/catalog')).toBe('https://itunes.apple.com');
    expect(catalogUrl('  ', 'demo', '/catalog')).toBe('/catalog');
  });

  it('takes an https catalog, or plain http on this machine', () => {
    expect(catalogUrl('https://catalog.example/', 'production', '/catalog')).toBe('https://catalog.example');
    for (const local of [
      'http://127.0.0.1:4180',
      'http://localhost:8080/api',
      'http://[::1]:9000',
      'http://127.8.9.10',
    ]) {
      expect(catalogUrl(local, 'demo', '/catalog')).toBe(local);
    }
  });

  it('refuses plain http elsewhere, other schemes, credentials and garbage', () => {
    for (const bad of [
      'http://catalog.example',
      'http://192.168.1.5:4180',
      'http://127.0.0.1.evil.example',
      'http://localhost.evil.example',
      'ftp://catalog.example',
      'javascript:alert(1)',
      'https://user:pw@catalog.example',
      'https://catalog.example/?x=1',
      'catalog.example',
    ]) {
      expect(() => catalogUrl(bad, 'production', '/catalog'), bad).toThrow(/HALF_TUNES_CATALOG/);
    }
  });
});
