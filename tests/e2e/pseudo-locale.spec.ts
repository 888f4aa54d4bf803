import type { Page } from '@playwright/test';
import { PSEUDO_LOCALE } from '../../src/i18n/locales.ts';
import { CATALOG_URL } from './browser.ts';
import { withNewBuild } from './deploy.ts';
import { expect, search, test, waitForServiceWorker } from './fixtures.ts';
import { SONGS } from './downloads-helpers.ts';
import { pseudoMessage as pseudo } from '../../scripts/pseudo.ts';

/**
 * The whole app walked in the pseudo-locale (`en-XA`: every message wrapped in ⟦…⟧, accented and
 * longer; scripts/pseudo-locale.ts): in every view and state, a word a person can see or hear that
 * is neither a message nor the catalog's own data is one left in English.
 */

/** What a pseudo-translated message shows: its brackets, or the accents and padding of its text runs. */
const PSEUDO = /[⟦⟧·åƀçðéƒĝĥîĵķļɱñöþŕšţûŵýžÅÇÐÉĜÎĻÑÖŠÛÝŽ]/;
/** Numbers, units, times and punctuation alone, as `Intl` writes them: no words of ours. */
const FIGURES = /^[\d\s.,:;%·•—–\-+()/×]*(?:B|kB|MB|GB|byte|bytes)?[\d\s.,:;%·•—–\-+()/×]*$/;

/** Every text a person meets in `page`: visible text, accessible names and values, in every shadow root. */
async function textsOf(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [document.title];
    const visit = (root: Document | ShadowRoot): void => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.nodeType === Node.TEXT_NODE) {
          const parent = node.parentElement;
          const shown = parent && (parent.tagName === 'OPTION' || parent.checkVisibility({ visibilityProperty: true }));
          if (shown && !['STYLE', 'SCRIPT'].includes(parent.tagName)) found.push(node.textContent ?? '');
          continue;
        }
        const element = node as Element;
        for (const name of [
          'aria-label',
          'aria-valuetext',
          'aria-description',
          'aria-roledescription',
          'title',
          'placeholder',
          'alt',
        ]) {
          const value = element.getAttribute(name);
          if (value) found.push(value);
        }
        if (element.shadowRoot) visit(element.shadowRoot);
      }
    };
    visit(document);
    return found.map((text) => text.trim()).filter((text) => text.length > 0);
  });
}

/**
 * The catalog's own words for `terms` and the albums they find (names, artists, albums, genres),
 * which stay as they come.
 */
async function catalogWords(terms: readonly string[]): Promise<Set<string>> {
  const words = new Set<string>();
  const albums = new Set<number>();
  const read = async (query: string): Promise<void> => {
    const body = (await (await fetch(`${CATALOG_URL}${query}`)).json()) as { results: Record<string, unknown>[] };
    for (const item of body.results) {
      for (const field of ['trackName', 'artistName', 'collectionName', 'primaryGenreName']) {
        if (typeof item[field] === 'string') words.add(item[field]);
      }
      if (typeof item['collectionId'] === 'number') albums.add(item['collectionId']);
    }
  };
  for (const term of terms) await read(`/search?term=${encodeURIComponent(term)}&entity=song`);
  for (const album of [...albums]) await read(`/lookup?id=${album}&entity=song`);
  return words;
}

/** What Intl names itself (countries, languages) in the pseudo-locale: the browser's words, not ours. */
async function intlNames(page: Page): Promise<Set<string>> {
  return new Set(
    await page.evaluate(() => {
      const regions = new Intl.DisplayNames(['en'], { type: 'region' });
      const names: string[] = [];
      for (let first = 65; first <= 90; first++) {
        for (let second = 65; second <= 90; second++) {
          const code = String.fromCharCode(first, second);
          try {
            const name = regions.of(code);
            if (name && name !== code) names.push(name);
          } catch {
            // Not a region.
          }
        }
      }
      return names;
    }),
  );
}

/** Fails on any text of `page` left in English: neither a message, nor the catalog's, nor a figure. */
async function expectNoEnglish(page: Page, where: string, allowed: ReadonlySet<string>): Promise<void> {
  const english = (await textsOf(page)).filter(
    (text) => !PSEUDO.test(text) && !FIGURES.test(text) && !allowed.has(text),
  );
  expect(english, `${where}: words left in English`).toEqual([]);
}

