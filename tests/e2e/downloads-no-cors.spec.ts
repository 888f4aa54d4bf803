import { CROSS_APP_URL, CROSS_CATALOG_URL } from './browser.ts';
import { expect, test } from './fixtures.ts';
import {
  SONGS,
  downloadUntil,
  expectNothingLeftOver,
  openRow,
  playerOf,
  serverSha256,
  storedSha256,
  storedState,
} from './downloads-helpers.ts';

const [HARBOUR_ID, HARBOUR] = SONGS.harbour;

test.use({ baseURL: CROSS_APP_URL });

test('a preview host on another origin is downloaded in ranges (Range-chunk engine), resumed with If-Range', async ({
  page,
  crossCatalog,
}) => {
  await crossCatalog.setFaults({ previews: { bytesPerSecond: 200_000 } });
  const row = await openRow(page, 'love', HARBOUR);
  await row.getByRole('button', { name: 'Download', exact: true }).click();
  await expect
    .poll(async () => Number(await row.getByRole('progressbar').getAttribute('aria-valuenow')))
    .toBeGreaterThanOrEqual(30);
  await row.getByRole('button', { name: 'Pause' }).click();
  await row.getByRole('button', { name: 'Resume' }).click();
  await expect(row.getByRole('button', { name: 'Play', exact: true })).toBeVisible({ timeout: 30_000 });
  expect(await storedSha256(page, HARBOUR_ID)).toBe(await serverSha256(HARBOUR_ID, CROSS_CATALOG_URL));
  const ranges = (await crossCatalog.requests()).filter((r) => r.path.startsWith('/previews/') && r.range !== null);
  expect(ranges.every((r) => r.status === 206)).toBe(true);
  await expectNothingLeftOver(page);
});

test('a preview host on another origin is downloaded by Background Fetch, paused and resumed', async ({
  page,
  crossCatalog,
}) => {
  await crossCatalog.setFaults({ previews: { bytesPerSecond: 200_000 } });
  const row = await openRow(page, 'love', HARBOUR, '/');
  await downloadUntil(row, 30);
  await row.getByRole('button', { name: 'Pause' }).click();
  await row.getByRole('button', { name: 'Resume' }).click();
  await expect(row.getByRole('button', { name: 'Play', exact: true })).toBeVisible({ timeout: 30_000 });
  expect(await storedSha256(page, HARBOUR_ID)).toBe(await serverSha256(HARBOUR_ID, CROSS_CATALOG_URL));
  expect((await storedState(page)).downloads).toEqual([
    { trackId: HARBOUR_ID, status: 'completed', engine: 'background-fetch' },
  ]);
  await expectNothingLeftOver(page);
});

for (const { engine, path } of [
  { engine: 'Background Fetch', path: '/' },
  { engine: 'Range-chunk', path: '/?engine=range' },
]) {
  test(`${engine}: a preview host without CORS headers still downloads, and the row says it has no progress`, async ({
    page,
    crossCatalog,
  }) => {
    await crossCatalog.setFaults({ previews: { noCors: true, bytesPerSecond: 200_000 } });
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
