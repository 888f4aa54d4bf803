import { expect, test } from './fixtures.ts';
import { SONGS, expectNothingLeftOver, openRow, playerOf } from './downloads-helpers.ts';

const [, HARBOUR] = SONGS.harbour;

for (const { engine, path } of [
  { engine: 'Background Fetch', path: '/?engine=background-fetch' },
  { engine: 'Range-chunk', path: '/?engine=range' },
]) {
  test(`${engine}: a preview host without CORS headers still downloads, and the row says it has no progress`, async ({
    page,
    catalog,
  }) => {
    await catalog.setFaults({ previews: { noCors: true, bytesPerSecond: 200_000 } });
    const row = await openRow(page, 'love', HARBOUR, path);
    await row.getByRole('button', { name: 'Download', exact: true }).click();
    await expect(row.getByText('size unknown: this host allows no progress or resume')).toBeVisible();
    await expect(row.getByRole('button', { name: 'Pause' })).toHaveCount(0);
    await expect(row.getByRole('button', { name: 'Play', exact: true })).toBeVisible({ timeout: 30_000 });

    await row.getByRole('button', { name: 'Play', exact: true }).click();
    await expect.poll(playerOf(page).elapsed).toBeGreaterThan(0.2);
    await expectNothingLeftOver(page);
  });
}
