import { expect, search, test, waitForServiceWorker } from './fixtures.ts';
import { SONGS } from './downloads-helpers.ts';

/**
 * The badge the app sets, recorded in the worker (which sets it, also with the app closed) and in the
 * page (which clears it): a browser shows a badge only for an installed app, so it is read here.
 */
test('the app badge counts songs finished since the library was opened, and opening it clears the badge', async ({
  page,
  context,
}) => {
  await page.addInitScript(() => {
    const cleared: number[] = [];
    Object.assign(window, { badgeCleared: cleared });
    Navigator.prototype.clearAppBadge = () => Promise.resolve(void cleared.push(Date.now()));
  });
  await page.goto('/?engine=range');
  await waitForServiceWorker(page);
  const [worker] = context.serviceWorkers();
  await worker!.evaluate(() => {
    const badges: number[] = [];
    Object.assign(self, { badges });
    WorkerNavigator.prototype.setAppBadge = (count?: number) => Promise.resolve(void badges.push(count ?? 0));
  });
  const badges = () => worker!.evaluate(() => (self as unknown as { badges: number[] }).badges);
  const download = async (name: string) => {
    const row = page.getByRole('listitem').filter({ hasText: name });
    await row.getByRole('button', { name: 'Download', exact: true }).click();
    await expect(row.getByRole('button', { name: 'Play', exact: true })).toBeVisible({ timeout: 30_000 });
  };

  await search(page, 'love');
  await download(SONGS.harbour[1]);
  await expect.poll(badges).toEqual([1]);
  await download(SONGS.saltwater[1]);
  await expect.poll(badges).toEqual([1, 2]);

  await page.getByRole('link', { name: 'Downloads' }).click();
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { badgeCleared: number[] }).badgeCleared.length))
    .toBe(1);

  await page.getByRole('link', { name: 'Search' }).click();
  await download(SONGS.lovesick[1]);
  // Only the song that finished since the library was opened.
  await expect.poll(badges).toEqual([1, 2, 1]);
});
