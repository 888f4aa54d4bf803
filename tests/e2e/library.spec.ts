import AxeBuilder from '@axe-core/playwright';
import { expectDescription, expectFocused, expectGone, expectText, expectVisible, urlOf } from './app-page.ts';
import { EVERY_BROWSER, PRIVATE_WINDOW, expect, search, test } from './fixtures.ts';
import {
  NOTHING_STORED,
  SONGS,
  downloadSong,
  playerOf,
  serverSha256,
  storedSha256,
  storedState,
} from './downloads-helpers.ts';
import { DB_NAME } from '../../src/shared/schema.ts';

const [HARBOUR_ID, HARBOUR] = SONGS.harbour;
const [, SALTWATER] = SONGS.saltwater;

test.describe('the Downloads view and the player', () => {
  test('a downloaded song is listed with its artwork and plays from storage, with no request to the catalog', async ({
    page,
    catalog,
  }) => {
    await downloadSong(page, 'love', HARBOUR);
    await page.getByRole('link', { name: 'Downloads' }).click();
    await expect(page).toHaveURL(/#\/downloads$/);
    const library = page.getByRole('list', { name: 'Downloaded songs' });
    const row = library.getByRole('listitem').filter({ hasText: HARBOUR });
    await expect(row).toContainText('The Paper Lanterns');
    await expect(row).toContainText('Downloaded · 960 kB');
    await expect(row).toContainText(/\d:\d\d/);
    // The artwork is the one stored with the song, served by the worker.
    const artwork = row.locator('img');
    await expect(artwork).toHaveAttribute('src', `/offline-artwork/${HARBOUR_ID}`);
    // Kept at 512 px, sharp on a lock screen, though search showed the 100 px thumbnail.
    await expect.poll(() => artwork.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(512);
    expect(
      await page.evaluate(
        async (id) => (await fetch(`/offline-artwork/${id}`)).headers.get('Content-Type'),
        HARBOUR_ID,
      ),
    ).toBe('image/png');
    await expect(page.getByText(/^Storage: .+ used, .+ available$/)).toBeVisible();
    await expect(page.getByText(/^Persistent storage is (on|off):/)).toBeVisible();

    const previewsBefore = (await catalog.requests()).filter((r) => r.path.startsWith('/previews/')).length;
    const ranges: number[] = [];
    page.on('response', (response) => {
      if (response.url().endsWith(`/offline-audio/${HARBOUR_ID}`) && response.fromServiceWorker()) {
        ranges.push(response.status());
      }
    });
    await row.getByRole('button', { name: 'Play', exact: true }).click();
    const player = playerOf(page);
    await expect(player.bar).toContainText(HARBOUR);
    await expect(player.bar.getByRole('button', { name: 'Pause' })).toBeVisible();
    await expect.poll(player.elapsed).toBeGreaterThan(0.5);
    await expect(player.slider).toHaveAttribute('aria-valuetext', /^0:0\d of 0:30$/);
    expect(await page.evaluate(() => navigator.mediaSession.metadata?.title)).toBe(HARBOUR);
    expect(await page.evaluate(() => navigator.mediaSession.metadata?.artist)).toBe('The Paper Lanterns');
    expect(await page.evaluate(() => navigator.mediaSession.metadata?.artwork[0])).toMatchObject({
      src: expect.stringMatching(new RegExp(`/offline-artwork/${HARBOUR_ID}$`)),
      sizes: '512x512',
    });

    // Seeking to the middle: the worker answers the range the element asks for.
    await player.slider.fill('15');
    await expect.poll(player.elapsed).toBeGreaterThan(15);
    expect(ranges.length).toBeGreaterThan(0);
    expect(ranges.every((status) => status === 206)).toBe(true);
    const previewsAfter = (await catalog.requests()).filter((r) => r.path.startsWith('/previews/')).length;
    expect(previewsAfter).toBe(previewsBefore);

    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations).toEqual([]);
  });

  test('the lock screen gets previous and next, never ±10 s, and a scrubber that follows the song', async ({
    page,
  }) => {
    // What the page asks of the Media Session, recorded before any of its scripts run.
    await page.addInitScript(() => {
      const seen = { actions: {} as Record<string, boolean>, positions: [] as { duration?: number }[] };
      Object.assign(window, { mediaSessionSeen: seen });
      const setAction = MediaSession.prototype.setActionHandler;
      MediaSession.prototype.setActionHandler = function (action, handler) {
        seen.actions[action] = handler !== null;
        return setAction.call(this, action, handler);
      };
      const setPosition = MediaSession.prototype.setPositionState;
      MediaSession.prototype.setPositionState = function (state) {
        if (state) seen.positions.push({ duration: state.duration });
        return setPosition.call(this, state);
      };
    });
    await downloadSong(page, 'love', HARBOUR);
    await page.getByRole('link', { name: 'Downloads' }).click();
    const row = page.getByRole('list', { name: 'Downloaded songs' }).getByRole('listitem').filter({ hasText: HARBOUR });
    await row.getByRole('button', { name: 'Play', exact: true }).click();
    const player = playerOf(page);
    await expect.poll(player.elapsed).toBeGreaterThan(0.5);
    await player.slider.fill('15');
    await expect.poll(player.elapsed).toBeGreaterThan(15);

    const seen = await page.evaluate(
      () =>
        (window as unknown as { mediaSessionSeen: { actions: Record<string, boolean>; positions: unknown[] } })
          .mediaSessionSeen,
    );
    const offered = Object.keys(seen.actions).filter((action) => seen.actions[action]);
    expect(offered.sort()).toEqual(['nexttrack', 'pause', 'play', 'previoustrack', 'seekto']);
    expect(seen.actions).toMatchObject({ seekbackward: false, seekforward: false });
    // Told at the start and again after the jump.
    expect(seen.positions.length).toBeGreaterThanOrEqual(2);
    expect(seen.positions.at(-1)).toEqual({ duration: expect.closeTo(30, 0) });
  });

  test('artwork that could not be had at download time is kept later, once it can', async ({ page, catalog }) => {
    await catalog.setFaults({ artwork: { status: 500 } });
    await downloadSong(page, 'love', HARBOUR);
    const artworkType = () =>
      page.evaluate(async (id) => (await fetch(`/offline-artwork/${id}`)).headers.get('Content-Type'), HARBOUR_ID);
    expect(await artworkType()).toBe('image/svg+xml');

    await catalog.setFaults({});
    await expect.poll(artworkType).toBe('image/png');
  });

  test(
    'offline, the app reloads to the library, plays a downloaded song and says search needs a connection',
    EVERY_BROWSER,
    async ({ app, setOffline }) => {
      await downloadSong(app, 'love', HARBOUR);
      await setOffline(true);
      // Opened from the home screen with no network: the library, not a search that cannot work.
      await app.goto('/');
      await expect.poll(() => urlOf(app)).toMatch(/#\/downloads$/);
      await expectVisible(app.getByRole('heading', { name: 'Downloads' }));
      const row = app
        .getByRole('list', { name: 'Downloaded songs' })
        .getByRole('listitem')
        .filter({ hasText: HARBOUR });
      await row.getByRole('button', { name: 'Play', exact: true }).click();
      const player = playerOf(app);
      await expect.poll(player.elapsed).toBeGreaterThan(0.5);
      // Seeking works offline too: a range answered by the worker.
      await player.slider.fill('20');
      await expect.poll(player.elapsed).toBeGreaterThan(20);

      await app.getByRole('link', { name: 'Search' }).click();
      await expectVisible(app.getByRole('status').filter({ hasText: 'Search needs a connection' }));
      await search(app, 'harbour');
      await expectText(app.getByRole('alert'), /Search needs a connection/);
      // No Download button leads nowhere and no spinner spins: the search has ended.
      await expectGone(app.getByRole('status').filter({ hasText: /Searching/ }));

      // The network comes back: the failed search runs again by itself.
      await setOffline(false);
      await expectVisible(app.getByRole('status').filter({ hasText: /found for “harbour”/ }));
    },
  );

  test(
    'in a private window a download completes and plays, and the library says it will be forgotten',
    EVERY_BROWSER,
    async ({ openBrowser }) => {
      // WebKit's private windows (and this lane's in-memory profile) refuse Blobs in IndexedDB.
      const { app } = await openBrowser(PRIVATE_WINDOW);
      await downloadSong(app, 'love', HARBOUR);
      expect(await storedSha256(app, HARBOUR_ID)).toBe(await serverSha256(HARBOUR_ID));
      await app.goto('/#/downloads');
      await expectVisible(
        app.getByText('In a private window, downloads are forgotten when the window is closed.', { exact: true }),
      );
      const row = app
        .getByRole('list', { name: 'Downloaded songs' })
        .getByRole('listitem')
        .filter({ hasText: HARBOUR });
      await row.getByRole('button', { name: 'Play', exact: true }).click();
      await expect.poll(playerOf(app).elapsed).toBeGreaterThan(0.5);
    },
  );

  test('next and previous go through the library; Space and the arrow keys work in the player', async ({ page }) => {
    await downloadSong(page, 'love', HARBOUR);
    const salt = page.getByRole('listitem').filter({ hasText: SALTWATER });
    await salt.getByRole('button', { name: 'Download', exact: true }).click();
    await expect(salt.getByRole('button', { name: 'Play', exact: true })).toBeVisible({ timeout: 30_000 });

    await page.goto('/#/downloads');
    const names = page.getByRole('list', { name: 'Downloaded songs' }).getByRole('listitem');
    // Newest first.
    await expect(names.first()).toContainText(SALTWATER);
    await expect(names.nth(1)).toContainText(HARBOUR);
    await names.first().getByRole('button', { name: 'Play', exact: true }).click();
    const player = playerOf(page);
    await expect(player.bar).toContainText(SALTWATER);
    await player.bar.getByRole('button', { name: 'Next', exact: true }).click();
    await expect(player.bar).toContainText(HARBOUR);
    await expect(player.bar.getByRole('button', { name: 'Next', exact: true })).toBeDisabled();
    await player.bar.getByRole('button', { name: 'Previous' }).click();
    await expect(player.bar).toContainText(SALTWATER);

    await expect.poll(player.elapsed).toBeGreaterThan(0.2);
    await player.slider.focus();
    await page.keyboard.press('Space');
    await expect(player.bar.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
    const paused = await player.elapsed();
    await page.keyboard.press('ArrowRight');
    await expect.poll(player.elapsed).toBeGreaterThanOrEqual(paused + 4.9);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(player.elapsed).toBeLessThan(paused + 0.5);
    await page.keyboard.press('Space');
    await expect(player.bar.getByRole('button', { name: 'Pause' })).toBeVisible();
  });

  test('a song not downloaded streams its preview', async ({ page, catalog }) => {
    await page.goto('/');
    await search(page, 'love');
    const row = page.getByRole('listitem').filter({ hasText: HARBOUR });
    await row.getByRole('button', { name: 'Play preview' }).click();
    const player = playerOf(page);
    await expect(player.bar).toContainText('streaming preview');
    await expect.poll(player.elapsed).toBeGreaterThan(0.5);
    expect((await catalog.requests()).some((r) => r.path === `/previews/${HARBOUR_ID}.wav`)).toBe(true);
    expect((await storedState(page)).downloads).toEqual([]);
  });

  test('a preview the server does not send says so, and the player does not pretend to play', async ({
    page,
    catalog,
    consoleErrors,
  }) => {
    await page.goto('/');
    await search(page, 'love');
    await catalog.setFaults({ previews: { status: 404 } });
    await page.getByRole('listitem').filter({ hasText: HARBOUR }).getByRole('button', { name: 'Play preview' }).click();
    const player = playerOf(page);
    await expect(player.bar.getByRole('alert')).toHaveText(/could not be streamed: the server did not send it/);
    await expect(player.bar.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
    expect(await page.evaluate(() => navigator.mediaSession.playbackState)).not.toBe('playing');
    // The browser itself logs the failed media request; that one is expected here.
    const expected = /previews\/\d+\.wav.*404/;
    consoleErrors.splice(0, consoleErrors.length, ...consoleErrors.filter((error) => !expected.test(error)));
  });

  test('Delete can be undone for a few seconds, then frees the storage', EVERY_BROWSER, async ({ app }) => {
    await downloadSong(app, 'love', HARBOUR);
    await app.goto('/#/downloads');
    const library = app.getByRole('list', { name: 'Downloaded songs' });
    const row = library.getByRole('listitem').filter({ hasText: HARBOUR });
    // The figure the person reads: "Storage: 2.9 MB used, …".
    const storageLine = app.getByText(/^Storage: .+ used/);
    const used = async (): Promise<number> => {
      const [, amount, unit] =
        /^Storage: ([\d.]+) (byte|kB|MB|GB) used/.exec((await storageLine.textContent()) ?? '') ?? [];
      return Number(amount) * { byte: 1, kB: 1e3, MB: 1e6, GB: 1e9 }[unit as 'byte'];
    };
    await expect.poll(used).toBeGreaterThan(900_000);
    const before = await used();

    await row.getByRole('button', { name: 'Delete' }).click();
    await expectGone(row);
    await expectVisible(app.getByRole('status').filter({ hasText: `“${HARBOUR}” deleted.` }));
    const undo = app.getByRole('button', { name: 'Undo', exact: true });
    await expectDescription(undo, `“${HARBOUR}” deleted.`);
    await expectFocused(undo);
    await undo.click();
    await expectVisible(row);
    await expectFocused(app.getByRole('heading', { name: 'Downloads' }));

    await row.getByRole('button', { name: 'Delete' }).click();
    // The undo time stands still while the person is at Undo; it runs once they move on.
    await expectFocused(undo);
    await app.getByRole('heading', { name: 'Downloads' }).focus();
    await expectGone(undo, { timeout: 15_000 });
    await expectVisible(app.getByText('No downloads yet.'));
    await expect.poll(async () => storedState(app)).toEqual(NOTHING_STORED);
    await expect
      .poll(async () =>
        app.evaluate(
          (name: string) =>
            new Promise<number>((resolve) => {
              const open = indexedDB.open(name);
              open.onsuccess = () => {
                const request = open.result.transaction('artwork').objectStore('artwork').count();
                request.onsuccess = () => {
                  open.result.close();
                  resolve(request.result);
                };
              };
            }),
          DB_NAME,
        ),
      )
      .toBe(0);
    await expect.poll(used, { timeout: 20_000 }).toBeLessThan(before - 500_000);
  });
});
