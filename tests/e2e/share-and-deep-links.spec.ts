import { expectVisible } from './app-page.ts';
import { APP_URL } from './browser.ts';
import { SONGS } from './downloads-helpers.ts';
import { EVERY_BROWSER, expect, test, waitForServiceWorker } from './fixtures.ts';

const [HARBOUR_ID, HARBOUR] = SONGS.harbour;
const HARBOUR_LIGHTS = 900101;

test(
  'a song’s deep link opens it from a cold start, and, once downloaded, offline from storage',
  EVERY_BROWSER,
  async ({ app, setOffline }) => {
    await app.goto(`/#/song/${HARBOUR_ID}`);
    await waitForServiceWorker(app);
    await expectVisible(app.getByRole('heading', { name: HARBOUR }));
    const row = app.getByRole('listitem').filter({ hasText: HARBOUR });
    await row.getByRole('button', { name: 'Download', exact: true }).click();
    await expectVisible(row.getByRole('button', { name: 'Play', exact: true }), { timeout: 30_000 });

    await setOffline(true);
    await app.reload();
    await expectVisible(app.getByRole('heading', { name: HARBOUR }));
    await app
      .getByRole('listitem')
      .filter({ hasText: HARBOUR })
      .getByRole('button', { name: 'Play', exact: true })
      .click();
    await expectVisible(app.getByRole('region', { name: 'Player' }));
    await setOffline(false);
  },
);

test('a song the catalog lacks says so, with a way back', EVERY_BROWSER, async ({ app }) => {
  await app.goto('/#/song/123456789');
  await expectVisible(app.getByRole('alert').filter({ hasText: 'The catalog has no such song.' }));
  await expectVisible(app.getByRole('link', { name: 'Back to search' }));
});

test('an Apple Music link shared to the app opens its album with the song marked; others are said to be neither', async ({
  page,
  catalog,
}) => {
  const manifest = (await (await fetch(`${APP_URL}/manifest.webmanifest`)).json()) as {
    share_target: { action: string; method: string; params: Record<string, string> };
  };
  expect(manifest.share_target).toEqual({
    action: '/',
    method: 'GET',
    params: { title: 'share-title', text: 'share-text', url: 'share-url' },
  });
  // As Android sends it: the link inside the text.
  const shared = `Listen to ${HARBOUR} https://music.apple.com/us/album/harbour-lights/${HARBOUR_LIGHTS}?i=${HARBOUR_ID}`;
  await page.goto(`/?share-title=${encodeURIComponent(HARBOUR)}&share-text=${encodeURIComponent(shared)}`);
  await expect(page.getByRole('heading', { name: 'Harbour Lights' })).toBeVisible();
  expect(new URL(page.url()).search).toBe('');
  expect(new URL(page.url()).hash).toBe(`#/album/${HARBOUR_LIGHTS}/song/${HARBOUR_ID}`);
  const marked = page.getByRole('listitem').filter({ hasText: HARBOUR });
  await expect(marked).toHaveAttribute('aria-current', 'true');
  await expect(page.locator('[aria-current="true"]')).toHaveCount(1);

  // A link from another store than the person's (the US here): the album is asked in that store.
  const japanese = `https://music.apple.com/jp/album/harbour-lights/${HARBOUR_LIGHTS}`;
  await page.goto(`/?share-url=${encodeURIComponent(japanese)}`);
  await expect(page.getByRole('heading', { name: 'Harbour Lights' })).toBeVisible();
  expect(new URL(page.url()).hash).toBe(`#/album/${HARBOUR_LIGHTS}/store/jp`);
  const lookups = (await catalog.requests()).filter((request) => request.path === '/lookup');
  expect(lookups.map((request) => new URLSearchParams(request.query).get('country'))).toContain('JP');

  await page.goto(`/?share-url=${encodeURIComponent('https://music.apple.com/us/artist/the-paper-lanterns/1')}`);
  await expect(page.getByRole('alert')).toContainText('Half Tunes opens links to songs and albums of Apple Music');
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('Share on a song hands the system its title and store page (Web Share, recorded)', async ({ page }) => {
  // The browser's share sheet, recorded: desktop Chromium on Linux has none.
  await page.addInitScript(() => {
    const shared: ShareData[] = [];
    (window as unknown as { shared: ShareData[] }).shared = shared;
    Object.assign(navigator, {
      share: async (data: ShareData) => void shared.push(data),
      canShare: () => true,
    });
  });
  await page.goto(`/#/song/${HARBOUR_ID}`);
  await expect(page.getByRole('heading', { name: HARBOUR })).toBeVisible();
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { shared: ShareData[] }).shared))
    .toEqual([
      {
        title: `${HARBOUR} — The Paper Lanterns`,
        url: `https://music.apple.com/us/album/harbour-lights/${HARBOUR_LIGHTS}?i=${HARBOUR_ID}`,
      },
    ]);
  await expect(page.getByRole('button', { name: 'Copy link' })).toHaveCount(0);
});

test('without Web Share, Copy link puts the album’s store page on the clipboard and says so', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: APP_URL });
  await page.goto(`/#/album/${HARBOUR_LIGHTS}`);
  await expect(page.getByRole('heading', { name: 'Harbour Lights' })).toBeVisible();
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Link copied.' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
    `https://music.apple.com/us/album/harbour-lights/${HARBOUR_LIGHTS}`,
  );
});
