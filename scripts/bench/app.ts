/** The app as the bench drives it: open it with an engine, find a song's row, check what it stored. */
import type { Locator, Page } from '@playwright/test';
import { sha256Of, type Song } from './catalog.ts';
import { APP } from './config.ts';
import type { EngineVariant } from './engines.ts';
import { inPage, storedSha256, thumbnailsLoaded, type Watched } from './page-scripts.ts';

/** Opens the app at the variant's page and waits until its service worker controls the page. */
export async function openApp(page: Page, variant: EngineVariant): Promise<void> {
  await page.goto(`${APP}${variant.path}`);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

/** Opens the app, searches `term` and returns the result row of the song `name`, whatever it shows. */
export async function findRow(page: Page, term: string, name: string, variant: EngineVariant): Promise<Locator> {
  await openApp(page, variant);
  const box = page.getByRole('searchbox', { name: 'Search' });
  await box.fill(term);
  await box.press('Enter');
  return page.getByRole('listitem').filter({ hasText: name });
}

/**
 * As `findRow`, once the row offers Download (the song is not stored) and the results' thumbnails
 * have come: a person taps after seeing them, and their bytes are the search's, not the download's
 * (measured on the phone link: thumbnails still coming at the tap put the preview's request 0.3 s
 * late in a new session, where plain, in a page without results, shares its link with nothing).
 */
export async function row(page: Page, term: string, name: string, variant: EngineVariant): Promise<Locator> {
  const found = await findRow(page, term, name, variant);
  await found.getByRole('button', { name: 'Download', exact: true }).waitFor();
  await inPage(page, thumbnailsLoaded);
  return found;
}

/** Fails the benchmark unless every song is stored byte for byte as the catalog has it. */
export async function verifyStored(page: Page, stored: readonly Song[]): Promise<void> {
  for (const song of stored) {
    if ((await inPage(page, storedSha256, song.trackId)) !== (await sha256Of(song.previewUrl))) {
      throw new Error(`${song.trackName} was stored wrong`);
    }
  }
}

/** Seconds from the tap to "Downloaded", as the page's watch scripts noted them. */
export async function tapToDone(page: Page, timeout: number): Promise<number> {
  await page.waitForFunction(() => (window as unknown as Watched).doneAt !== undefined, null, {
    timeout,
    polling: 100,
  });
  return page.evaluate(() => {
    const seen = window as unknown as Watched;
    return (seen.doneAt! - seen.tapAt!) / 1000;
  });
}
