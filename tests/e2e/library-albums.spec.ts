import { accessibilityViolations, expectCount, expectText, expectVisible, type AppPage } from './app-page.ts';
import { playerOf } from './downloads-helpers.ts';
import { EVERY_BROWSER, expect, test, waitForServiceWorker } from './fixtures.ts';

const HARBOUR_LIGHTS = 900101;
const [FIRST, SECOND] = ['Love on the Harbour', 'Paper Boats'];

const albumSongs = (app: AppPage) => app.getByRole('list', { name: 'Songs of Harbour Lights' });

/** Downloads `song` from the album's view and waits until it is stored. */
async function download(app: AppPage, song: string): Promise<void> {
  const row = albumSongs(app).getByRole('listitem').filter({ hasText: song });
  await row.getByRole('button', { name: 'Download', exact: true }).click();
  await expectVisible(row.getByRole('button', { name: 'Play', exact: true }), { timeout: 30_000 });
}

test(
  'the library shows downloaded albums and artists; an album opens from storage with the catalog gone and offline, and plays in track order',
  EVERY_BROWSER,
  async ({ app, catalog, setOffline }) => {
    await app.goto(`/#/album/${HARBOUR_LIGHTS}`);
    await waitForServiceWorker(app);
    await expectVisible(albumSongs(app));
    // The second song first: the library's newest is not the album's first.
    await download(app, SECOND);
    await download(app, FIRST);
    await expectVisible(app.getByText('2 of 6 downloaded', { exact: false }));
    await expectVisible(app.getByRole('button', { name: 'Download the rest' }));

    await app.goto('/#/downloads');
    await app.getByRole('radio', { name: 'Albums' }).click();
    const albums = app.getByRole('list', { name: 'Downloaded albums' });
    await expectVisible(albums.getByRole('link', { name: 'Harbour Lights' }));
    await expectText(albums.getByRole('listitem').first().getByText('2 downloaded', { exact: false }), /2 downloaded/);
    await app.getByRole('radio', { name: 'Artists' }).click();
    await expectVisible(
      app.getByRole('list', { name: 'Albums by The Paper Lanterns' }).getByRole('link', { name: 'Harbour Lights' }),
    );
    expect(await accessibilityViolations(app)).toEqual([]);

    // The catalog is gone and the device offline: the album comes from what is stored.
    await catalog.setFaults({ search: { status: 503 } });
    await setOffline(true);
    await app.reload();
    await app.getByRole('radio', { name: 'Albums' }).click();
    await app.getByRole('list', { name: 'Downloaded albums' }).getByRole('link', { name: 'Harbour Lights' }).click();
    await expectVisible(app.getByRole('heading', { name: 'Harbour Lights' }));
    await expectCount(albumSongs(app).getByRole('listitem'), 2);
    await expectText(albumSongs(app).getByRole('listitem').first().getByText(FIRST), FIRST);
    await app.getByRole('button', { name: 'Play album', exact: true }).click();
    const { bar } = playerOf(app);
    await expectVisible(bar.getByText(FIRST));
    await bar.getByRole('button', { name: 'Next', exact: true }).click();
    await expectVisible(bar.getByText(SECOND));
    await setOffline(false);
    await catalog.setFaults({});
  },
);

test('the album library and the Up Next list are axe-clean in light and dark, on a phone', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(`/#/album/${HARBOUR_LIGHTS}`);
  await waitForServiceWorker(page);
  await expectVisible(albumSongs(page));
  await download(page, FIRST);
  const bothSchemes = async (): Promise<void> => {
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      expect(await accessibilityViolations(page), colorScheme).toEqual([]);
    }
  };

  await page.goto('/#/downloads');
  await page.getByRole('radio', { name: 'Albums' }).click();
  await expectVisible(page.getByRole('list', { name: 'Downloaded albums' }));
  await bothSchemes();
  await page.getByRole('radio', { name: 'Artists' }).click();
  await bothSchemes();

  await page.goto(`/#/album/${HARBOUR_LIGHTS}`);
  await page.getByRole('button', { name: 'Play album', exact: true }).click();
  await page.getByRole('button', { name: 'Add album to queue' }).click();
  const { bar } = playerOf(page);
  await bar.getByRole('button', { name: /^Up Next/ }).click();
  await expectVisible(page.getByRole('list', { name: 'Up Next' }));
  await bothSchemes();
});

test('Delete album deletes its downloaded songs with one Undo, which keeps them all', async ({ page }) => {
  await page.goto(`/#/album/${HARBOUR_LIGHTS}`);
  await waitForServiceWorker(page);
  await download(page, FIRST);
  await download(page, SECOND);
  await page.getByRole('button', { name: 'Delete album' }).click();
  const undo = page.getByRole('button', { name: 'Undo' });
  await expect(undo).toHaveCount(1);
  await expect(undo).toBeFocused();
  await expect(page.getByText('“Harbour Lights” deleted.')).toBeVisible();
  await expect(
    page.getByRole('list', { name: 'Songs of Harbour Lights' }).getByRole('button', { name: 'Download', exact: true }),
  ).toHaveCount(6);
  await undo.click();
  await expect(page.getByText('2 of 6 downloaded', { exact: false })).toBeVisible();
  await expect(
    page.getByRole('list', { name: 'Songs of Harbour Lights' }).getByRole('button', { name: 'Play', exact: true }),
  ).toHaveCount(2);
});

test('the library’s last song scrolls clear of the player bar, Up Next open', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 640 });
  await page.goto(`/#/album/${HARBOUR_LIGHTS}`);
  await waitForServiceWorker(page);
  await download(page, FIRST);
  await download(page, SECOND);
  await page.getByRole('button', { name: 'Play album', exact: true }).click();
  await page.goto('/#/downloads');
  const { bar } = playerOf(page);
  await bar.getByRole('button', { name: /^Up Next/ }).click();
  await expect(page.getByRole('list', { name: 'Up Next' })).toBeVisible();
  await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
  const last = page.getByRole('list', { name: 'Downloaded songs' }).getByRole('listitem').last();
  const [row, player] = [await last.boundingBox(), await page.getByRole('region', { name: 'Player' }).boundingBox()];
  expect(row!.y + row!.height).toBeLessThanOrEqual(player!.y + 1);
});
