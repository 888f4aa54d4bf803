/**
 * Timing a download whose page closes right after the tap, for an app that goes on without it. The
 * catalog tells when it ended: a page opened at once to watch would be a visible page, which a later
 * app may treat specially, so none opens until the catalog has served every byte and 2 s passed with
 * nothing open or started.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from '@playwright/test';
import type { ServedRequest } from '../../server/catalog-server.ts';
import { DB_NAME } from '../../src/shared/schema.ts';
import { openApp } from './app.ts';
import { catalog, sizeOf, type Song } from './catalog.ts';
import type { EngineVariant } from './engines.ts';
import { inPage, isStored, tapOnWallClock } from './page-scripts.ts';
import type { Tap, Timed } from './tap.ts';

/** How long the catalog must see nothing open and nothing new before the download counts as over. */
const QUIET_MS = 2000;

/**
 * The preview answers that began after `since` (ms since the epoch), less a margin for the two
 * clocks: the requests of earlier trials and plain's stay in the catalog's log until its next reset.
 */
async function previewsSince(since: number): Promise<ServedRequest[]> {
  return (await catalog.requests()).filter((r) => r.path.startsWith('/previews/') && r.startedAt >= since - 50);
}

/**
 * Resolves once previews of `bytes` in all were served since `since` and nothing moved for QUIET_MS;
 * throws at `deadline`.
 */
async function catalogQuiet(since: number, bytes: number, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    const previews = await previewsSince(since);
    const served = previews.reduce((sum, r) => sum + r.bytes, 0);
    const lastMoved = Math.max(0, ...previews.flatMap((r) => [r.startedAt, r.endedAt ?? Date.now()]));
    if (served >= bytes && !previews.some((r) => r.open) && Date.now() - lastMoved >= QUIET_MS) return;
    await sleep(100);
  }
  const previews = await previewsSince(since);
  const seen = previews
    .map(
      (r) =>
        `${r.path} ${r.range ?? 'whole'} at +${r.startedAt - since} ms: ${r.bytes} bytes${r.open ? ' (open)' : ''}`,
    )
    .join('; ');
  throw new Error(
    `the catalog did not serve every byte (${bytes}) before the deadline: ${seen || 'no preview request'}`,
  );
}

/**
 * Taps, closes the page, waits for the catalog to go quiet, then opens the app again and waits until
 * every song is stored. The time runs from the tap (the page's clock) to the end of the last preview
 * answer (the catalog's): the same machine's clock, both in ms since the epoch.
 */
export async function timeWithPageClosed(
  page: Page,
  variant: EngineVariant,
  songs: readonly Song[],
  timeout: number,
  tap: Tap,
): Promise<Timed> {
  const deadline = Date.now() + timeout;
  let bytes = 0;
  for (const song of songs) bytes += await sizeOf(song.previewUrl);
  await tap();
  const tapAt = await tapOnWallClock(page);
  const context = page.context();
  await page.close();
  await catalogQuiet(tapAt, bytes, deadline);
  const shown = await context.newPage();
  await openApp(shown, variant);
  // The worker may still be moving the bytes into IndexedDB (Background Fetch's success event).
  for (const song of songs) {
    while (!(await inPage(shown, isStored, { trackId: song.trackId, db: DB_NAME }))) {
      if (Date.now() > deadline) throw new Error(`${song.trackName} was not stored before the deadline`);
      await sleep(100);
    }
  }
  const answers = (await previewsSince(tapAt)).filter((r) => r.bytes > 0);
  const lastByte = Math.max(...answers.map((r) => r.endedAt ?? Date.now()));
  return { seconds: (lastByte - tapAt) / 1000, page: shown, tapAt };
}
