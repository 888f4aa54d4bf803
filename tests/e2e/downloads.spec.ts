import { segmentBytes } from '../../src/shared/background-fetch.ts';
import { CHUNK_BYTES, MAX_RUNNING_DOWNLOADS } from '../../src/shared/downloads.ts';
import { expectContainsText, expectGone, expectVisible } from './app-page.ts';
import { CUTS_WORKER_NETWORK, EVERY_BROWSER, expect, search, test, waitForServiceWorker } from './fixtures.ts';
import {
  SONGS,
  expectNothingLeftOver,
  downloadUntil,
  openRow,
  playerOf,
  previewBytesServed,
  previewsIdle,
  progressOf,
  serverSha256,
  storedSha256,
  NOTHING_STORED,
  storedState,
} from './downloads-helpers.ts';
import { PREVIEW_BYTES } from '../../server/audio.ts';

const [HARBOUR_ID, HARBOUR] = SONGS.harbour;
/** Slow enough to pause mid-file (about 5 s for a preview). */
const SLOW = { previews: { bytesPerSecond: 200_000 } };

const ENGINES = [
  // The default where the browser has Background Fetch, as Chromium does. A pause costs at most the
  // two segments in flight: every finished one is kept, though the host is on another origin.
  {
    engine: 'Background Fetch',
    path: '/?engine=background-fetch',
    pauseCost: 2 * segmentBytes(PREVIEW_BYTES),
    stored: 'background-fetch',
  },
  // The only engine where there is no Background Fetch: Firefox, and every browser on an iPhone.
  { engine: 'Range-chunk', path: '/?engine=range', pauseCost: CHUNK_BYTES, stored: 'range', everywhere: true },
];

