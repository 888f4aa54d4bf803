import { createHash } from 'node:crypto';
import type { ServedRequest } from '../../server/catalog-server.ts';
import type { BrowserType, Locator, Page } from '@playwright/test';
import { expectVisible, type AppPage, type Seen } from './app-page.ts';
import { APP_URL, CATALOG_URL, CHROMIUM_ARGS, CHROMIUM_PATH } from './browser.ts';
import { collectErrors, expect, search, waitForServiceWorker } from './fixtures.ts';
import { DB_NAME } from '../../src/shared/schema.ts';

/** Demo songs the download tests use: `[trackId, name]`. */
export const SONGS = {
  harbour: [90010101, 'Love on the Harbour'],
  saltwater: [90010104, 'Saltwater Love'],
  lovesick: [90010203, 'Lovesick in December'],
} as const;

export const sha256 = (bytes: ArrayBuffer | Buffer): string =>
  createHash('sha256')
    .update(Buffer.from(bytes as ArrayBuffer))
    .digest('hex');

/** SHA-256 of a preview as the demo catalog serves it. */
export async function serverSha256(trackId: number, catalogUrl = CATALOG_URL): Promise<string> {
  return sha256(await (await fetch(`${catalogUrl}/previews/${trackId}.wav`)).arrayBuffer());
}

/** SHA-256 of what the app stored, read back through the worker's offline URL. */
export async function storedSha256(page: AppPage, trackId: number): Promise<string> {
  const hex = await page.evaluate(async (id) => {
    const bytes = await (await fetch(`/offline-audio/${id}`)).arrayBuffer();
    const digest = await crypto.subtle.digest('SHA-256', bytes);
    return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
  }, trackId);
  return hex;
}

/** Opens the app (Range-chunk engine forced), searches and returns the row of `name`. */
/** What the helpers below find: a Locator on a Playwright page (for its own matchers), else a Seen. */
type Found<P extends AppPage> = P extends Page ? Locator : Seen;

export async function openRow<P extends AppPage>(
  page: P,
  term: string,
  name: string,
  path = '/?engine=range',
): Promise<Found<P>> {
  await page.goto(path);
  await waitForServiceWorker(page);
  await search(page, term);
  const row = page.getByRole('listitem').filter({ hasText: name });
  await expectVisible(row);
  return row as Found<P>;
}

/** Clicks the row's Download and waits until it is at least `percent` done. */
export async function downloadUntil(row: Seen, percent: number): Promise<void> {
  await row.getByRole('button', { name: 'Download', exact: true }).click();
  await expect.poll(() => progressOf(row), { timeout: 20_000 }).toBeGreaterThanOrEqual(percent);
}

/** The row's progress, 0–100, once the size is known. */
export async function progressOf(row: Seen): Promise<number> {
  return Number((await row.getByRole('progressbar').getAttribute('aria-valuenow')) ?? '0');
}

interface StoredState {
  downloads: { trackId: number; status: string; engine: string }[];
  chunkOwners: number[];
  /** Keys as `trackId,start`. */
  chunkKeys: string[];
  pieceKeys: string[];
  audio: number[];
}

/** What IndexedDB holds, read in the page. */
export async function storedState(page: AppPage): Promise<StoredState> {
  return page.evaluate(
    (name: string) =>
      new Promise<StoredState>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['downloads', 'chunks', 'pieces', 'audio'], 'readonly');
          const downloads = tx.objectStore('downloads').getAll();
          const chunks = tx.objectStore('chunks').getAllKeys();
          const pieces = tx.objectStore('pieces').getAllKeys();
          const audio = tx.objectStore('audio').getAllKeys();
          tx.oncomplete = () => {
            db.close();
            resolve({
              downloads: (downloads.result as { trackId: number; status: string; engine: string }[]).map(
                ({ trackId, status, engine }) => ({ trackId, status, engine }),
              ),
              chunkOwners: (chunks.result as [number, number][]).map(([trackId]) => trackId),
              pieceKeys: (pieces.result as [number, number][]).map((key) => key.join()),
              chunkKeys: (chunks.result as [number, number][]).map((key) => key.join()),
              audio: audio.result as number[],
            });
          };
        };
      }),
    DB_NAME,
  );
}

