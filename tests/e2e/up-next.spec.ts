import { expectContainsText, expectCount, expectFocused, expectVisible, type AppPage } from './app-page.ts';
import { SONGS, playerOf } from './downloads-helpers.ts';
import { EVERY_BROWSER, expect, search, test, waitForServiceWorker } from './fixtures.ts';

const [, HARBOUR] = SONGS.harbour;
const [, SALTWATER] = SONGS.saltwater;
const [, LOVESICK] = SONGS.lovesick;

/** The names of the songs in the player's Up Next list, in order. */
async function upNextNames(app: AppPage): Promise<string[]> {
  const items = app.getByRole('list', { name: 'Up Next' }).getByRole('listitem');
  const names: string[] = [];
  for (let index = 0; index < (await items.count()); index++) {
    names.push(((await items.nth(index).textContent()) ?? '').split('·')[0]!.trim());
  }
  return names;
}

/** Asks for `song` to play next, or at the end of Up Next, from its row's Up Next button. */
async function queue(app: AppPage, song: string, action: 'Play next' | 'Add to queue'): Promise<void> {
  const row = app.getByRole('list', { name: 'Search results' }).getByRole('listitem').filter({ hasText: song });
  await row.getByRole('button', { name: 'Up Next', exact: true }).click();
  await row.getByRole('button', { name: action, exact: true }).click();
}

test(
  'Play next and Add to queue line songs up; the keyboard reorders them, one is removed, and Up Next outlives a reload',
  EVERY_BROWSER,
  async ({ app }) => {
    await app.goto('/');
    await waitForServiceWorker(app);
    await search(app, 'love');
    // One of them downloaded: Up Next keeps it, and plays it from storage.
    const saltwater = app
      .getByRole('list', { name: 'Search results' })
      .getByRole('listitem')
      .filter({ hasText: SALTWATER });
    await saltwater.getByRole('button', { name: 'Download', exact: true }).click();
    await expectVisible(saltwater.getByRole('button', { name: 'Play', exact: true }), { timeout: 30_000 });
    await app
      .getByRole('list', { name: 'Search results' })
      .getByRole('listitem')
      .filter({ hasText: HARBOUR })
      .getByRole('button', { name: 'Play preview', exact: true })
      .click();
    const { bar } = playerOf(app);
    await expectVisible(bar);

    await queue(app, SALTWATER, 'Add to queue');
    await expectVisible(app.getByRole('status').filter({ hasText: `“${SALTWATER}” added to Up Next.` }));
    await queue(app, LOVESICK, 'Play next');
    await expectVisible(app.getByRole('status').filter({ hasText: `“${LOVESICK}” plays next.` }));
    await bar.getByRole('button', { name: 'Up Next (2)' }).click();
    expect(await upNextNames(app)).toEqual([LOVESICK, SALTWATER]);

    // By keyboard: the first song moves down, and focus goes with it.
    const first = app.getByRole('list', { name: 'Up Next' }).getByRole('listitem').nth(0);
    await first.getByRole('button', { name: 'Move down' }).focus();
    await first.getByRole('button', { name: 'Move down' }).press('Enter');
    expect(await upNextNames(app)).toEqual([SALTWATER, LOVESICK]);
    await expectFocused(
      app
        .getByRole('list', { name: 'Up Next' })
        .getByRole('listitem')
        .nth(1)
        .getByRole('button', { name: 'Move down' }),
    );
    await app
      .getByRole('list', { name: 'Up Next' })
      .getByRole('listitem')
      .filter({ hasText: LOVESICK })
      .getByRole('button', { name: 'Remove' })
      .click();
    expect(await upNextNames(app)).toEqual([SALTWATER]);

    // A reload keeps the song (paused) and what is to come; Next plays it.
    await app.reload();
    await expectVisible(bar);
    await expectContainsText(bar, HARBOUR);
    await bar.getByRole('button', { name: 'Up Next (1)' }).click();
    expect(await upNextNames(app)).toEqual([SALTWATER]);
    await bar.getByRole('button', { name: 'Next', exact: true }).click();
    await expectContainsText(bar, SALTWATER);
    await expectCount(app.getByRole('list', { name: 'Up Next' }), 0);
    await expectVisible(bar.getByText('Nothing is up next.'));
  },
);

test('a song of Up Next is dragged to another place', async ({ page }) => {
  await page.goto(`/#/album/900101`);
  await waitForServiceWorker(page);
  // A first visit's "Ready to work offline" sits over the player: the person dismisses it.
  await page.getByRole('button', { name: 'OK' }).click();
  const songs = page.getByRole('list', { name: 'Songs of Harbour Lights' });
  await songs.getByRole('listitem').first().getByRole('button', { name: 'Play preview', exact: true }).click();
  await page.getByRole('button', { name: 'Add album to queue' }).click();
  const { bar } = playerOf(page);
  await bar.getByRole('button', { name: /^Up Next/ }).click();
  const items = page.getByRole('list', { name: 'Up Next' }).getByRole('listitem');
  const names = async (): Promise<string[]> =>
    (await items.allTextContents()).map((text) => text.split('·')[0]!.trim());
  const before = await names();
  await items.nth(0).dragTo(items.nth(2));
  await expect.poll(names).toEqual([before[1], before[2], before[0], ...before.slice(3)]);
});
