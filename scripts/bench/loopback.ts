/**
 * The loopback rows of the table: the 64 MiB, 256 MiB and 1 GiB synthetic previews, in a profile on
 * disk, each engine against plain, with Chromium's resident growth during each download (plain's
 * too) and the peaks of the service worker's heap and of the ArrayBuffers alive in it.
 */
import type { Page } from '@playwright/test';
import { findRow, row, verifyStored } from './app.ts';
import { catalog, previewBytes, sizeOf, songs, type Song } from './catalog.ts';
import { APP, MIB, wantedSize } from './config.ts';
import { ENGINES, type EngineVariant } from './engines.ts';
import { ratio } from './figures.ts';
import { watchResident } from './memory.ts';
import { inPage, watchDone, watchFirstProgress } from './page-scripts.ts';
import { timePlain } from './plain.ts';
import { newTab, type Profile } from './sessions.ts';
import { timeTap } from './tap.ts';
import { watchWorkerMemory } from './worker-memory.ts';

/** The catalog's requests since `tapped` (this process's clock), for `npm run bench -- loopback timeline`. */
async function printTimeline(tapped: number): Promise<void> {
  const origin = Date.now() - (performance.now() - tapped);
  for (const r of (await catalog.requests()).filter((request) => request.path.startsWith('/previews/')).slice(0, 6)) {
    console.log(
      `  ${r.method} ${r.range ?? ''} ${(r.startedAt - origin).toFixed(0)}–${((r.endedAt ?? Date.now()) - origin).toFixed(0)} ms`,
    );
  }
}

/** A row cell, and the page to go on in (a new one if the variant closed it). */
interface Cell {
  text: string;
  page: Page;
}

/** One engine's time for a synthetic preview on loopback, as a row cell against plain's. */
async function timeDownload(
  profile: Profile,
  page: Page,
  song: Song,
  variant: EngineVariant,
  plain: number,
  timeline: boolean,
): Promise<Cell> {
  await catalog.reset();
  const found = await row(page, 'synthetic', song.trackName, variant);
  const started = performance.now();
  // A variant that closes its page frees that page's renderer, which the resident "before" counts.
  const stopWatching = await watchResident(profile.dir);
  const stopWatchingWorker = await watchWorkerMemory(profile.devtools, APP);
  // Timed in the page, as plain is: from the tap to the frame that shows "Downloaded".
  const timed = await timeTap(page, variant, [song], 900_000, async () => {
    await inPage(page, watchFirstProgress);
    await inPage(page, watchDone);
    await found.getByRole('button', { name: 'Download', exact: true }).click();
  });
  const memory = stopWatching();
  const worker = await stopWatchingWorker();
  if (timeline) await printTimeline(started);
  const served = (await previewBytes()) / (await sizeOf(song.previewUrl));
  await verifyStored(timed.page, [song]);
  const shown = timed.page === page ? found : await findRow(timed.page, 'synthetic', song.trackName, variant);
  await shown.getByRole('button', { name: 'Delete' }).click();
  await shown.getByRole('button', { name: 'Download', exact: true }).waitFor();
  const heap =
    worker.samples === 0
      ? 'no worker seen'
      : `worker peak heap ${(worker.heap / MIB).toFixed(1)} MiB, ArrayBuffers ${(worker.arrayBuffers / MIB).toFixed(1)} MiB`;
  const cell = `${ratio(timed.seconds, plain)}, +${(memory / MIB).toFixed(0)} MiB resident, ${heap}`;
  return { text: `${cell}${served > 1.01 ? `, ${served.toFixed(2)}× the file served` : ''}`, page: timed.page };
}

/**
 * Prints a row per synthetic preview (`HALF_TUNES_BENCH_SIZES` picks some), in `profile`: plain's
 * time, then each engine's; `timeline` adds the catalog's requests of each download.
 */
export async function loopback(profile: Profile, timeline: boolean): Promise<void> {
  let page = await profile.context.newPage();
  const big = (await songs('synthetic')).filter((found) => {
    const size = /^Synthetic (\d+) MiB$/.exec(found.trackName);
    return size !== null && wantedSize(Number(size[1]));
  });
  for (const song of big) {
    const plain = await timePlain(newTab(profile.context), [song.previewUrl], profile.dir);
    const cells = [];
    for (const variant of ENGINES) {
      const cell = await timeDownload(profile, page, song, variant, plain.seconds, timeline);
      cells.push(cell.text);
      page = cell.page;
    }
    console.log(
      `| ${song.trackName.replace('Synthetic ', '')}, loopback | ${plain.seconds.toFixed(2)} s, ` +
        `+${(plain.residentGrowth! / MIB).toFixed(0)} MiB resident | ${cells.join(' | ')} |`,
    );
  }
  await page.close();
}
