/**
 * The baseline every row is measured against: plain `fetch → blob() → one IndexedDB put` of the same
 * files, in a page of the app's origin (`plainDownload`).
 */
import { APP, trials } from './config.ts';
import { median } from './figures.ts';
import { inPage, plainDownload } from './page-scripts.ts';
import type { Session } from './sessions.ts';

/** Plain's seconds for `urls` in a new session from `session`. */
export async function plainOnce(session: Session, urls: readonly string[]): Promise<number> {
  const { page, close } = await session();
  await page.goto(APP);
  const seconds = await inPage(page, plainDownload, urls);
  await close();
  return seconds;
}

/** Plain's time for `urls`, each trial in a new session: median of three. */
export async function timePlain(session: Session, urls: readonly string[]): Promise<number> {
  const seconds: number[] = [];
  for (let trial = 0; trial < trials(3); trial++) seconds.push(await plainOnce(session, urls));
  return median(seconds);
}
