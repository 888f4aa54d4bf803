import { expectVisible, type AppPage } from './app-page.ts';
import { EVERY_BROWSER, expect, search, test, waitForServiceWorker, type CatalogControl } from './fixtures.ts';
import { KEPT_FOR_ENTER, SEARCHES_PER_MINUTE } from '../../src/catalog/search-budget.ts';

/** The searches the demo catalog received, JSONP calls and the worker's probes included. */
const searches = async (catalog: CatalogControl) =>
  (await catalog.requests()).filter((request) => request.path === '/search');

/** The status line, once it says `words`. */
const saying = (app: AppPage, words: string | RegExp) => app.getByRole('status').filter({ hasText: words });

/** Searches with Enter and waits for the answer's words. */
async function searchFor(app: AppPage, term: string, found: string | RegExp): Promise<void> {
  await search(app, term);
  await expectVisible(saying(app, found));
}

test.describe('searches within Apple’s limit', () => {
  test(
    'a typed search asks once, and a term searched again within minutes asks nothing',
    EVERY_BROWSER,
    async ({ app, catalog }) => {
      await app.goto('/');
      await app.getByRole('searchbox', { name: 'Search' }).fill('harbour');
      await expectVisible(saying(app, /songs? found for “harbour”/));
      expect(await searches(catalog)).toHaveLength(1);

      await searchFor(app, 'amelie', /6 songs found for “amelie”/);
      await searchFor(app, 'harbour', /songs? found for “harbour”/);
      await expectVisible(app.getByRole('list', { name: 'Search results' }));
      expect(await searches(catalog)).toHaveLength(2);
    },
  );

  test('near the limit, typing waits for Enter, and Enter still searches', EVERY_BROWSER, async ({ app, catalog }) => {
    await app.goto('/');
    // Each a new term, so each is a request: what a minute of eager typing spends.
    for (let i = 1; i <= SEARCHES_PER_MINUTE - KEPT_FOR_ENTER; i++) {
      await searchFor(app, `nothing ${i}`, new RegExp(`No songs found for “nothing ${i}”`));
    }
    expect(await searches(catalog)).toHaveLength(SEARCHES_PER_MINUTE - KEPT_FOR_ENTER);

    const box = app.getByRole('searchbox', { name: 'Search' });
    await box.fill('harbour');
    await expectVisible(saying(app, 'Press Enter to search for “harbour”'));
    expect(await searches(catalog)).toHaveLength(SEARCHES_PER_MINUTE - KEPT_FOR_ENTER);
    await box.press('Enter');
    await expectVisible(saying(app, /songs? found for “harbour”/));
    expect(await searches(catalog)).toHaveLength(SEARCHES_PER_MINUTE - KEPT_FOR_ENTER + 1);
  });
});

test('a catalog without CORS costs its extra requests once per tab, reloads included', async ({ page, catalog }) => {
  await catalog.setFaults({ search: { noCors: true } });
  await page.goto('/');
  await waitForServiceWorker(page);
  await page.reload();
  await searchFor(page, 'harbour', /songs? found for “harbour”/);
  const learnt = (await searches(catalog)).length;
  // The relayed request, the worker's no-cors probe, the request asked again, then the JSONP call.
  expect(learnt).toBe(4);

  await searchFor(page, 'amelie', /6 songs found for “amelie”/);
  await page.reload();
  await searchFor(page, 'love', /songs found for “love”/);
  const calls = await searches(catalog);
  expect(calls).toHaveLength(learnt + 2);
  expect(calls.slice(learnt).every((request) => request.query.includes('callback='))).toBe(true);
});

test(
  'a search whose connection drops once is asked again, and the tab does not switch to JSONP',
  EVERY_BROWSER,
  async ({ app, catalog }) => {
    await app.goto('/');
    await waitForServiceWorker(app);
    await catalog.setFaults({ search: { dropAfterBytes: 0, times: 1 } });
    await searchFor(app, 'harbour', /songs? found for “harbour”/);
    await searchFor(app, 'amelie', /6 songs found for “amelie”/);
    const calls = await searches(catalog);
    // The dropped request, the no-cors probe, the request asked again, then amelie's (Firefox asks a
    // dropped request again by itself, before any probe: 3).
    expect(calls.length).toBeLessThanOrEqual(4);
    expect(calls.some((request) => request.query.includes('callback='))).toBe(false);
  },
);

// Chromium only: Firefox asks a dropped request again by itself, unseen by any script, so neither the
// worker nor the page can count it.
test('the worker’s probe and second ask count against the budget as the page’s own searches do', async ({
  page,
  catalog,
}) => {
  await page.goto('/');
  await waitForServiceWorker(page);
  await catalog.setFaults({ search: { dropAfterBytes: 0, times: 1 } });
  await searchFor(page, 'harbour', /songs? found for “harbour”/);
  // The dropped request, the no-cors probe and the request asked again.
  expect(await searches(catalog)).toHaveLength(3);
  for (let i = 1; i <= SEARCHES_PER_MINUTE - KEPT_FOR_ENTER - 3; i++) {
    await searchFor(page, `nothing ${i}`, new RegExp(`No songs found for “nothing ${i}”`));
  }
  expect(await searches(catalog)).toHaveLength(SEARCHES_PER_MINUTE - KEPT_FOR_ENTER);

  // Typing stops where the catalog's count says, not two searches later.
  await page.getByRole('searchbox', { name: 'Search' }).fill('amelie');
  await expectVisible(saying(page, 'Press Enter to search for “amelie”'));
  expect(await searches(catalog)).toHaveLength(SEARCHES_PER_MINUTE - KEPT_FOR_ENTER);
});
