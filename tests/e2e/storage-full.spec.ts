import { expect, search, test } from './fixtures.ts';
import {
  SONGS,
  downloadSong,
  expectNothingLeftOver,
  launchWithQuota,
  serverSha256,
  storedSha256,
  storedState,
} from './downloads-helpers.ts';

const [HARBOUR_ID, HARBOUR] = SONGS.harbour;
const BIG = 'Synthetic 64 MiB';
const BIG_ID = 999_064;
/** The quota the browser enforces; `navigator.storage.estimate()` does not show this override. */
const QUOTA = 4 * 1024 * 1024;

for (const { engine, path, stored } of [
  { engine: 'Background Fetch', path: '/?engine=background-fetch', stored: 'background-fetch' },
  { engine: 'Range-chunk', path: '/?engine=range', stored: 'range' },
]) {
  test(`a full disk fails that download with "Not enough storage", deletes its bytes and keeps every other song (${engine})`, async ({
    playwright,
    consoleErrors,
  }) => {
    const { page, close } = await launchWithQuota(playwright, QUOTA, consoleErrors);

    await downloadSong(page, 'love', HARBOUR, path);
    await search(page, 'synthetic');
    const row = page.getByRole('listitem').filter({ hasText: BIG });
    await row.getByRole('button', { name: 'Download', exact: true }).click();

    await expect(row.getByRole('alert')).toHaveText(/Not enough storage/);
    await expect(row.getByRole('button', { name: 'Retry' })).toBeVisible();
    const state = await storedState(page);
    expect(state.downloads).toContainEqual({ trackId: HARBOUR_ID, status: 'completed', engine: stored });
    expect(state.downloads.find((download) => download.trackId === BIG_ID)?.status).toBe('failed');
    // The failed download's partial bytes are gone; the finished song (its chunks are its file) is intact.
    expect(state.chunkOwners.filter((owner) => owner !== HARBOUR_ID)).toEqual([]);
    expect(await storedSha256(page, HARBOUR_ID)).toBe(await serverSha256(HARBOUR_ID));
    await expectNothingLeftOver(page);

    // The way out: the library, where songs can be deleted.
    await row.getByRole('button', { name: 'Free up space' }).click();
    await expect(page).toHaveURL(/#\/downloads$/);
    await expect(page.getByRole('list', { name: 'Downloaded songs' })).toContainText(HARBOUR);
    await close();
  });
}