for (const { engine, path, pauseCost, stored: storedEngine, everywhere } of ENGINES) {
  const lanes = everywhere ? EVERY_BROWSER : {};
  test.describe(`downloads with the ${engine} engine`, () => {
    test.beforeEach(async ({ grantPermissions }) => {
      await grantPermissions(['notifications']);
    });

    test('a download shows its progress and ends with the server’s exact bytes', lanes, async ({ app, catalog }) => {
      await catalog.setFaults(SLOW);
      const row = await openRow(app, 'love', HARBOUR, path);
      await row.getByRole('button', { name: 'Download', exact: true }).click();

      const bar = row.getByRole('progressbar');
      await expectVisible(bar);
      await expectVisible(row.getByText(/^\d+\.\d% of 960 kB$/));
      await expectGone(row.getByRole('button', { name: 'Download', exact: true }));
      await expectVisible(row.getByRole('button', { name: 'Pause' }));
      await expectVisible(row.getByRole('button', { name: 'Cancel' }));

      await expectVisible(row.getByRole('button', { name: 'Play', exact: true }), { timeout: 30_000 });
      await expectVisible(row.getByRole('button', { name: 'Delete' }));
      await expectGone(row.getByRole('button', { name: 'Download', exact: true }));
      expect(await storedSha256(app, HARBOUR_ID)).toBe(await serverSha256(HARBOUR_ID));
      expect((await storedState(app)).downloads).toEqual([
        { trackId: HARBOUR_ID, status: 'completed', engine: storedEngine },
      ]);
      await expectNothingLeftOver(app);
    });

    test(
      'pause stops the bytes; resume completes with the right bytes and a bounded re-fetch',
      lanes,
      async ({ app, catalog }) => {
        await catalog.setFaults(SLOW);
        const row = await openRow(app, 'love', HARBOUR, path);
        await downloadUntil(row, 30);

        await row.getByRole('button', { name: 'Pause' }).click();
        await expectVisible(row.getByRole('button', { name: 'Resume' }));
        await expectVisible(row.getByText(/^Paused — /));
        await expectGone(row.getByRole('button', { name: 'Pause' }));
        // The paused request's connection closes, and no other starts.
        await previewsIdle();
        const pausedAt = await previewBytesServed();
        await new Promise((resolve) => setTimeout(resolve, 1000));
        expect(await previewBytesServed()).toBe(pausedAt);
        expect((await storedState(app)).downloads).toEqual([
          { trackId: HARBOUR_ID, status: 'paused', engine: storedEngine },
        ]);

        await row.getByRole('button', { name: 'Resume' }).click();
        await expectVisible(row.getByRole('button', { name: 'Play', exact: true }), { timeout: 30_000 });
        // What a pause costs: at most what was in flight (a few bytes more for the size probes).
        expect(await previewBytesServed()).toBeLessThanOrEqual(PREVIEW_BYTES + pauseCost + 16);
        expect(await storedSha256(app, HARBOUR_ID)).toBe(await serverSha256(HARBOUR_ID));
        // The engine that began is the one that finished: nothing was handed on and fetched again.
        expect((await storedState(app)).downloads).toEqual([
          { trackId: HARBOUR_ID, status: 'completed', engine: storedEngine },
        ]);
        await expectNothingLeftOver(app);
        // And the resumed song plays from storage.
        await row.getByRole('button', { name: 'Play', exact: true }).click();
        await expect.poll(playerOf(app).elapsed).toBeGreaterThan(0.5);
      },
    );

    test('cancel removes every chunk and record', lanes, async ({ app, catalog }) => {
      await catalog.setFaults(SLOW);
      const row = await openRow(app, 'love', HARBOUR, path);
      await downloadUntil(row, 30);
      await row.getByRole('button', { name: 'Cancel' }).click();
      await expectVisible(row.getByRole('button', { name: 'Download', exact: true }));
      await expectGone(row.getByRole('progressbar'));
      expect(await storedState(app)).toEqual(NOTHING_STORED);
    });

    test('a reload in the middle ends with a complete file', lanes, async ({ app, catalog }) => {
      await catalog.setFaults(SLOW);
      let row = await openRow(app, 'love', HARBOUR, path);
      await downloadUntil(row, 30);

      await app.reload();
      await waitForServiceWorker(app);
      await search(app, 'love');
      row = app.getByRole('listitem').filter({ hasText: HARBOUR });
      await expectVisible(row.getByRole('button', { name: 'Play', exact: true }), { timeout: 30_000 });
      expect(await storedSha256(app, HARBOUR_ID)).toBe(await serverSha256(HARBOUR_ID));
      await expectNothingLeftOver(app);
    });

    test(
      'a browser closed in the middle and opened again on the same profile ends with a complete file',
      lanes,
      async ({ openBrowser, catalog }, testInfo) => {
        await catalog.setFaults(SLOW);
        const profile = testInfo.outputPath('restarted-profile');
        const before = await openBrowser(profile);
        await downloadUntil(await openRow(before.app, 'love', HARBOUR, path), 30);
        await before.close();

        const { app } = await openBrowser(profile);
        await app.goto(path);
        await waitForServiceWorker(app);
        await search(app, 'love');
        const row = app.getByRole('listitem').filter({ hasText: HARBOUR });
        await expectVisible(row.getByRole('button', { name: 'Play', exact: true }), { timeout: 30_000 });
        // Nothing stored before the restart is fetched again: it costs at most what was in flight.
        expect(await previewBytesServed()).toBeLessThanOrEqual(PREVIEW_BYTES + pauseCost + 16);
        expect(await storedSha256(app, HARBOUR_ID)).toBe(await serverSha256(HARBOUR_ID));
        // Chromium either goes on with a background fetch its restart cut, or ends it with
        // "fetch-error" and the Range-chunk engine goes on from the stored bytes: both end complete.
        const [download] = (await storedState(app)).downloads;
        expect(download).toMatchObject({ trackId: HARBOUR_ID, status: 'completed' });
        expect([storedEngine, 'range']).toContain(download?.engine);
        await expectNothingLeftOver(app);
      },
    );

    test('a worker stopped mid-download picks it up again and completes it', async ({ page, context, catalog }) => {
      await catalog.setFaults(SLOW);
      const row = await openRow(page, 'love', HARBOUR, path);
      await downloadUntil(row, 30);

      const cdp = await context.newCDPSession(page);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await expect(row.getByRole('button', { name: 'Play', exact: true })).toBeVisible({ timeout: 30_000 });
      expect(await storedSha256(page, HARBOUR_ID)).toBe(await serverSha256(HARBOUR_ID));
      await expectNothingLeftOver(page);
    });

    test('three downloads at once end with exactly one "Downloads finished" notification', async ({
      page,
      catalog,
    }) => {
      await catalog.setFaults(SLOW);
      await page.goto(path);
      await waitForServiceWorker(page);
      await search(page, 'love');
      const names = [SONGS.harbour[1], SONGS.saltwater[1], SONGS.lovesick[1]];
      for (const name of names) {
        await page
          .getByRole('listitem')
          .filter({ hasText: name })
          .getByRole('button', { name: 'Download', exact: true })
          .click();
      }
      for (const name of names) {
        await expect(
          page.getByRole('listitem').filter({ hasText: name }).getByRole('button', { name: 'Play', exact: true }),
        ).toBeVisible({ timeout: 30_000 });
      }
      const notifications = await page.evaluate(async () =>
        (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => `${n.title}: ${n.body}`),
      );
      expect(notifications).toEqual(['Downloads finished: 3 previews are ready to play offline.']);
      for (const [id] of [SONGS.harbour, SONGS.saltwater, SONGS.lovesick]) {
        expect(await storedSha256(page, id)).toBe(await serverSha256(id));
      }
      await expectNothingLeftOver(page);
    });

    test('a dropped connection resumes by itself', async ({ page, catalog }) => {
      await catalog.setFaults({ previews: { dropAfterBytes: 100_000, times: 2 } });
      const row = await openRow(page, 'love', HARBOUR, path);
      await row.getByRole('button', { name: 'Download', exact: true }).click();
      await expect(row.getByRole('button', { name: 'Play', exact: true })).toBeVisible({ timeout: 30_000 });
      expect(await storedSha256(page, HARBOUR_ID)).toBe(await serverSha256(HARBOUR_ID));
      await expectNothingLeftOver(page);
    });

    test('a file that changes mid-download starts again and never mixes versions', async ({ page, catalog }) => {
      const firstVersion = await serverSha256(HARBOUR_ID);
      await catalog.setFaults(SLOW);
      const row = await openRow(page, 'love', HARBOUR, path);
      await downloadUntil(row, 30);
      await row.getByRole('button', { name: 'Pause' }).click();
      await expect(row.getByRole('button', { name: 'Resume' })).toBeVisible();

      // The next answer is a new version of the file with a new ETag, which the catalog then keeps serving.
      await catalog.setFaults({ previews: { mutate: true, times: 1 } });
      await row.getByRole('button', { name: 'Resume' }).click();
      await expect(row.getByRole('button', { name: 'Play', exact: true })).toBeVisible({ timeout: 30_000 });
      const stored = await storedSha256(page, HARBOUR_ID);
      expect(stored).not.toBe(firstVersion);
      expect(stored).toBe(await serverSha256(HARBOUR_ID));
      await expectNothingLeftOver(page);
    });

    test('a 404 fails with a clear message and Retry', async ({ page, catalog }) => {
      await catalog.setFaults({ previews: { status: 404, times: 1 } });
      const row = await openRow(page, 'love', HARBOUR, path);
      await row.getByRole('button', { name: 'Download', exact: true }).click();
      await expect(row.getByRole('alert')).toHaveText('Download failed: The preview is no longer on the server (404).');
      await expectNothingLeftOver(page);
      await row.getByRole('button', { name: 'Retry' }).click();
      await expect(row.getByRole('button', { name: 'Play', exact: true })).toBeVisible({ timeout: 30_000 });
      await expect(row.getByRole('alert')).toHaveCount(0);
      expect(await storedSha256(page, HARBOUR_ID)).toBe(await serverSha256(HARBOUR_ID));
    });

    test('a server that ignores Range is downloaded whole', async ({ page, catalog }) => {
      await catalog.setFaults({ previews: { ignoreRange: true } });
      const row = await openRow(page, 'love', HARBOUR, path);
      await row.getByRole('button', { name: 'Download', exact: true }).click();
      await expect(row.getByRole('button', { name: 'Play', exact: true })).toBeVisible({ timeout: 30_000 });
      expect(await storedSha256(page, HARBOUR_ID)).toBe(await serverSha256(HARBOUR_ID));
      await expectNothingLeftOver(page);
    });

    test('two open pages show the same progress, and Pause in one pauses both', async ({ page, context, catalog }) => {
      await catalog.setFaults(SLOW);
      const row = await openRow(page, 'love', HARBOUR, path);
      const other = await context.newPage();
      const otherRow = await openRow(other, 'love', HARBOUR, path);
      await row.getByRole('button', { name: 'Download', exact: true }).click();
      await expect.poll(() => progressOf(otherRow), { timeout: 20_000 }).toBeGreaterThanOrEqual(20);
      await otherRow.getByRole('button', { name: 'Pause' }).click();
      await expect(row.getByRole('button', { name: 'Resume' })).toBeVisible();
      await expect(otherRow.getByRole('button', { name: 'Resume' })).toBeVisible();
      await row.getByRole('button', { name: 'Resume' }).click();
      await expect(otherRow.getByRole('button', { name: 'Play', exact: true })).toBeVisible({ timeout: 30_000 });
      await expectNothingLeftOver(page);
    });
  });
}

