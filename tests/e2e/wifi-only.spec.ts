import type { Page } from '@playwright/test';
import { EVERY_BROWSER, FAKES_BROWSER_API, expect, test, waitForServiceWorker } from './fixtures.ts';
import { expectGone, expectVisible } from './app-page.ts';
import {
  SONGS,
  expectNothingLeftOver,
  openRow,
  previewBytesServed,
  previewsIdle,
  progressOf,
  serverSha256,
  storedSha256,
  storedState,
} from './downloads-helpers.ts';
import { segmentBytes } from '../../src/shared/background-fetch.ts';
import { CHUNK_BYTES } from '../../src/shared/downloads.ts';
import { PREVIEW_BYTES } from '../../server/audio.ts';

const [HARBOUR_ID, HARBOUR] = SONGS.harbour;
/** Slow enough to change networks mid-file (about 5 s for a preview). */
const SLOW = { previews: { bytesPerSecond: 200_000 } };

interface FakeConnection {
  type: string;
  saveData: boolean;
}

/**
 * A phone's `navigator.connection`, as Chromium on Android has it (desktop browsers do not tell the
 * type): set before the app loads, and changed with `switchTo`, which fires `change` as a phone does.
 */
async function fakeConnection(
  page: Page,
  start: FakeConnection,
): Promise<(next: Partial<FakeConnection>) => Promise<void>> {
  await page.addInitScript((initial: FakeConnection) => {
    let current = initial;
    const connection = new EventTarget();
    Object.defineProperty(connection, 'type', { get: () => current.type });
    Object.defineProperty(connection, 'saveData', { get: () => current.saveData });
    Object.defineProperty(Navigator.prototype, 'connection', { configurable: true, get: () => connection });
    Object.assign(window, {
      switchConnection(next: Partial<FakeConnection>) {
        current = { ...current, ...next };
        connection.dispatchEvent(new Event('change'));
      },
    });
  }, start);
  return (next) =>
    page.evaluate(
      (change) => (window as unknown as { switchConnection(c: unknown): void }).switchConnection(change),
      next,
    );
}

/** Turns "Download only on Wi-Fi" on in Settings, as a person would. */
async function chooseWifiOnly(page: Page): Promise<void> {
  await page.goto('/#/settings');
  await waitForServiceWorker(page);
  await page.getByRole('checkbox', { name: 'Download only on Wi-Fi' }).check();
  await expect(page.getByRole('status').filter({ hasText: 'Songs now download only on Wi-Fi.' })).toBeVisible();
}

test.describe('"Download only on Wi-Fi"', () => {
  test(
    'on a mobile network a download waits, fetching nothing, and starts by itself on Wi-Fi',
    FAKES_BROWSER_API,
    async ({ page, catalog }) => {
      const switchTo = await fakeConnection(page, { type: 'cellular', saveData: false });
      await chooseWifiOnly(page);
      const row = await openRow(page, 'love', HARBOUR, '/');
      await row.getByRole('button', { name: 'Download', exact: true }).click();
      await expect(row.getByText('Waiting for Wi-Fi', { exact: true })).toBeVisible();
      const notice = page.getByRole('status').filter({ hasText: '1 download waits for Wi-Fi' });
      await expect(notice).toBeVisible();
      await expect(notice.getByRole('link', { name: 'Change this in Settings' })).toHaveAttribute('href', '#/settings');
      // The person can still change their mind while it waits.
      await expect(row.getByRole('button', { name: 'Cancel' })).toBeVisible();
      // The catalog fixture starts each test with no requests counted.
      const previews = (await catalog.requests()).filter((request) => request.path.startsWith('/previews/'));
      expect(previews).toEqual([]);

      await switchTo({ type: 'wifi' });
      await expect(row.getByRole('button', { name: 'Play', exact: true })).toBeVisible({ timeout: 30_000 });
      await expect(notice).toHaveCount(0);
      expect(await storedSha256(page, HARBOUR_ID)).toBe(await serverSha256(HARBOUR_ID));
      await expectNothingLeftOver(page);
    },
  );

  test(
    'a download running when the phone leaves Wi-Fi stops where it is, and Wi-Fi finishes it',
    FAKES_BROWSER_API,
    async ({ page, catalog }) => {
      const switchTo = await fakeConnection(page, { type: 'wifi', saveData: false });
      await chooseWifiOnly(page);
      await catalog.setFaults(SLOW);
      const row = await openRow(page, 'love', HARBOUR, '/');
      await row.getByRole('button', { name: 'Download', exact: true }).click();
      await expect.poll(() => progressOf(row), { timeout: 20_000 }).toBeGreaterThanOrEqual(20);

      await switchTo({ type: 'cellular' });
      await expect(row.getByText(/^Waiting for Wi-Fi — \d+\.\d% of 960 kB$/)).toBeVisible();
      await previewsIdle();
      const stoppedAt = await previewBytesServed();
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(await previewBytesServed()).toBe(stoppedAt);

      await catalog.setFaults({});
      await switchTo({ type: 'wifi' });
      await expect(row.getByRole('button', { name: 'Play', exact: true })).toBeVisible({ timeout: 30_000 });
      // What was stored before the switch was kept: the switch costs what a pause does, at most
      // what was in flight (a few bytes more for the size probes).
      const engine = (await storedState(page)).downloads[0]?.engine;
      const inFlight = engine === 'background-fetch' ? 2 * segmentBytes(PREVIEW_BYTES) : CHUNK_BYTES;
      expect(await previewBytesServed()).toBeLessThanOrEqual(PREVIEW_BYTES + inFlight + 16);
      // Read after the count: the test's own request for the server's bytes counts too.
      expect(await storedSha256(page, HARBOUR_ID)).toBe(await serverSha256(HARBOUR_ID));
      await expectNothingLeftOver(page);
    },
  );

  test(
    'Save-Data on Wi-Fi counts as a metered connection; with the setting off nothing waits',
    FAKES_BROWSER_API,
    async ({ page }) => {
      await fakeConnection(page, { type: 'wifi', saveData: true });
      await chooseWifiOnly(page);
      const row = await openRow(page, 'love', HARBOUR, '/');
      await row.getByRole('button', { name: 'Download', exact: true }).click();
      await expect(row.getByText('Waiting for Wi-Fi', { exact: true })).toBeVisible();

      await page.getByRole('link', { name: 'Settings', exact: true }).click();
      await page.getByRole('checkbox', { name: 'Download only on Wi-Fi' }).uncheck();
      await expect(page.getByRole('status').filter({ hasText: 'Songs now download on any network.' })).toBeVisible();
      await page.getByRole('link', { name: 'Search' }).click();
      await expect(row.getByRole('button', { name: 'Play', exact: true })).toBeVisible({ timeout: 30_000 });
      await expectNothingLeftOver(page);
    },
  );
});

test(
  'where the browser cannot tell Wi-Fi from a mobile network, the setting is not offered',
  EVERY_BROWSER,
  async ({ app }) => {
    // Desktop Chromium, Firefox and Safari do not tell the connection's type.
    await app.goto('/#/settings');
    await waitForServiceWorker(app);
    await expectVisible(app.getByRole('heading', { name: 'Settings' }));
    await expectVisible(app.getByRole('combobox', { name: 'Store country' }));
    await expectGone(app.getByRole('checkbox', { name: 'Download only on Wi-Fi' }));
  },
);
