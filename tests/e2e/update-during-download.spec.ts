import { withNewBuild } from './deploy.ts';
import { expect, test } from './fixtures.ts';
import {
  SONGS,
  downloadUntil,
  expectNothingLeftOver,
  openRow,
  serverSha256,
  storedSha256,
} from './downloads-helpers.ts';

const [HARBOUR_ID, HARBOUR] = SONGS.harbour;

/** What the second build adds: it answers "which build?", so the test can tell which worker is active. */
const SECOND_BUILD = `
self.addEventListener('message', (event) => {
  if (event.data === 'which-build?') event.ports[0]?.postMessage('second');
});`;

for (const { engine, path } of [
  { engine: 'Background Fetch', path: '/?engine=background-fetch' },
  { engine: 'Range-chunk', path: '/?engine=range' },
]) {
  test(`an update accepted while a download runs (${engine}) ends with the song complete and the new version active`, async ({
    page,
    catalog,
  }) => {
    await catalog.setFaults({ previews: { bytesPerSecond: 80_000 } });
    const row = await openRow(page, 'love', HARBOUR, path);
    await downloadUntil(row, 5);

    await withNewBuild(
      page,
      async (toast) => {
        await Promise.all([page.waitForEvent('load'), toast.getByRole('button', { name: 'Reload' }).click()]);

        // The new version took over at once, without waiting for the download to end, and continues it.
        await page.goto(`${path}#/downloads`);
        await expect(page.getByRole('list', { name: 'Downloads in progress' })).toContainText(HARBOUR);
        const song = page
          .getByRole('list', { name: 'Downloaded songs' })
          .getByRole('listitem')
          .filter({ hasText: HARBOUR });
        await expect(song).toBeVisible({ timeout: 30_000 });
        expect(await storedSha256(page, HARBOUR_ID)).toBe(await serverSha256(HARBOUR_ID));
        const build = await page.evaluate(
          () =>
            new Promise<string>((resolve) => {
              const channel = new MessageChannel();
              channel.port1.onmessage = (event) => resolve(String(event.data));
              navigator.serviceWorker.controller?.postMessage('which-build?', [channel.port2]);
            }),
        );
        expect(build).toBe('second');
        expect(await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.waiting)).toBe(
          false,
        );
        await expectNothingLeftOver(page);
      },
      SECOND_BUILD,
    );
  });
}
