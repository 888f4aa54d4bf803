import { expectVisible } from './app-page.ts';
import { EVERY_BROWSER, expect, search, test, waitForServiceWorker } from './fixtures.ts';

test(
  'the songs of an album share one artwork request: the worker answers the others from its cache',
  EVERY_BROWSER,
  async ({ app, catalog }) => {
    await app.goto('/');
    await waitForServiceWorker(app);
    await search(app, 'harbour lights');
    await expectVisible(app.getByRole('status').filter({ hasText: /^6 songs found for/ }));
    const artwork = async () =>
      (await catalog.requests()).filter((request) => request.path.startsWith('/artwork/900101/')).length;
    await expect.poll(artwork).toBeGreaterThan(0);
    // Six rows, one request (WebKit asked six times before): concurrent ones for one URL take turns (WebKit's Cache Storage crashes
    // its network process when a body is rewritten while it is read).
    await app.evaluate(() => new Promise((resolve) => setTimeout(resolve, 500)));
    expect(await artwork()).toBe(1);
  },
);
