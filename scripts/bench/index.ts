/**
 * Download benchmarks (timing lives here, not in the tests): `npm run bench`.
 * Builds the app against the demo catalog on another origin (as production has Apple's previews),
 * serves both, and in Debian's Chromium measures, per engine (engines.ts):
 * - `phone`: on a phone's link (1.5 MB/s shared by every connection, 150 ms per request, preflights
 *   included), one preview, and the ten previews of "love" tapped together;
 * - `first`: the first download after the browser starts, one preview on the phone link, each trial
 *   in a new browser process on a new profile (plain's too);
 * - `batch`: "Download all" of 50 results on the phone link: main-thread tasks over 50 ms while
 *   progress arrives, and the longest gap between frames;
 * - `loopback`: the time to download the 64 MiB, 256 MiB and 1 GiB synthetic previews on loopback,
 *   Chromium's resident growth meanwhile (plain's too), and the peaks of the service worker's heap and
 *   of its ArrayBuffers, read over the DevTools protocol (`timeline` adds each download's requests);
 * - `pause`: tap to first progress on the phone link, in a new browser context each time (the first
 *   download of a session; `progress` runs this alone); the bytes the catalog served for one paused
 *   and resumed preview, against its size; the bytes fetched again after a pause at 50 % of the 64 MiB preview;
 * each against plain `fetch → blob() → one IndexedDB put` of the same files in the same run, and each
 * stored file's SHA-256 checked against the catalog's.
 *
 * `npm run bench -- phone loopback` runs only those parts (all by default). To try the bench quickly
 * (not to measure): `HALF_TUNES_BENCH_TRIALS=1` runs every row once, `HALF_TUNES_BENCH_SIZES=64`
 * keeps the loopback rows of those sizes. A variant that closes the page right after the tap
 * (engines.ts) is in the rows that time a download, not in those that watch the page.
 */
import { batchOfFifty, BATCH_HEADER } from './batch.ts';
import { ENGINES, keepsPage } from './engines.ts';
import { firstDownload } from './first-download.ts';
import { firstProgress } from './first-progress.ts';
import { isFullRun, writeLatestFigures } from './latest-figures.ts';
import { loopback } from './loopback.ts';
import { pauseAtHalf, pausedPreview } from './pause.ts';
import { phoneLink } from './phone.ts';
import { startServers } from './servers.ts';
import { launchBrowser, openProfile } from './sessions.ts';

const PARTS = ['phone', 'first', 'batch', 'loopback', 'pause', 'progress'] as const;
const FLAGS = ['timeline'] as const;

const asked = process.argv.slice(2);
const unknown = asked.filter((word) => !([...PARTS, ...FLAGS] as readonly string[]).includes(word));
if (unknown.length > 0) {
  console.error(`Unknown: ${unknown.join(', ')}. Parts: ${PARTS.join(', ')}; flags: ${FLAGS.join(', ')}.`);
  process.exit(2);
}
const askedParts = asked.filter((word) => (PARTS as readonly string[]).includes(word));
const wanted = (part: (typeof PARTS)[number]): boolean => askedParts.length === 0 || askedParts.includes(part);

// Every part prints its rows as it goes; a full run also keeps them for docs/benchmarks.md.
const printed: string[] = [];
const print = console.log.bind(console);
console.log = (...words: unknown[]): void => {
  printed.push(words.map(String).join(' '));
  print(...words);
};
const header = (first: string): string =>
  `| ${first} | plain | ${ENGINES.map((variant) => variant.name).join(' engine | ')} engine |\n|---|---|${ENGINES.map(() => '---|').join('')}`;

const stopServers = await startServers();
try {
  const browser = await launchBrowser();
  if (ENGINES.some((variant) => !keepsPage(variant))) {
    console.log('A variant that closes its page is timed from the tap to the last byte the catalog served.\n');
  }
  console.log(header('scenario'));
  if (wanted('phone')) await phoneLink(browser);
  if (wanted('first')) console.log(await firstDownload());
  if (wanted('batch')) {
    console.log(`\n${BATCH_HEADER}`);
    for (const variant of ENGINES.filter(keepsPage)) console.log(await batchOfFifty(browser, variant));
    console.log();
  }
  if (wanted('loopback') || wanted('pause')) {
    // Big files in a profile on disk, as a person's browser has (an incognito context keeps storage in memory).
    const profile = await openProfile();
    if (wanted('loopback')) {
      console.log(`\n${header('file')}`);
      await loopback(profile, asked.includes('timeline'));
      console.log();
    }
    if (wanted('pause')) {
      const page = await profile.context.newPage();
      for (const variant of ENGINES.filter(keepsPage)) {
        console.log(await firstProgress(browser, variant));
        console.log(await pausedPreview(page, variant));
        console.log(await pauseAtHalf(page, variant));
      }
    }
    await profile.close();
  }
  if (wanted('progress') && !wanted('pause')) {
    for (const variant of ENGINES.filter(keepsPage)) console.log(await firstProgress(browser, variant));
  }
  await browser.close();
  if (isFullRun(asked, process.env)) await writeLatestFigures(printed);
} finally {
  stopServers();
}
