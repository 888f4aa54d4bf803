/**
 * The baseline every row is measured against: plain `fetch → blob() → one IndexedDB put` of the same
 * files, in a page of the app's origin (`plainDownload`).
 */
import { APP, trials } from './config.ts';
import { median } from './figures.ts';
import { watchResident } from './memory.ts';
import { inPage, plainDownload } from './page-scripts.ts';
import type { Session } from './sessions.ts';

/** Plain's seconds, and with a profile directory the browser's peak resident growth meanwhile (bytes). */
export interface PlainRun {
  seconds: number;
  residentGrowth?: number;
}

/** Plain's run of `urls` in a new session from `session`; `profileDir` watches that browser's memory. */
export async function plainOnce(session: Session, urls: readonly string[], profileDir?: string): Promise<PlainRun> {
  const { page, close } = await session();
  await page.goto(APP);
  const stopWatching = profileDir === undefined ? undefined : await watchResident(profileDir);
  const seconds = await inPage(page, plainDownload, urls);
  const residentGrowth = stopWatching?.();
  await close();
  return { seconds, residentGrowth };
}

/** Plain's time for `urls`, each trial in a new session: the medians of three. */
export async function timePlain(session: Session, urls: readonly string[], profileDir?: string): Promise<PlainRun> {
  const runs: PlainRun[] = [];
  for (let trial = 0; trial < trials(3); trial++) runs.push(await plainOnce(session, urls, profileDir));
  const grown = runs.flatMap((run) => (run.residentGrowth === undefined ? [] : [run.residentGrowth]));
  return {
    seconds: median(runs.map((run) => run.seconds)),
    residentGrowth: grown.length > 0 ? median(grown) : undefined,
  };
}
