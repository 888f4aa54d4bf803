import { expectText, expectVisible } from './app-page.ts';
import { CATALOG_URL } from './browser.ts';
import { EVERY_BROWSER, expect, search, test, waitForServiceWorker } from './fixtures.ts';

test(
  'after one visit the app opens offline and says search needs a connection',
  EVERY_BROWSER,
  async ({ app, setOffline, consoleErrors }) => {
    await app.goto('/');
    await waitForServiceWorker(app);
    await expectVisible(app.getByRole('status').filter({ hasText: 'Ready to work offline' }));

    await setOffline(true);
    // The network is really gone, not only said to be: the page reaches no server (the app's included).
    const reach = (url: string) =>
      app.evaluate(
        (target) =>
          fetch(target, { cache: 'no-store' }).then(
            () => 'reached',
            () => 'unreachable',
          ),
        url,
      );
    expect(await reach(`${CATALOG_URL}/previews/90010101.wav`)).toBe('unreachable');
    // Chromium and Firefox log that failed request; it is the one expected.
    consoleErrors.splice(0, Infinity, ...consoleErrors.filter((error) => !error.includes('/previews/90010101.wav')));
    await app.reload();
    await expectVisible(app.getByRole('heading', { name: 'Half Tunes' }));
    // Offline the app opens on the library; search is one link away and says what it needs.
    await expectVisible(app.getByRole('heading', { name: 'Downloads' }));
    await app.getByRole('link', { name: 'Search' }).click();
    await expectVisible(app.getByRole('status').filter({ hasText: 'Search needs a connection' }));
    await search(app, 'love');
    await expectText(app.getByRole('alert'), /Search needs a connection/);

    // The network comes back: the search runs again by itself.
    await setOffline(false);
    await expectVisible(app.getByRole('status').filter({ hasText: 'songs found for “love”' }));
  },
);

test(
  'a search that fails just after the network returns is tried again by itself',
  EVERY_BROWSER,
  async ({ app, setOffline, catalog }) => {
    await app.goto('/');
    await waitForServiceWorker(app);
    await setOffline(true);
    await search(app, 'love');
    await expectText(app.getByRole('alert'), /Search needs a connection/);

    // The browser says online before the catalog can be reached, as a phone joining Wi-Fi does.
    await catalog.setFaults({ search: { status: 503 } });
    await setOffline(false);
    await expect.poll(async () => (await catalog.requests()).some((request) => request.status === 503)).toBe(true);
    await expectText(app.getByRole('alert'), /catalog/i);
    await catalog.setFaults({});
    await expectVisible(app.getByRole('status').filter({ hasText: 'songs found for “love”' }));
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
