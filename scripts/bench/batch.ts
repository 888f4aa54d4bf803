/**
 * "Download all" of 50 search results on the phone link, each trial in a new session: the time to
 * "Downloaded", and whether the page stayed responsive while progress arrived (the aim: no task
 * over 50 ms).
 */
import type { Browser } from '@playwright/test';
import { openApp, verifyStored } from './app.ts';
import { catalog, type Song } from './catalog.ts';
import { CATALOG, PHONE_LINK, trials } from './config.ts';
import type { EngineVariant } from './engines.ts';
import { median } from './figures.ts';
import { inPage, watchResponsive, type Watched } from './page-scripts.ts';

const BATCH_SIZE = 50;

/** The header of the batch table, which `batchOfFifty` prints a row of. */
export const BATCH_HEADER = `| batch (${trials(3)} trials) | to "Downloaded" (median) | while progress arrived (all trials) |\n|---|---|---|`;

interface BatchTrial {
  seconds: number;
  longTasks: number[];
  worstFrameGap: number;
  broadcasts: number;
}

async function batchTrial(browser: Browser, variant: EngineVariant): Promise<BatchTrial> {
  await catalog.reset();
  // Fifty songs of the catalog's own previews, as the real service answers a search with 50 results.
  const love = (await (await fetch(`${CATALOG}/search?term=love&entity=song`)).json()) as { results: Song[] };
  const items = Array.from({ length: BATCH_SIZE }, (_, index) => ({
    ...love.results[index % love.results.length]!,
    trackId: 5_000_000 + index,
    trackName: `Fiftyfold ${index + 1}`,
  }));
  await catalog.addResults(items);
  const context = await browser.newContext();
  const page = await context.newPage();
  await openApp(page, variant);
  const box = page.getByRole('searchbox', { name: 'Search' });
  await box.fill('fiftyfold');
  await box.press('Enter');
  await page.getByRole('button', { name: 'Download all' }).waitFor();
  await catalog.setLink(PHONE_LINK);
  await inPage(page, watchResponsive);
  const started = performance.now();
  await page.getByRole('button', { name: 'Download all' }).click();
  await page.getByRole('button', { name: 'Downloaded', exact: true }).waitFor({ timeout: 600_000 });
  const seconds = (performance.now() - started) / 1000;
  const seen = await page.evaluate(() => {
    const watched = window as unknown as Watched;
    watched.doneAt = performance.now();
    return { longTasks: watched.longTasks, worstFrameGap: watched.worstFrameGap, broadcasts: watched.broadcasts };
  });
  await catalog.setLink({});
  await verifyStored(page, items);
  await context.close();
  return { seconds, ...seen };
}

/** The batch table's row for one engine: its trials together. */
export async function batchOfFifty(browser: Browser, variant: EngineVariant): Promise<string> {
  const runs = [];
  for (let trial = 0; trial < trials(3); trial++) runs.push(await batchTrial(browser, variant));
  const tasks = runs.flatMap((run) => run.longTasks);
  const longest = tasks.length ? `, the longest ${Math.max(...tasks).toFixed(0)} ms` : '';
  return (
    `| ${BATCH_SIZE} songs with "Download all", phone link, ${variant.name} | ` +
    `${median(runs.map((run) => run.seconds)).toFixed(1)} s | ${tasks.length} main-thread tasks over 50 ms${longest}; ` +
    `longest gap between frames ${Math.max(...runs.map((run) => run.worstFrameGap)).toFixed(0)} ms; ` +
    `${median(runs.map((run) => run.broadcasts))} worker messages |`
  );
}