/** What IndexedDB holds when nothing is stored. */
export const NOTHING_STORED: StoredState = { downloads: [], chunkOwners: [], chunkKeys: [], pieceKeys: [], audio: [] };

/**
 * Every test ends here: no chunk without a download that keeps it (paused, failed, or completed,
 * whose chunks are its file), nothing stuck "downloading".
 */
export async function expectNothingLeftOver(page: AppPage): Promise<void> {
  const state = await storedState(page);
  const keepers = new Set(
    state.downloads.filter((d) => ['paused', 'failed', 'completed'].includes(d.status)).map((d) => d.trackId),
  );
  expect(state.downloads.filter((d) => d.status === 'downloading' || d.status === 'queued')).toEqual([]);
  expect(state.chunkOwners.filter((owner) => !keepers.has(owner))).toEqual([]);
  // No piece without the chunk that says where it lies.
  const chunks = new Set(state.chunkKeys);
  expect(state.pieceKeys.filter((key) => !chunks.has(key))).toEqual([]);
  const completed = new Set(state.downloads.filter((d) => d.status === 'completed').map((d) => d.trackId));
  expect(state.audio.filter((id) => !completed.has(id))).toEqual([]);
}

/** Resolves once the catalog is sending no preview any more (a paused download's request has closed). */
export async function previewsIdle(catalogUrl = CATALOG_URL): Promise<void> {
  await expect
    .poll(async () => {
      const { requests } = (await (await fetch(`${catalogUrl}/__control/stats`)).json()) as {
        requests: { path: string; open: boolean }[];
      };
      return requests.filter((request) => request.path.startsWith('/previews/') && request.open).length;
    })
    .toBe(0);
}

/** The requests for previews (paths starting with `path`) the catalog has had so far, preflights included. */
export async function previewRequests(catalogUrl = CATALOG_URL, path = '/previews/'): Promise<ServedRequest[]> {
  const { requests } = (await (await fetch(`${catalogUrl}/__control/stats`)).json()) as { requests: ServedRequest[] };
  return requests.filter((request) => request.path.startsWith(path));
}

/** Bytes of previews (those whose path starts with `path`) the catalog has sent so far. */
export async function previewBytesServed(catalogUrl = CATALOG_URL, path = '/previews/'): Promise<number> {
  return (await previewRequests(catalogUrl, path)).reduce((sum, r) => sum + r.bytes, 0);
}

/** Downloads `name` (found by searching `term`) to the end and returns its row in the results. */
export async function downloadSong<P extends AppPage>(
  page: P,
  term: string,
  name: string,
  path = '/?engine=range',
): Promise<Found<P>> {
  const row = await openRow(page, term, name, path);
  await row.getByRole('button', { name: 'Download', exact: true }).click();
  await expectVisible(row.getByRole('button', { name: 'Play', exact: true }), { timeout: 30_000 });
  return row as Found<P>;
}

/** The player bar, its seek slider, and the seconds it shows as played. */
export function playerOf<P extends AppPage>(
  page: P,
): { bar: Found<P>; slider: Found<P>; elapsed: () => Promise<number> } {
  const bar = page.getByRole('region', { name: 'Player' });
  const slider = bar.getByRole('slider', { name: 'Seek' });
  return { bar: bar as Found<P>, slider: slider as Found<P>, elapsed: async () => Number(await slider.inputValue()) };
}

/**
 * A browser of its own whose origin may store only `quotaBytes` (DevTools protocol). Its own, because
 * Chromium remembers an origin's free space for a while across contexts, which would hide the
 * override; set before the origin writes anything.
 */
export async function launchWithQuota(
  playwright: { chromium: BrowserType },
  quotaBytes: number,
  consoleErrors: string[],
): Promise<{ page: Page; close: () => Promise<void> }> {
  const browser = await playwright.chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ baseURL: APP_URL });
  await collectErrors(context, consoleErrors);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: APP_URL, quotaSize: quotaBytes });
  return {
    page,
    close: async () => {
      await cdp.detach();
      await browser.close();
    },
  };
}
