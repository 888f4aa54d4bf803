import { withNewBuild } from './deploy.ts';
import type { Page } from '@playwright/test';
import { expect, test, waitForServiceWorker } from './fixtures.ts';

test('a new version waits until the person accepts "Update available — Reload"', async ({ page }) => {
  await page.goto('/');
  await waitForServiceWorker(page);
  const firstWorker = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);
  // The first install says so once; the person dismisses it.
  const offlineReady = page.getByRole('status').filter({ hasText: 'Ready to work offline' });
  await offlineReady.getByRole('button', { name: 'OK' }).click();
  await expect(offlineReady).toBeHidden();
  const saidOfflineReady = await watchToastFor(page, 'Ready to work offline');

  await withNewBuild(page, async (toast) => {
    // An update is not a first install: the page never says it is newly ready to work offline.
    expect(await saidOfflineReady()).toBe(false);
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

/**
 * Watches the update toast from now on; the function returned says whether it came to say `text`
 * (every change of the toast is seen, however briefly it shows).
 */
async function watchToastFor(page: Page, text: string): Promise<() => Promise<boolean>> {
  await page.evaluate((text) => {
    const toast = document.querySelector('ht-app')?.shadowRoot?.querySelector('ht-update-toast')?.shadowRoot;
    if (!toast) throw new Error('no update toast');
    let before = toast.textContent.includes(text);
    new MutationObserver(() => {
      const now = toast.textContent.includes(text);
      if (now && !before) document.documentElement.dataset.toastSaid = text;
      before = now;
    }).observe(toast, { subtree: true, childList: true, characterData: true });
  }, text);
  return () => page.evaluate((text) => document.documentElement.dataset.toastSaid === text, text);
}