test('songs tapped beyond the downloads that run at once say "Queued" at once, and start as places free', async ({
  app,
  catalog,
}) => {
  await catalog.setFaults(SLOW);
  await openRow(app, 'love', HARBOUR, '/?engine=range');
  const songs = app.getByRole('listitem');
  const tapped = MAX_RUNNING_DOWNLOADS + 2;
  for (let index = 0; index < tapped; index++) {
    await songs.nth(index).getByRole('button', { name: 'Download', exact: true }).click();
  }
  for (let index = MAX_RUNNING_DOWNLOADS; index < tapped; index++) {
    await expectVisible(songs.nth(index).getByText('Queued', { exact: true }));
  }
  // Those that finish free their places for the queue, which then downloads too.
  for (let index = MAX_RUNNING_DOWNLOADS; index < tapped; index++) {
    await expectVisible(songs.nth(index).getByRole('button', { name: 'Play', exact: true }), { timeout: 30_000 });
  }
});

test.describe('Range-chunk downloads and the network', () => {
  // Where there is no Background Sync (WebKit), the page tells the worker it sees the network, and the worker asks again.
  test(
    'a download cut off by going offline says so, and resumes by itself when the network returns',
    CUTS_WORKER_NETWORK,
    async ({ app, setOffline, catalog }) => {
      await catalog.setFaults(SLOW);
      const row = await openRow(app, 'love', HARBOUR, '/?engine=range');
      await downloadUntil(row, 30);

      await setOffline(true);
      await expectContainsText(row.getByRole('alert'), 'The connection was lost.');
      await expectVisible(row.getByRole('button', { name: 'Retry' }));

      // No click needed.
      await setOffline(false);
      await expectVisible(row.getByRole('button', { name: 'Play', exact: true }), { timeout: 30_000 });
      expect(await storedSha256(app, HARBOUR_ID)).toBe(await serverSha256(HARBOUR_ID));
      await expectNothingLeftOver(app);
    },
  );
});

