/**
 * The first download after the browser starts: one preview on the phone link, each trial in a browser
 * process of its own on a new profile on disk, against plain's first fetch in a new browser too. Chromium
 * starts its download service on the first Background Fetch of a profile (docs/benchmarks.md), which
 * the rows of one long-lived browser pay only once.
 */
import { catalog, songs } from './catalog.ts';
import { PHONE_LINK, trials } from './config.ts';
import { ENGINES } from './engines.ts';
import { median, range, ratio } from './figures.ts';
import { oneSongTimes } from './phone.ts';
import { plainOnce } from './plain.ts';
import { freshBrowser } from './sessions.ts';

/** The row: plain's and each engine's median from the tap to "Downloaded", and the range of the trials. */
export async function firstDownload(): Promise<string> {
  const song = (await songs('love'))[0]!;
  await catalog.reset();
  await catalog.setLink(PHONE_LINK);
  const plain: number[] = [];
  for (let trial = 0; trial < trials(3); trial++)
    plain.push((await plainOnce(freshBrowser, [song.previewUrl])).seconds);
  const cells = [];
  for (const variant of ENGINES) {
    const seconds = await oneSongTimes(freshBrowser, variant, song, trials(3));
    cells.push(`${ratio(median(seconds), median(plain))}, ${range(seconds)}`);
  }
  await catalog.setLink({});
  return (
    `| first download after the browser starts, one preview, phone link | ` +
    `${median(plain).toFixed(2)} s, ${range(plain)} | ${cells.join(' | ')} |`
  );
}
