import { CHUNK_BYTES } from '../../src/shared/downloads.ts';
import { MAX_PIECE_BYTES } from '../../src/sw/download/range/piece-writer.ts';
import { CATALOG_URL } from './browser.ts';
import { expect, test } from './fixtures.ts';
import {
  SONGS,
  downloadSong,
  expectNothingLeftOver,
  launchWithQuota,
  openRow,
  previewBytesServed,
  previewRequests,
  previewsIdle,
  storedState,
} from './downloads-helpers.ts';

const [HARBOUR_ID, HARBOUR] = SONGS.harbour;
const BIG = 'Synthetic 64 MiB';
const MIB = 1024 * 1024;
/** The most an open stream's buffers (kernel and browser) hold on loopback when the reader stops. */
const IN_FLIGHT_BYTES = 16 * MIB;
/** What Chromium stores past a DevTools quota before it refuses a write: two pieces, measured. */
const OVERSHOOT_BYTES = 2 * MAX_PIECE_BYTES;

/** Nothing of a refused download is kept: no chunk, no file. */
async function expectNothingStored(page: Parameters<typeof storedState>[0]): Promise<void> {
  const state = await storedState(page);
  expect(state.chunkOwners).toEqual([]);
  expect(state.audio).toEqual([]);
  await expectNothingLeftOver(page);
}

for (const { engine, path } of [
  { engine: 'Background Fetch', path: '/?engine=background-fetch' },
  { engine: 'Range-chunk', path: '/?engine=range' },
]) {
  test.describe(`a hostile preview host (${engine})`, () => {
    test('a host that resets every connection fails in words with Retry, and is then left alone', async ({
      page,
      catalog,
    }) => {
      await catalog.setFaults({ previews: { dropAfterBytes: 0 } });
      const row = await openRow(page, 'love', HARBOUR, path);
      await row.getByRole('button', { name: 'Download', exact: true }).click();
      // Five tries with waits of 1, 2, 4 and 8 s between them.
      await expect(row.getByRole('alert')).toHaveText(/^Download failed: The preview host can’t be reached/, {
        timeout: 60_000,
      });
      await expect(row.getByRole('button', { name: 'Retry' })).toBeVisible();
      const asked = (await previewRequests()).length;
      // Each try asks once, and once more without CORS whether the host is there at all; on the first,
      // Chromium itself asks again at once for connections it had open (7 requests in 10 ms, measured).
      expect(asked).toBeLessThanOrEqual(20);
      // While the network stays up nothing asks again: longer than any wait of the worker's (8 s),
      // the page's recheck of the network (2 s) and its keep-alive (5 s).
      await page.waitForTimeout(20_000);
      expect((await previewRequests()).length).toBe(asked);
    });

    for (const serveAs of ['html', 'svg']) {
      test(`a "preview" that is ${serveAs} with a script is refused in words, stored nowhere and never runs`, async ({
        page,
        context,
        catalog,
      }) => {
        await catalog.setFaults({ previews: { serveAs } });
        const row = await openRow(page, 'love', HARBOUR, path);
        await row.getByRole('button', { name: 'Download', exact: true }).click();
        await expect(row.getByRole('alert')).toHaveText(/^Download failed: This preview is not audio/);
        await expect(row.getByRole('button', { name: 'Retry' })).toBeVisible();
        await expectNothingStored(page);

        const opened = await context.newPage();
        await opened.goto(`/offline-audio/${HARBOUR_ID}`);
        await expect(opened.getByRole('heading', { name: 'Downloads', level: 2 })).toBeVisible();
        expect(await opened.title()).not.toContain('pwned');
      });
    }

    // The Range-chunk engine asks for the whole rest of the file at once: no 206 can be larger than that.
    if (engine === 'Background Fetch') {
      test('a 206 larger than the range asked is refused before its body is read', async ({ page, catalog }) => {
        await catalog.setFaults({ previews: { rangeEndIgnored: true } });
        const row = await openRow(page, 'synthetic', BIG, path);
        await row.getByRole('button', { name: 'Download', exact: true }).click();
        await expect(row.getByRole('alert')).toHaveText(/^Download failed: The preview host sent a wrong answer/);
        await expectNothingStored(page);
        // Not the 64 MiB it offered: the answer was cancelled at its headers.
        expect(await previewBytesServed()).toBeLessThan(16 * MIB);
      });
    }

    test('a 206 whose body runs past its range is refused', async ({ page, catalog }) => {
      await catalog.setFaults({ previews: { extraBytes: 4096 } });
      const row = await openRow(page, 'love', HARBOUR, path);
      await row.getByRole('button', { name: 'Download', exact: true }).click();
      await expect(row.getByRole('alert')).toHaveText(/^Download failed: The preview host sent a wrong answer/);
      await expect(row.getByRole('button', { name: 'Retry' })).toBeVisible();
      await expectNothingLeftOver(page);
    });

    test('an absurd total fails at once with "Not enough storage" and fetches nothing more', async ({
      page,
      catalog,
    }) => {
      await catalog.setFaults({ previews: { claimTotal: 1e15 } });
      const row = await openRow(page, 'love', HARBOUR, path);
      await row.getByRole('button', { name: 'Download', exact: true }).click();
      await expect(row.getByRole('alert')).toHaveText(/^Download failed: Not enough storage/);
      await expect(row.getByRole('button', { name: 'Free up space' })).toBeVisible();
      await expectNothingStored(page);
      if (engine === 'Background Fetch') expect(await previewBytesServed()).toBeLessThanOrEqual(CHUNK_BYTES);
      // One request for the rest of the file, cancelled at its headers (on loopback the host has
      // pushed its bytes into the socket's buffers by then): nothing more is asked.
      else expect(await previewRequests()).toHaveLength(1);
    });

    test('a body that never ends stops at the storage the browser allows, with "Not enough storage"', async ({
      playwright,
      catalog,
      consoleErrors,
    }) => {
      const quota = 12 * MIB;
      const { page, close } = await launchWithQuota(playwright, quota, consoleErrors);
      await catalog.setFaults({ previews: { endless: true } });
      const row = await openRow(page, 'love', HARBOUR, path);
      await row.getByRole('button', { name: 'Download', exact: true }).click();
      await expect(row.getByRole('alert')).toHaveText(/^Download failed: Not enough storage/);
      await expectNothingStored(page);
      // It stopped where the disk did, and its bytes are gone: the endless answer's connection is closed,
      await previewsIdle();
      // and the host sent little more than the disk took. The answer is one open stream: when the disk
      // refuses a piece, the piece filling behind it and what the host already pushed into the socket's
      // and the browser's buffers are lost too (a phone link holds far less in flight). Chromium also
      // takes writes past a DevTools quota before it refuses one (in 84 runs the host sent 26–56 MiB,
      // median 32). (With a real quota the stream stops at the size `estimate()` allows; this DevTools
      // quota is hidden from it.)
      expect(await previewBytesServed()).toBeLessThanOrEqual(
        quota + OVERSHOOT_BYTES + 2 * MAX_PIECE_BYTES + IN_FLIGHT_BYTES,
      );
      await close();
    });
  });
}

