/** Tap to first progress on the phone link: from the click on Download to the row's first percentage above zero. */
import type { Browser } from '@playwright/test';
import { row } from './app.ts';
import { catalog } from './catalog.ts';
import { PHONE_LINK, trials } from './config.ts';
import type { EngineVariant } from './engines.ts';
import { median } from './figures.ts';
import { inPage, watchFirstProgress, type Watched } from './page-scripts.ts';

/** Tap to first visible progress of one preview on the phone link, each trial in a new session: median of five. */
export async function firstProgress(browser: Browser, variant: EngineVariant): Promise<string> {
  const times: number[] = [];
  for (let trial = 0; trial < trials(5); trial++) {
    await catalog.reset();
    const context = await browser.newContext();
    const page = await context.newPage();
    const found = await row(page, 'love', 'Love on the Harbour', variant);
    // Timed in the page: from the click to the first frame whose row shows bytes (or the song done).
    await inPage(page, watchFirstProgress);
    await catalog.setLink(PHONE_LINK);
    await found.getByRole('button', { name: 'Download', exact: true }).click();
    await page.waitForFunction(() => (window as unknown as Watched).shownAt !== undefined);
    times.push(
      await page.evaluate(() => {
        const seen = window as unknown as Watched;
        return seen.shownAt! - seen.tapAt!;
      }),
    );
    await found.getByRole('button', { name: 'Play', exact: true }).waitFor({ timeout: 60_000 });
    await context.close();
  }
  const shown = times.map((ms) => ms.toFixed(0)).join(', ');
  return `${variant.name} engine: tap to first progress, median ${median(times).toFixed(0)} ms (${shown} ms)`;
}
