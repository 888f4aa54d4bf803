import { CATALOG_URL } from './browser.ts';
import { expect, search, test } from './fixtures.ts';

test('markup in a track name renders as text and runs nothing', async ({ page, catalog }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await catalog.addResults([
    {
      wrapperType: 'track',
      kind: 'song',
      trackId: 4242,
      trackName: '<img src=x onerror=alert(1)>',
      artistName: '<script>alert(2)</script>',
      collectionName: '"><svg onload=alert(3)>',
      previewUrl: `${CATALOG_URL}/previews/90010101.wav`,
      artworkUrl100: 'javascript:alert(4)',
      trackTimeMillis: 1000,
    },
  ]);
  await page.goto('/');
  await search(page, 'img');
  const row = page.getByRole('listitem').filter({ hasText: '<img src=x onerror=alert(1)>' });
  await expect(row).toBeVisible();
  await expect(row.getByText('<script>alert(2)</script>', { exact: true })).toBeVisible();
  await expect(row).toContainText('"><svg onload=alert(3)> · Duration 0:01');
  await expect(row.locator('img')).toHaveAttribute('src', '/artwork-placeholder.svg');
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expect(page.locator('svg[onload]')).toHaveCount(0);
  expect(dialogs).toEqual([]);
});
