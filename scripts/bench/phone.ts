/**
 * The phone link's rows of the table: one preview, then the ten previews of "love" tapped together,
 * each engine against plain, each trial in a new session.
 */
import type { Browser } from '@playwright/test';
import { row, verifyStored } from './app.ts';
import { catalog, songs, type Song } from './catalog.ts';
import { PHONE_LINK, trials } from './config.ts';
import { ENGINES, type EngineVariant } from './engines.ts';
import { median, ratio } from './figures.ts';
import { inPage, tapAllAndWatch, watchDone, watchFirstProgress } from './page-scripts.ts';
import { timePlain } from './plain.ts';
import { freshSession, type Session } from './sessions.ts';
import { timeTap } from './tap.ts';

/**
 * One engine's seconds for one song, from the tap to "Downloaded", each of `count` trials in a new
 * session from `session`: the app is opened without the link, the song downloaded on it.
 */
export async function oneSongTimes(
  session: Session,
  variant: EngineVariant,
  song: Song,
  count: number,
): Promise<number[]> {
  const seconds: number[] = [];
  for (let trial = 0; trial < count; trial++) {
    await catalog.setLink({});
    const { page, close } = await session();
    const found = await row(page, 'love', song.trackName, variant);
    await catalog.setLink(PHONE_LINK);
    const timed = await timeTap(page, variant, [song], 60_000, async () => {
      await inPage(page, watchFirstProgress);
      await inPage(page, watchDone);
      await found.getByRole('button', { name: 'Download', exact: true }).click();
    });
    seconds.push(timed.seconds);
    await catalog.setLink({});
    await verifyStored(timed.page, [song]);
    await close();
  }
  return seconds;
}

/** One engine's time for the first `count` songs of `term`, tapped together in a new session: median of three. */
async function timeTapped(browser: Browser, variant: EngineVariant, term: string, wanted: readonly Song[]) {
  const seconds: number[] = [];
  for (let trial = 0; trial < trials(3); trial++) {
    await catalog.setLink({});
    const { page, close } = await freshSession(browser)();
    await row(page, term, wanted[0]!.trackName, variant);
    await catalog.setLink(PHONE_LINK);
    const timed = await timeTap(page, variant, wanted, 120_000, () => inPage(page, tapAllAndWatch, wanted.length));
    seconds.push(timed.seconds);
    await catalog.setLink({});
    await verifyStored(timed.page, wanted);
    await close();
  }
  return median(seconds);
}

/** Prints the phone link's rows: one preview, then the ten previews of "love" tapped together. */
export async function phoneLink(browser: Browser): Promise<void> {
  const love = await songs('love');
  for (const [label, wanted] of [
    ['one preview', love.slice(0, 1)],
    [`${love.length} previews tapped together`, love],
  ] as const) {
    await catalog.reset();
    await catalog.setLink(PHONE_LINK);
    const plain = (
      await timePlain(
        freshSession(browser),
        wanted.map((song) => song.previewUrl),
      )
    ).seconds;
    const cells = [];
    for (const variant of ENGINES) {
      // Tapping every row downloads all of them; one preview is the first row alone.
      const timed =
        wanted.length === 1
          ? median(await oneSongTimes(freshSession(browser), variant, wanted[0]!, trials(3)))
          : await timeTapped(browser, variant, 'love', wanted);
      cells.push(ratio(timed, plain));
    }
    console.log(`| ${label}, phone link | ${plain.toFixed(2)} s | ${cells.join(' | ')} |`);
  }
  await catalog.setLink({});
}
