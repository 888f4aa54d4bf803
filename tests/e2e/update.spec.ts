import { withNewBuild } from './deploy.ts';
import { expect, test, waitForServiceWorker } from './fixtures.ts';

test('a new version waits until the person accepts "Update available — Reload"', async ({ page }) => {
  await page.goto('/');
  await waitForServiceWorker(page);
  const firstWorker = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);

  await withNewBuild(page, async (toast) => {
    // Until the person accepts, the old worker stays in charge and the new one waits.
    expect(await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.waiting)).toBe(true);

    await Promise.all([page.waitForEvent('load'), toast.getByRole('button', { name: 'Reload' }).click()]);
    await waitForServiceWorker(page);
    expect(await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.waiting)).toBe(false);
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(firstWorker);
    await expect(page.getByRole('searchbox', { name: 'Search' })).toBeVisible();
  });
});

test('a tab left on the old version after another tab took the update is asked to reload', async ({
  page,
  context,
}) => {
  await page.goto('/');
  await waitForServiceWorker(page);
  const other = await context.newPage();
  await other.goto('/#/downloads');
  await waitForServiceWorker(other);

  await withNewBuild(page, async (toast) => {
    await expect(other.getByRole('status').filter({ hasText: 'Update available' })).toBeVisible();

    await Promise.all([page.waitForEvent('load'), toast.getByRole('button', { name: 'Reload' }).click()]);
    const asked = other.getByRole('status').filter({ hasText: 'Half Tunes was updated in another tab' });
    await expect(asked).toBeVisible();
    await Promise.all([other.waitForEvent('load'), asked.getByRole('button', { name: 'Reload' }).click()]);
    await expect(other.getByRole('heading', { name: 'Downloads' })).toBeVisible();
  });
});
