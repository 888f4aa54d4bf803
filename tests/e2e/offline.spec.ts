import { EVERY_BROWSER, expect, search, test, waitForServiceWorker } from './fixtures.ts';

test(
  'after one visit the app opens offline and says search needs a connection',
  EVERY_BROWSER,
  async ({ page, context }) => {
    await page.goto('/');
    await waitForServiceWorker(page);
    await expect(page.getByRole('status').filter({ hasText: 'Ready to work offline' })).toBeVisible();

    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Half Tunes' })).toBeVisible();
    // Offline the app opens on the library; search is one link away and says what it needs.
    await expect(page.getByRole('heading', { name: 'Downloads' })).toBeVisible();
    await page.getByRole('link', { name: 'Search' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Search needs a connection' })).toBeVisible();
    await search(page, 'love');
    await expect(page.getByRole('alert')).toHaveText(/Search needs a connection/);

    // The network comes back: the search runs again by itself.
    await context.setOffline(false);
    await expect(page.getByRole('status').filter({ hasText: 'songs found for “love”' })).toBeVisible();
  },
);

test('a deep link opens the shell offline too', async ({ page, context }) => {
  await page.goto('/');
  await waitForServiceWorker(page);
  await context.setOffline(true);
  await page.goto('/some/deep/link');
  await expect(page.getByRole('heading', { name: 'Downloads' })).toBeVisible();
  await page.goto('/some/deep/link#/');
  await expect(page.getByRole('searchbox', { name: 'Search' })).toBeVisible();
  await context.setOffline(false);
});
