import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { APP_URL, CHROMIUM_ARGS, CHROMIUM_PATH } from './browser.ts';
import { collectErrors, expect, test, waitForServiceWorker } from './fixtures.ts';
import { SONGS, downloadSong } from './downloads-helpers.ts';

test('after the first finished song the app asks for persistent storage and says whether it was granted', async ({
  consoleErrors,
}) => {
  // An ordinary context is incognito, where the browser never grants persistence: a real profile.
  const profile = mkdtempSync(join(tmpdir(), 'half-tunes-persist-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    baseURL: APP_URL,
  });
  await collectErrors(context, consoleErrors);
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto('/#/downloads');
    // Controlled before the next navigation: a page that loads while the new worker claims its
    // clients can miss both the claim and the navigation's controller, and stays uncontrolled.
    await waitForServiceWorker(page);
    await expect(page.getByText('No downloads yet.')).toBeVisible();
    await expect(page.getByText(/^Persistent storage is off:/)).toBeVisible();
    // Nothing to keep yet: not asked.
    expect(await page.evaluate(() => localStorage.getItem('half-tunes:persist-asked'))).toBeNull();

    await downloadSong(page, 'love', SONGS.harbour[1]);
    await page.getByRole('link', { name: 'Downloads' }).click();
    // Asked once the first song finished; this browser, with no history of the site, said no.
    await expect.poll(() => page.evaluate(() => localStorage.getItem('half-tunes:persist-asked'))).not.toBeNull();
    await expect(page.getByText(/^Persistent storage is off:/)).toBeVisible();

    // The browser's own decision (engagement, installation, bookmarks) made for the test: now it says yes.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Browser.grantPermissions', { permissions: ['durableStorage'], origin: APP_URL });
    await page.reload();
    await expect(page.getByText(/^Persistent storage is on:/)).toBeVisible();
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
