import { expect, resultNames, search, test, waitForServiceWorker } from './fixtures.ts';

test('a rate-limited search says so and keeps the results already shown', async ({ page, catalog }) => {
  await page.goto('/');
  await waitForServiceWorker(page);
  await search(page, 'love');
  await expect(page.getByRole('status').filter({ hasText: 'songs found for “love”' })).toBeVisible();
  const before = await resultNames(page);

  await catalog.setFaults({ search: { status: 403, times: 1 } });
  await search(page, 'harbour');
  const alert = page.getByRole('alert');
  await expect(alert).toHaveText(/Too many searches — try again in a minute\./);
  expect(await resultNames(page)).toEqual(before);

  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('status').filter({ hasText: '6 songs found for “harbour”' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a catalog error gives clear words and a way to try again', async ({ page, catalog }) => {
  await page.goto('/');
  await waitForServiceWorker(page);
  await catalog.setFaults({ search: { status: 503, times: 1 } });
  await search(page, 'love');
  const alert = page.getByRole('alert');
  await expect(alert).toHaveText(/The catalog cannot be reached right now\. Try again\./);
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'songs found for “love”' })).toBeVisible();
});
