import { gzipSync } from 'node:zlib';
import type { Language } from '../../src/i18n/locales.ts';
import { expect, test } from './fixtures.ts';
import { said } from './translations.ts';

/** docs/testing.md states this budget. */
const FIRST_SCREEN_JS_BUDGET = 40 * 1024;

// English is built in; another language adds its messages' module, loaded on demand.
for (const locale of ['en', 'de', 'ar'] as Language[]) {
  test(`the first screen loads under 40 KB of gzipped JavaScript, in ${locale}`, async ({ page }) => {
    if (locale !== 'en') {
      await page.addInitScript((chosen) => localStorage.setItem('half-tunes:language', chosen), locale);
    }
    const scripts: Promise<number>[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') {
        scripts.push(response.body().then((body) => gzipSync(body).length));
      }
    });
    await page.goto('/');
    await expect(page.getByRole('searchbox', { name: said(locale, 'search.label', 'Search') })).toBeVisible();
    await page.waitForLoadState('networkidle');
    const total = (await Promise.all(scripts)).reduce((sum, size) => sum + size, 0);
    test.info().annotations.push({ type: 'first-screen JS (gzip)', description: `${total} bytes` });
    console.log(`first-screen JS in ${locale}: ${total} bytes gzipped`);
    expect(scripts.length).toBeGreaterThan(0);
    expect(total).toBeLessThan(FIRST_SCREEN_JS_BUDGET);
  });
}
