import { LANGUAGES, type Language } from '../../src/i18n/locales.ts';
import { accessibilityViolations, expectVisible, type AppPage } from './app-page.ts';
import { SONGS } from './downloads-helpers.ts';
import { EVERY_BROWSER, expect, search, test, waitForServiceWorker } from './fixtures.ts';
import { said } from './translations.ts';

/**
 * Each language the app speaks, walked as its speaker would: found by the words they see, the
 * document in their language and direction, every view axe-clean.
 */

const [, HARBOUR] = SONGS.harbour;

/** The person chooses `locale` in Settings; the app speaks it at once, without a reload. */
async function chooseInSettings(app: AppPage, locale: Language): Promise<void> {
  await app.goto('/#/settings');
  await waitForServiceWorker(app);
  await app.getByRole('combobox', { name: 'Language' }).selectOption(locale);
  await expectVisible(app.getByRole('heading', { name: said(locale, 'settings.heading', 'Settings') }));
  expect(await app.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([
    locale,
    LANGUAGES.find((language) => language.locale === locale)!.dir,
  ]);
}

/** Searches in `locale`'s words and returns the row of the Harbour song. */
async function harbourRow(app: AppPage, locale: Language) {
  await app.goto('/?engine=range');
  await waitForServiceWorker(app);
  await search(app, 'love', said(locale, 'search.label', 'Search'));
  const row = app
    .getByRole('list', { name: said(locale, 'search.results.label', 'Search results') })
    .getByRole('listitem')
    .filter({ hasText: HARBOUR });
  await expectVisible(row);
  return row;
}

for (const { locale } of LANGUAGES.filter((language) => language.locale !== 'en')) {
  test(`in ${locale}: search, download, play and Settings speak it, axe-clean`, async ({ page }) => {
    await chooseInSettings(page, locale);
    expect(await accessibilityViolations(page)).toEqual([]);
    const row = await harbourRow(page, locale);
    expect(await accessibilityViolations(page)).toEqual([]);
    await row.getByRole('button', { name: said(locale, 'row.action.download', 'Download'), exact: true }).click();
    const play = row.getByRole('button', { name: said(locale, 'row.action.play', 'Play'), exact: true });
    await expectVisible(play, { timeout: 30_000 });
    await play.click();
    await expectVisible(page.getByRole('region', { name: said(locale, 'player.label', 'Player') }));
    expect(await accessibilityViolations(page)).toEqual([]);
  });
}

test(
  'in Arabic the row is mirrored: its buttons at the inline end, left of the song, whose Latin name reads as it is',
  EVERY_BROWSER,
  async ({ app }) => {
    await chooseInSettings(app, 'ar');
    const row = await harbourRow(app, 'ar');
    await expectVisible(row.getByRole('button', { name: said('ar', 'row.action.download', 'Download'), exact: true }));
    const geometry = await app.evaluate((name) => {
      const search = document.querySelector('ht-app')?.shadowRoot?.querySelector('ht-search')?.shadowRoot;
      const root = [...(search?.querySelectorAll('ht-track-row') ?? [])]
        .map((row) => row.shadowRoot!)
        .find((shadow) => shadow.querySelector('.name')?.textContent?.includes(name));
      const box = (selector: string) => root!.querySelector(selector)!.getBoundingClientRect();
      return { row: box('.name').right, name: box('.name bdi'), actions: box('.actions') };
    }, HARBOUR);
    // Right to left: the buttons at the inline end (the left), wholly left of the song's name...
    expect(geometry.actions.right).toBeLessThanOrEqual(geometry.name.left);
    // ...whose Latin text still reads left to right, from the start of its own line at the right.
    expect(geometry.name.right).toBeCloseTo(geometry.row, 0);
    expect(await accessibilityViolations(app)).toEqual([]);
  },
);

test('the worker says "Downloads finished" in German when the page chose German', async ({ page, context }) => {
  await context.grantPermissions(['notifications']);
  await chooseInSettings(page, 'de');
  const row = await harbourRow(page, 'de');
  await row.getByRole('button', { name: said('de', 'row.action.download', 'Download'), exact: true }).click();
  await expect
    .poll(() =>
      page.evaluate(async () =>
        (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => `${n.title}: ${n.body}`),
      ),
    )
    .toEqual([
      `${said('de', 'finished.title', 'Downloads finished')}: ${said('de', 'finished.one', '1 preview is ready to play offline.', ['1'])}`,
    ]);
});
