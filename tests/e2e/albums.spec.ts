import { accessibilityViolations, expectFocused, expectText, expectVisible, urlOf, type AppPage } from './app-page.ts';
import { EVERY_BROWSER, expect, search, test, waitForServiceWorker } from './fixtures.ts';
import { playerOf, serverSha256, storedSha256 } from './downloads-helpers.ts';

/** Harbour Lights, an album of the demo catalog, in track order. */
const HARBOUR_LIGHTS = {
  id: 900101,
  songs: ['Love on the Harbour', 'Paper Boats', 'Lighthouse Keeper', 'Saltwater Love', 'Low Tide', 'Anchors'],
  trackIds: [90010101, 90010102, 90010103, 90010104, 90010105, 90010106],
};

const albumSongs = (app: AppPage) => app.getByRole('list', { name: 'Songs of Harbour Lights' });

/** Searches, and follows the first result's album link. */
async function openHarbourLights(app: AppPage): Promise<void> {
  await search(app, 'paper boats');
  await expectVisible(app.getByRole('status').filter({ hasText: 'found for “paper boats”' }));
  await app.getByRole('list', { name: 'Search results' }).getByRole('link', { name: 'Harbour Lights' }).first().click();
  await expectVisible(app.getByRole('heading', { name: 'Harbour Lights' }));
}

