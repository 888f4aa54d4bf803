import type { Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { expectFocused, expectText, expectVisible } from './app-page.ts';
import { EVERY_BROWSER, expect, search, test, waitForServiceWorker } from './fixtures.ts';
import { SONGS, downloadSong } from './downloads-helpers.ts';

/** Morgenlicht, an album of the demo catalog sold only in German-speaking stores. */
const GERMAN_ONLY = 'morgenlicht';

test(
  'searches ask the store Settings name, and the catalog answers what that store sells',
  EVERY_BROWSER,
  async ({ app }) => {
    await app.goto('/');
    await search(app, GERMAN_ONLY);
    await expectVisible(app.getByRole('status').filter({ hasText: `No songs found for “${GERMAN_ONLY}”` }));

    await app.getByRole('link', { name: 'Settings', exact: true }).click();
    await expectFocused(app.getByRole('heading', { name: 'Settings' }));
    await app.getByRole('combobox', { name: 'Store country' }).selectOption('DE');
    await expectVisible(app.getByRole('status').filter({ hasText: 'Searches now ask the' }));
    await app.getByRole('link', { name: 'Search', exact: true }).click();
    await search(app, GERMAN_ONLY);
    await expectVisible(app.getByRole('status').filter({ hasText: `3 songs found for “${GERMAN_ONLY}”` }));
  },
);

/** The store select of Settings. */
const store = (page: Page) => page.getByRole('combobox', { name: 'Store country' });

/** A person who chose English in Settings: the browser's languages still name the store. */
const speakEnglish = (page: Page) => page.addInitScript(() => localStorage.setItem('half-tunes:language', 'en'));

test.describe('a person whose browser speaks German', () => {
  test.use({ locale: 'de-DE' });

  test('gets the German store without choosing it', async ({ page, catalog }) => {
    await speakEnglish(page);
    await page.goto('/');
    await search(page, GERMAN_ONLY);
    await expect(page.getByRole('status').filter({ hasText: `3 songs found for “${GERMAN_ONLY}”` })).toBeVisible();
    const searches = (await catalog.requests()).filter((request) => request.path === '/search');
    expect(searches.at(-1)?.query).toContain('country=DE');
    await page.getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByRole('combobox', { name: 'Store country' })).toHaveValue('');
    await expect(store(page).getByRole('option', { selected: true })).toHaveText(/Deutschland|Germany/);
  });
});

test.describe('a person whose browser speaks German as in Liechtenstein, which has no Apple store', () => {
  test.use({ locale: 'de-LI' });

  test('gets the German store, and Settings says why', async ({ page, catalog }) => {
    await speakEnglish(page);
    await page.goto('/');
    await search(page, GERMAN_ONLY);
    await expect(page.getByRole('status').filter({ hasText: `3 songs found for “${GERMAN_ONLY}”` })).toBeVisible();
    const searches = (await catalog.requests()).filter((request) => request.path === '/search');
    expect(searches.at(-1)?.query).toContain('country=DE');
    await page.getByRole('link', { name: 'Settings' }).click();
    const store = page.getByRole('combobox', { name: 'Store country' });
    await expect(store).toHaveAccessibleDescription(
      /names (Liechtenstein|Lichtenstein), which has no Apple store of its own, so it suggests (Deutschland|Germany)/,
    );
    await expect(store.getByRole('option', { selected: true })).toHaveText(/Deutschland|Germany/);
  });
});

test(
  '"Delete all downloads" asks first, says what it frees, and leaves the library empty',
  EVERY_BROWSER,
  async ({ app }) => {
    await downloadSong(app, 'love', SONGS.harbour[1]);
    await app.getByRole('link', { name: 'Settings' }).click();
    await app.getByRole('button', { name: 'Delete all downloads' }).click();
    await expectText(app.getByRole('group'), /Delete all 1 song\? This frees about 960 kB/);
    // The safe choice has focus; keeping them changes nothing.
    await expectFocused(app.getByRole('button', { name: 'Keep them' }));
    await app.getByRole('button', { name: 'Keep them' }).click();
    await app.getByRole('button', { name: 'Delete all downloads' }).click();
    await app.getByRole('button', { name: 'Delete all 1 song' }).click();
    await expectVisible(app.getByRole('status').filter({ hasText: 'All downloads deleted.' }));
    await expectVisible(app.getByText('No downloads to delete.'));
    await app.getByRole('link', { name: 'Downloads' }).click();
    await expectVisible(app.getByText(/No downloads yet/));
  },
);

test('Settings pass axe in light and dark', async ({ page }) => {
  await page.goto('/#/settings');
  await waitForServiceWorker(page);
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  }
});
