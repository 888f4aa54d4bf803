import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, search, test } from './fixtures.ts';
import { SONGS, downloadSong, playerOf, progressOf } from './downloads-helpers.ts';
import { said } from './translations.ts';

/**
 * The README's pictures of the app at phone size. Every test run takes them (the walk is a test too)
 * into the ignored `reports/screenshots/`; `npm run screenshots` takes them into `docs/screenshots/`,
 * the committed ones, so a test run never rewrites a tracked file.
 */
const SCREENSHOTS_DIR =
  process.env.HALF_TUNES_SCREENSHOTS === 'docs' ? '../../docs/screenshots' : '../../reports/screenshots';
const shot = (name: string): string => fileURLToPath(new URL(`${SCREENSHOTS_DIR}/${name}.png`, import.meta.url));

test.use({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });

/** Waits until every image on screen, in every shadow root, has loaded (those below load lazily). */
async function settle(page: Page): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate(() => {
        const images = (root: Document | ShadowRoot): HTMLImageElement[] => [
          ...root.querySelectorAll('img'),
          ...[...root.querySelectorAll('*')].flatMap((element) =>
            element.shadowRoot ? images(element.shadowRoot) : [],
          ),
        ];
        const onScreen = (img: HTMLImageElement): boolean => {
          const box = img.getBoundingClientRect();
          return box.bottom > 0 && box.top < innerHeight;
        };
        return images(document)
          .filter(onScreen)
          .every((img) => img.complete && img.naturalWidth > 0);
      }),
    )
    .toBe(true);
}

test('screenshots of the search, the library, the player, Up Next, the albums and an album downloading at phone size', async ({
  page,
  catalog,
}) => {
  await downloadSong(page, 'love', SONGS.saltwater[1]);
  const harbour = page.getByRole('listitem').filter({ hasText: SONGS.harbour[1] });
  await harbour.getByRole('button', { name: 'Download', exact: true }).click();
  await expect(harbour.getByRole('button', { name: 'Play', exact: true })).toBeVisible({ timeout: 30_000 });
  const ok = page.getByRole('button', { name: 'OK' });
  if (await ok.isVisible()) await ok.click();
  // One artist's songs: the machine that takes the pictures may lack fonts for other scripts.
  await search(page, 'paper lanterns');
  await expect(page.getByRole('status').filter({ hasText: 'found for “paper lanterns”' })).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search' }).blur();
  await settle(page);
  await page.screenshot({ path: shot('search') });

  await page.getByRole('link', { name: 'Downloads' }).click();
  const songs = page.getByRole('list', { name: 'Downloaded songs' }).getByRole('listitem');
  await expect(songs).toHaveCount(2);
  await page.getByRole('heading', { name: 'Downloads' }).blur();
  await settle(page);
  await page.screenshot({ path: shot('library') });

  await songs.first().getByRole('button', { name: 'Play', exact: true }).click();
  const player = playerOf(page);
  await player.bar.getByRole('button', { name: 'Pause' }).click();
  await player.slider.fill('12');
  await expect(player.slider).toHaveAttribute('aria-valuetext', '0:12 of 0:30');
  await player.bar.getByRole('button', { name: 'Shuffle' }).click();
  await player.bar.getByRole('button', { name: 'Repeat off' }).click();
  await expect(player.bar.getByRole('button', { name: 'Repeat all' })).toHaveAttribute('aria-pressed', 'true');
  await player.bar.getByRole('button', { name: 'Repeat all' }).blur();
  await settle(page);
  await page.screenshot({ path: shot('player') });

  // Up Next: the library's other song, after the one playing.
  await player.bar.getByRole('button', { name: /^Up Next/ }).click();
  await expect(page.getByRole('list', { name: 'Up Next' }).getByRole('listitem').first()).toBeVisible();
  await settle(page);
  await page.screenshot({ path: shot('up-next') });
  await player.bar.getByRole('button', { name: /^Up Next/ }).click();

  await page.getByRole('radio', { name: 'Albums' }).click();
  await expect(
    page.getByRole('list', { name: 'Downloaded albums' }).getByRole('link', { name: 'Harbour Lights' }),
  ).toBeVisible();
  await page.getByRole('radio', { name: 'Albums' }).blur();
  // The choices and the albums in sight, above the player bar.
  await page
    .getByRole('group', { name: 'Show' })
    .evaluate((element) => element.scrollIntoView({ block: 'start', behavior: 'instant' }));
  await settle(page);
  await page.screenshot({ path: shot('library-albums') });
  await page.getByRole('radio', { name: 'Songs' }).click();

  // An album halfway: slow previews keep the batch in progress while the picture is taken.
  await catalog.setFaults({ previews: { bytesPerSecond: 100_000 } });
  await page.getByRole('link', { name: 'Harbour Lights', exact: true }).first().click();
  // Two of its songs are downloaded: the batch offers the rest.
  await page.getByRole('button', { name: 'Download the rest' }).click();
  const album = page.getByRole('list', { name: 'Songs of Harbour Lights' }).getByRole('listitem');
  await expect.poll(() => progressOf(album.filter({ hasText: 'Paper Boats' }))).toBeGreaterThan(10);
  await page.getByRole('button', { name: /^Cancel downloading/ }).blur();
  await settle(page);
  await page.screenshot({ path: shot('album') });
});

for (const locale of ['de', 'ar'] as const) {
  test(`a screenshot of the search in ${locale} at phone size`, async ({ page }) => {
    await page.addInitScript((chosen) => localStorage.setItem('half-tunes:language', chosen), locale);
    await page.goto('/');
    // The first visit says it is ready offline: the picture is of the search.
    await page.getByRole('button', { name: said(locale, 'update.offline-ready.ok', 'OK') }).click();
    await search(page, 'paper lanterns', said(locale, 'search.label', 'Search'));
    await expect(
      page.getByRole('list', { name: said(locale, 'search.results.label', 'Search results') }),
    ).toBeVisible();
    await page.getByRole('searchbox').blur();
    await settle(page);
    await page.screenshot({ path: shot(`search-${locale}`) });
  });
}