test('without notification permission, the page says "Downloads finished" in a status line', async ({ page }) => {
  const row = await openRow(page, 'love', HARBOUR, '/?engine=range');
  await row.getByRole('button', { name: 'Download', exact: true }).click();
  await expect(row.getByRole('button', { name: 'Play', exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(
    page.getByRole('status').filter({ hasText: 'Downloads finished — 1 preview is ready to play offline.' }),
  ).toBeVisible();
  expect(await page.evaluate(async () => (await (await navigator.serviceWorker.ready).getNotifications()).length)).toBe(
    0,
  );
  await expectNothingLeftOver(page);
});

test('background downloads are on by default, and turned off stay off; on screen the worker streams', async ({
  page,
}) => {
  await page.goto('/#/settings');
  // Let the first worker install and claim the page, so the next navigation is controlled.
  await waitForServiceWorker(page);
  const background = page.getByRole('checkbox', { name: 'Download in the background, even when Half Tunes is closed' });
  await expect(background).toBeChecked();
  await background.uncheck();
  const row = await openRow(page, 'love', HARBOUR, '/');
  await row.getByRole('button', { name: 'Download', exact: true }).click();
  await expect(row.getByRole('button', { name: 'Play', exact: true })).toBeVisible({ timeout: 30_000 });
  expect((await storedState(page)).downloads).toEqual([{ trackId: HARBOUR_ID, status: 'completed', engine: 'range' }]);
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(background).not.toBeChecked();
  await expectNothingLeftOver(page);
});