test(
  'a result’s album opens with its songs in track order, and "Download album" stores them all with one piece of news',
  EVERY_BROWSER,
  async ({ app }) => {
    await app.goto('/');
    await waitForServiceWorker(app);
    await openHarbourLights(app);
    expect(await urlOf(app)).toMatch(/#\/album\/900101$/);
    // Arriving moves focus to the album's heading, for keyboard and screen-reader users.
    await expectFocused(app.getByRole('heading', { name: 'Harbour Lights' }));
    const rows = albumSongs(app).getByRole('listitem');
    await expect.poll(() => rows.count()).toBe(HARBOUR_LIGHTS.songs.length);
    for (const [index, name] of HARBOUR_LIGHTS.songs.entries()) {
      await expectText(rows.nth(index).getByText(name, { exact: true }), name);
    }
    const store = app.getByRole('link', { name: /^Harbour Lights in Apple Music/ });
    expect(await store.getAttribute('href')).toMatch(/^https:\/\/music\.apple\.com\/us\/album\/harbour-lights\/900101/);
    expect(await store.getAttribute('target')).toBe('_blank');
    expect(await store.getAttribute('rel')).toContain('noopener');
    expect(await accessibilityViolations(app)).toEqual([]);

    await app.getByRole('button', { name: 'Download album' }).click();
    await expectVisible(app.getByRole('button', { name: 'Downloaded' }), { timeout: 60_000 });
    // Without notification permission the news is the page's status line, naming the album.
    await expectVisible(
      app.getByRole('status').filter({ hasText: 'Downloads finished — Harbour Lights: 6 songs ready offline.' }),
    );
    for (const trackId of HARBOUR_LIGHTS.trackIds) {
      expect(await storedSha256(app, trackId)).toBe(await serverSha256(trackId));
    }
    await app.getByRole('link', { name: 'Downloads' }).click();
    await expectVisible(app.getByRole('status').filter({ hasText: /^6 songs,/ }));
  },
);

test('"Download all" starts every song of a search however long its words', EVERY_BROWSER, async ({ app }) => {
  await app.goto('/');
  await waitForServiceWorker(app);
  // 399 characters: the batch's name was once longer than the worker accepts, and nothing started.
  const term = 'harbour lights '.repeat(27).trim();
  await search(app, term);
  await expectVisible(app.getByRole('status').filter({ hasText: /^6 songs found for/ }));
  await app.getByRole('button', { name: 'Download all' }).click();
  await expectVisible(app.getByRole('button', { name: 'Downloaded' }), { timeout: 60_000 });
  for (const trackId of HARBOUR_LIGHTS.trackIds) {
    expect(await storedSha256(app, trackId)).toBe(await serverSha256(trackId));
  }
  // The news names the search, shortened.
  await expectVisible(
    app.getByRole('status').filter({ hasText: /Downloads finished — Songs for “harbour lights .*…: 6 songs/ }),
  );
});

test('an album the catalog does not have says so, with a way back', EVERY_BROWSER, async ({ app }) => {
  await app.goto('/#/album/123456');
  await expectText(app.getByRole('alert'), /The catalog has no such album/);
  await app.getByRole('link', { name: 'Back to search' }).click();
  await expectVisible(app.getByRole('searchbox', { name: 'Search' }));
});

test.describe('batches', () => {
  test.beforeEach(async ({ grantPermissions }) => {
    await grantPermissions(['notifications']);
  });

  test('one notification names the album, and Cancel stops only what the album started', async ({ page, catalog }) => {
    await catalog.setFaults({ previews: { bytesPerSecond: 200_000 } });
    await page.goto(`/#/album/${HARBOUR_LIGHTS.id}`);
    await waitForServiceWorker(page);
    const rows = page.getByRole('list', { name: 'Songs of Harbour Lights' }).getByRole('listitem');
    const paperBoats = rows.filter({ hasText: 'Paper Boats' });
    await paperBoats.getByRole('button', { name: 'Download', exact: true }).click();
    await page.getByRole('button', { name: 'Download album' }).click();
    // The queue is slow here: the album says where it is, and focus moves to its Cancel.
    await expect(page.getByRole('button', { name: /^Downloading [0-5] of 6$/ })).toBeVisible();
    const cancel = page.getByRole('button', { name: 'Cancel downloading Harbour Lights' });
    await expect(cancel).toBeFocused();
    await cancel.click();
    // The song downloaded on its own goes on; the album's own downloads are gone.
    await expect(paperBoats.getByRole('button', { name: 'Play', exact: true })).toBeVisible({ timeout: 30_000 });
    await expect(rows.getByRole('button', { name: 'Download', exact: true })).toHaveCount(5);
    // One song of the album is downloaded now: the batch offers the rest.
    await expect(page.getByRole('button', { name: 'Download the rest' })).toBeFocused();

    await catalog.setFaults({});
    await page.getByRole('button', { name: 'Download the rest' }).click();
    await expect(page.getByRole('button', { name: 'Downloaded' })).toBeVisible({ timeout: 60_000 });
    await expect
      .poll(() =>
        page.evaluate(async () =>
          (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => `${n.title}: ${n.body}`),
        ),
      )
      .toEqual(['Downloads finished: Harbour Lights: 5 songs ready offline.']);
  });

  test('"Download all" downloads every result of a search', async ({ page }) => {
    await page.goto('/');
    await waitForServiceWorker(page);
    await search(page, 'amelie');
    await expect(page.getByRole('status').filter({ hasText: '6 songs found for “amelie”' })).toBeVisible();
    await page.getByRole('button', { name: 'Download all' }).click();
    await expect(page.getByRole('button', { name: 'Downloaded' })).toBeVisible({ timeout: 60_000 });
    const results = page.getByRole('list', { name: 'Search results' });
    await expect(results.getByRole('button', { name: 'Play', exact: true })).toHaveCount(6);
  });
});

test('an album plays in track order, with shuffle and repeat (all, one) kept across a reload', async ({ page }) => {
  // Shuffle's order, made known: every draw of the shuffle is 0.5.
  await page.addInitScript(() => (Math.random = () => 0.5));
  await page.goto(`/?engine=range#/album/${HARBOUR_LIGHTS.id}`);
  await waitForServiceWorker(page);
  await page.getByRole('button', { name: 'Download album' }).click();
  await expect(page.getByRole('button', { name: 'Downloaded' })).toBeVisible({ timeout: 60_000 });
  const rows = page.getByRole('list', { name: 'Songs of Harbour Lights' }).getByRole('listitem');
  await rows.first().getByRole('button', { name: 'Play', exact: true }).click();
  const { bar, slider, elapsed } = playerOf(page);
  const title = bar.getByText(/./).first();
  const next = bar.getByRole('button', { name: 'Next', exact: true });
  await expect(title).toHaveText('Love on the Harbour');

  const shuffle = bar.getByRole('button', { name: 'Shuffle' });
  await shuffle.click();
  await expect(shuffle).toHaveAttribute('aria-pressed', 'true');
  await next.click();
  await expect(title).toHaveText('Paper Boats');
  await next.click();
  // Shuffled: not the album's third song.
  await expect(title).toHaveText('Low Tide');
  await shuffle.click();
  // Shuffle off: on in the album's order from the song playing.
  await next.click();
  await expect(title).toHaveText('Anchors');
  await expect(next).toBeDisabled();

  const repeat = bar.getByRole('button', { name: /^Repeat/ });
  await expect(repeat).toHaveAccessibleName('Repeat off');
  await repeat.click();
  await expect(repeat).toHaveAccessibleName('Repeat all');
  await next.click();
  await expect(title).toHaveText('Love on the Harbour');

  await repeat.click();
  await expect(repeat).toHaveAccessibleName('Repeat one');
  await expect.poll(elapsed).toBeGreaterThan(0.2);
  await slider.fill('29');
  await expect.poll(elapsed).toBeGreaterThanOrEqual(28);
  // The song ends and starts again, where Next would have gone on to Paper Boats.
  await expect.poll(elapsed, { timeout: 15_000 }).toBeLessThan(5);
  await expect(title).toHaveText('Love on the Harbour');
  await expect(bar.getByRole('button', { name: 'Pause' })).toBeVisible();

  await page.reload();
  await page
    .getByRole('list', { name: 'Songs of Harbour Lights' })
    .getByRole('listitem')
    .first()
    .getByRole('button', { name: 'Play', exact: true })
    .click();
  await expect(bar.getByRole('button', { name: 'Repeat one' })).toBeVisible();
  await expect(bar.getByRole('button', { name: 'Shuffle' })).toHaveAttribute('aria-pressed', 'false');
});