test('every view and state speaks the pseudo-locale: no word is left in English', async ({
  page,
  catalog,
  context,
}) => {
  test.setTimeout(180_000);
  await page.addInitScript((locale) => localStorage.setItem('half-tunes:language', locale), PSEUDO_LOCALE);
  const [, harbour] = SONGS.harbour;
  const allowed = new Set([
    ...(await catalogWords(['love', 'paper boats'])),
    // The person's own words, as the app repeats them.
    'love',
    'paper boats',
    // The languages, each by its own name, and the countries Intl names.
    'English',
    'Deutsch',
    'Français',
    'Español',
    'Português (Brasil)',
    '日本語',
    'العربية',
  ]);
  await page.goto('/');
  await waitForServiceWorker(page);
  for (const name of await intlNames(page)) allowed.add(name);
  // Minutes as Intl writes them (the sleep timer's choices): the browser's words, as country names are.
  for (const minutes of [15, 30, 60]) allowed.add(`${minutes} minutes`);
  await expectNoEnglish(page, 'the search view, empty', allowed);

  // A row downloading, then paused; another failed; a third completed.
  await catalog.setFaults({ previews: { bytesPerSecond: 100_000 } });
  await page.goto('/?engine=range');
  await waitForServiceWorker(page);
  await search(page, 'love', pseudo('Search'));
  const row = page.getByRole('listitem').filter({ hasText: harbour });
  await expect(row).toBeVisible();
  await expectNoEnglish(page, 'search results', allowed);
  await row.getByRole('button', { name: pseudo('Download'), exact: true }).click();
  await expect
    .poll(async () => Number(await row.getByRole('progressbar').getAttribute('aria-valuenow')))
    .toBeGreaterThan(0);
  await expectNoEnglish(page, 'a row downloading', allowed);
  await row.getByRole('button', { name: pseudo('Pause'), exact: true }).click();
  await expect(row.getByRole('button', { name: pseudo('Resume'), exact: true })).toBeVisible();
  await expectNoEnglish(page, 'a row paused', allowed);
  await catalog.setFaults({ previews: { status: 404 } });
  const other = page.getByRole('listitem').filter({ hasText: SONGS.saltwater[1] });
  await other.getByRole('button', { name: pseudo('Download'), exact: true }).click();
  await expect(other.getByRole('alert')).toBeVisible({ timeout: 20_000 });
  await expectNoEnglish(page, 'a row failed', allowed);
  await catalog.setFaults({});
  await row.getByRole('button', { name: pseudo('Resume'), exact: true }).click();
  await expect(row.getByRole('button', { name: pseudo('Play'), exact: true })).toBeVisible({ timeout: 30_000 });
  await expectNoEnglish(page, 'a row completed', allowed);

  // The album, the library with the player, Settings and its confirmation.
  await search(page, 'paper boats', pseudo('Search'));
  await page.getByRole('link', { name: 'Harbour Lights', exact: true }).first().click();
  await expect(page.getByRole('heading', { name: 'Harbour Lights' })).toBeVisible();
  await expectNoEnglish(page, 'the album', allowed);
  await page.goto('/#/downloads');
  await page
    .getByRole('listitem')
    .filter({ hasText: harbour })
    .getByRole('button', { name: pseudo('Play') })
    .click();
  await expect(page.getByRole('region', { name: pseudo('Player') })).toBeVisible();
  await expectNoEnglish(page, 'the library and the player', allowed);
  await page.goto('/#/settings');
  await expect(page.getByRole('heading', { name: pseudo('Settings') })).toBeVisible();
  await expectNoEnglish(page, 'Settings', allowed);
  await page.getByRole('button', { name: pseudo('Delete all downloads') }).click();
  await expect(page.getByRole('button', { name: pseudo('Keep them') })).toBeFocused();
  await expectNoEnglish(page, 'Settings, asking before Delete all', allowed);

  // The update toast, and the offline line.
  await page.goto('/');
  await waitForServiceWorker(page);
  // The toast by its own words: every status of the page is in the pseudo-locale (the search's too).
  await withNewBuild(
    page,
    async () => expectNoEnglish(page, 'the update toast', allowed),
    undefined,
    pseudo('Update available'),
  );
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: '⟦' }).first()).toBeVisible();
  await expectNoEnglish(page, 'offline', allowed);
  await context.setOffline(false);
});
