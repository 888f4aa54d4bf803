import type { Page } from '@playwright/test';
import { accessibilityViolations, expectContainsText, expectVisible } from './app-page.ts';
import { EVERY_BROWSER, expect, resultNames, search, test } from './fixtures.ts';

test.describe('searching the catalog', () => {
  for (const { name, viewport, colorScheme, lanes } of [
    // Firefox ESR cannot emulate dark mode over WebDriver BiDi: that one stays in Chromium.
    {
      name: 'on a phone in light mode',
      viewport: { width: 360, height: 740 },
      colorScheme: 'light' as const,
      lanes: EVERY_BROWSER,
    },
    {
      name: 'on a desktop in dark mode',
      viewport: { width: 1280, height: 800 },
      colorScheme: 'dark' as const,
      lanes: {},
    },
  ]) {
    test(`shows matching songs with artwork and Download buttons ${name}`, lanes, async ({ app, catalog }) => {
      await app.setViewportSize(viewport);
      // Light is every browser's default; only Chromium's lane can emulate dark.
      if (colorScheme === 'dark') await (app as Page).emulateMedia({ colorScheme });
      await app.goto('/');
      await app.getByRole('searchbox', { name: 'Search' }).fill('love');

      const rows = app.getByRole('list', { name: 'Search results' }).getByRole('listitem');
      await expectVisible(rows.first());
      expect(await rows.count()).toBeGreaterThanOrEqual(8);
      const harbour = rows.filter({ hasText: 'Love on the Harbour' });
      await expectContainsText(harbour, 'The Paper Lanterns');
      await expectContainsText(harbour, 'Harbour Lights');
      await expectContainsText(harbour, /\d:\d\d/);
      await expectVisible(harbour.getByRole('button', { name: 'Download', exact: true }));
      await expectVisible(app.getByRole('status').filter({ hasText: 'songs found for “love”' }));

      // The row's artwork, loaded from the catalog at the size asked for.
      const artwork = () =>
        app.evaluate(() => {
          const deep = (root: ShadowRoot | Document | null | undefined): HTMLImageElement[] =>
            root
              ? [...root.querySelectorAll('*')].flatMap((element) => [
                  ...(element instanceof HTMLImageElement ? [element] : []),
                  ...deep(element.shadowRoot),
                ])
              : [];
          const image = deep(document).find((img) => img.src.includes('/artwork/900101/'));
          return image ? { src: image.src, width: image.complete ? image.naturalWidth : 0 } : null;
        });
      await expect
        .poll(artwork)
        .toEqual({ src: expect.stringMatching(/\/artwork\/900101\/100x100bb\.png$/), width: 100 });

      // Typing once makes one request, not one per keystroke.
      expect((await catalog.requests()).filter((request) => request.path === '/search')).toHaveLength(1);

      expect(await accessibilityViolations(app)).toEqual([]);
    });
  }

  test('a new search replaces the one in flight, and its late answer never shows', async ({ page, catalog }) => {
    await page.goto('/');
    await catalog.setFaults({ search: { latencyMs: 1500, times: 1 } });
    await search(page, 'harbour');
    await expect(page.getByRole('status').filter({ hasText: 'Searching for “harbour”' })).toBeVisible();
    await search(page, 'amélie');
    await expect(page.getByRole('status').filter({ hasText: '6 songs found for “amélie”' })).toBeVisible();
    // Wait until the catalog has answered the old search too, then check it changed nothing.
    await expect
      .poll(async () => (await catalog.requests()).filter((request) => request.path === '/search').length)
      .toBe(2);
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
    const names = await resultNames(page);
    expect(names).toHaveLength(6);
    expect(names).toContain('Mon Amour, Ma Ville');
    expect(names).not.toContain('Love on the Harbour');
  });

  test('Enter while the same search is on its way asks nothing again', EVERY_BROWSER, async ({ app, catalog }) => {
    await catalog.setFaults({ search: { latencyMs: 1500 } });
    await app.goto('/');
    const box = app.getByRole('searchbox', { name: 'Search' });
    await box.fill('love');
    // The pause in typing started it; Enter now must not abort it to start it again.
    await expectVisible(app.getByRole('status').filter({ hasText: 'Searching for “love”…' }));
    await box.press('Enter');
    await expectVisible(app.getByRole('status').filter({ hasText: 'songs found for “love”' }));
    expect((await catalog.requests()).filter((request) => request.path === '/search')).toHaveLength(1);
  });

  test('says so when nothing matches', async ({ page }) => {
    await page.goto('/');
    await search(page, 'zzzz nothing');
    await expect(page.getByRole('status').filter({ hasText: 'No songs found for “zzzz nothing”.' })).toBeVisible();
    await expect(page.getByRole('list', { name: 'Search results' })).toHaveCount(0);
  });

  test('is usable with the keyboard alone', async ({ page }) => {
    await page.goto('/');
    // The views first (Search, Downloads, Settings), then the search field.
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Search' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Downloads' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Settings' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('searchbox', { name: 'Search' })).toBeFocused();
    await page.keyboard.type('cafe');
    await page.keyboard.press('Enter');
    const row = page.getByRole('list', { name: 'Search results' }).getByRole('listitem').first();
    await expect(row.getByRole('button', { name: 'Download', exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Download all' })).toBeVisible();
    // "Download all", then each row: its album, its store page, its actions.
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Download all' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(row.getByRole('link').first()).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(row.getByRole('link', { name: /Apple Music/ })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(row.getByRole('button', { name: 'Download', exact: true })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(row.getByRole('button', { name: 'Play preview' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('region', { name: 'Player' })).toBeVisible();
  });
});