test('stored songs answer only the player: a navigation opens the library, and every answer forbids scripts', async ({
  page,
  context,
}) => {
  await downloadSong(page, 'love', HARBOUR, '/?engine=range');
  const headers = await page.evaluate(async (id) => {
    const response = await fetch(`/offline-audio/${id}`, { headers: { Range: 'bytes=0-99' } });
    return {
      status: response.status,
      nosniff: response.headers.get('X-Content-Type-Options'),
      csp: response.headers.get('Content-Security-Policy'),
      type: response.headers.get('Content-Type'),
    };
  }, HARBOUR_ID);
  expect(headers).toEqual({ status: 206, nosniff: 'nosniff', csp: "sandbox; default-src 'none'", type: 'audio/wav' });

  for (const local of [`/offline-audio/${HARBOUR_ID}`, `/offline-artwork/${HARBOUR_ID}`]) {
    const opened = await context.newPage();
    await opened.goto(local);
    await expect(opened).toHaveURL(/\/#\/downloads$/);
    await expect(opened.getByRole('list', { name: 'Downloaded songs' })).toContainText(HARBOUR);
    await opened.close();
  }
});

test('the demo catalog takes no change from a cross-site text/plain or form POST', async ({
  page,
  catalog,
  consoleErrors,
}) => {
  await page.goto('/');
  await page.evaluate(async (base) => {
    const body = JSON.stringify({ previews: { status: 404 } });
    await fetch(`${base}/__control/faults`, {
      method: 'POST',
      mode: 'no-cors',
      body,
      headers: { 'Content-Type': 'text/plain' },
    });
    const form = new URLSearchParams({ previews: 'x' });
    await fetch(`${base}/__control/reset`, { method: 'POST', mode: 'no-cors', body: form });
  }, CATALOG_URL);
  expect(await catalog.faults()).toEqual({});
  // The browser logs the two refusals (415): what this test expects, not a fault of the app.
  const refusals = consoleErrors.filter((error) => /\/__control\/(faults|reset): .* 415 /.test(error));
  expect(refusals).toHaveLength(2);
  consoleErrors.splice(0, Infinity, ...consoleErrors.filter((error) => !refusals.includes(error)));
});
