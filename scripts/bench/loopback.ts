/**
 * The loopback rows of the table: the 64 MiB, 256 MiB and 1 GiB synthetic previews, in a profile on
 * disk, each engine against plain, with Chromium's resident growth during each download (plain's
 * too) and the peaks of the service worker's heap and of the ArrayBuffers alive in it.
 */
import type { Page } from '@playwright/test';
import type { ServedRequest } from '../../server/catalog-server.ts';
import { findRow, row, verifyStored } from './app.ts';
import { catalog, previewBytes, sizeOf, songs, type Song } from './catalog.ts';
import { APP, MIB, trials, wantedSize } from './config.ts';
import { ENGINES, type EngineVariant } from './engines.ts';
import { median, range, ratio } from './figures.ts';
import { watchResident } from './memory.ts';
import { inPage, watchDone, watchFirstProgress } from './page-scripts.ts';
import { plainOnce, type PlainRun } from './plain.ts';
import { newTab, type Profile } from './sessions.ts';
import { timeTap, type Timed } from './tap.ts';
import { watchWorkerMemory, type WorkerMemory } from './worker-memory.ts';

/**
 * The catalog's requests of a download, in ms from its tap (`timed`), and when it counted as done, for
 * `npm run bench -- loopback timeline`.
 */
async function printTimeline(timed: Timed): Promise<void> {
  const requests = (await catalog.requests()).filter((request) => request.path.startsWith('/previews/'));
  const since = (at: number): number => Math.round(at - timed.tapAt);
  for (const r of requests.slice(0, 6)) {
    console.log(`  ${r.method} ${r.range ?? ''} ${since(r.startedAt)}–${since(r.endedAt ?? Date.now())} ms`);
  }
  console.log(`  ${busy(requests)}`);
  console.log(`  done ${(timed.seconds * 1000).toFixed(0)} ms`);
}

/**
 * Where a download's time went on the link: its requests, when the first began and the last ended,
 * and how long no request was open (a background fetch's download service between its requests).
 */
function busy(requests: readonly ServedRequest[]): string {
  if (requests.length === 0) return 'no request';
  const spans = requests.map((r) => [r.startedAt, r.endedAt ?? Date.now()] as const).sort((a, b) => a[0] - b[0]);
  let idle = 0;
  let openUntil = spans[0]![1];
  for (const [start, end] of spans.slice(1)) {
    idle += Math.max(0, start - openUntil);
    openUntil = Math.max(openUntil, end);
  }
  const first = spans[0]![0];
  return `${requests.length} requests over ${Math.round(openUntil - first)} ms, none open for ${Math.round(idle)} ms of it`;
}

/** One engine's download of a synthetic preview, as the row reports it. */
interface Measured {
  seconds: number;
  /** Chromium's peak resident growth, bytes. */
  resident: number;
  worker: WorkerMemory;
  /** The bytes the catalog served, against the file's size. */
  served: number;
  /** The page to go on in (a new one if the variant closed it). */
  page: Page;
}

/** One engine's download of a synthetic preview on loopback, from the tap; the song is deleted after. */
async function timeDownload(
  profile: Profile,
  page: Page,
  song: Song,
  variant: EngineVariant,
  timeline: boolean,
): Promise<Measured> {
  await catalog.reset();
  const found = await row(page, 'synthetic', song.trackName, variant);
  // A variant that closes its page frees that page's renderer, which the resident "before" counts.
  const stopWatching = await watchResident(profile.dir);
  const stopWatchingWorker = await watchWorkerMemory(profile.devtools, APP);
  // Timed in the page, as plain is: from the tap to the frame that shows "Downloaded".
  const timed = await timeTap(page, variant, [song], 900_000, async () => {
    await inPage(page, watchFirstProgress);
    await inPage(page, watchDone);
    await found.getByRole('button', { name: 'Download', exact: true }).click();
  });
  const resident = stopWatching();
  const worker = await stopWatchingWorker();
  if (timeline) await printTimeline(timed);
  const served = (await previewBytes()) / (await sizeOf(song.previewUrl));
  await verifyStored(timed.page, [song]);
  const shown = timed.page === page ? found : await findRow(timed.page, 'synthetic', song.trackName, variant);
  await shown.getByRole('button', { name: 'Delete' }).click();
  await shown.getByRole('button', { name: 'Download', exact: true }).waitFor();
  return { seconds: timed.seconds, resident, worker, served, page: timed.page };
}

/**
 * An engine's cell: the median time against plain's median, the spread of the trials' own ratios (each
 * trial's engine against that trial's plain, so that the machine's drift between trials cancels out),
 * and the worst memory and bytes served of any trial.
 */
function cell(runs: readonly Measured[], plains: readonly number[]): string {
  const ratios = runs.map((run, trial) => run.seconds / plains[trial]!);
  const seen = runs.filter((run) => run.worker.samples > 0);
  const heap =
    seen.length === 0
      ? 'no worker seen'
      : `worker peak heap ${(Math.max(...seen.map((run) => run.worker.heap)) / MIB).toFixed(1)} MiB, ` +
        `ArrayBuffers ${(Math.max(...seen.map((run) => run.worker.arrayBuffers)) / MIB).toFixed(1)} MiB`;
  const served = Math.max(...runs.map((run) => run.served));
  return (
    `${ratio(median(runs.map((run) => run.seconds)), median([...plains]))}` +
    `${runs.length > 1 ? `, trials ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}×` : ''}, ` +
    `+${(Math.max(...runs.map((run) => run.resident)) / MIB).toFixed(0)} MiB resident, ${heap}` +
    `${served > 1.01 ? `, ${served.toFixed(2)}× the file served` : ''}`
  );
}

/**
 * Prints a row per synthetic preview (\`HALF_TUNES_BENCH_SIZES\` picks some), in \`profile\`, after one
 * untimed download by each engine: plain's time, then each engine's, over three trials (five for the
 * smallest), each trial plain then every engine in turn (the
 * machine's speed drifts by a third between minutes here, more than the engines differ);
 * \`timeline\` adds the catalog's requests of each download.
 */
export async function loopback(profile: Profile, timeline: boolean): Promise<void> {
  let page = await profile.context.newPage();
  const big = (await songs('synthetic')).filter((found) => {
    const size = /^Synthetic (\d+) MiB$/.exec(found.trackName);
    return size !== null && wantedSize(Number(size[1]));
  });
  // One untimed download by each engine first: the profile's first background fetch waits 4–5 s for
  // Chromium's download service to start, which the first-download row times; here it would be one
  // trial's whole figure.
  for (const variant of big.length > 0 ? ENGINES : []) {
    page = (await timeDownload(profile, page, big[0]!, variant, false)).page;
  }
  for (const song of big) {
    const plains: PlainRun[] = [];
    const runs = ENGINES.map((): Measured[] => []);
    // The smallest file's trials are short and spread the most: more of them.
    for (let trial = 0; trial < trials(song === big[0] ? 5 : 3); trial++) {
      plains.push(await plainOnce(newTab(profile.context), [song.previewUrl], profile.dir));
      for (const [index, variant] of ENGINES.entries()) {
        const measured = await timeDownload(profile, page, song, variant, timeline);
        runs[index]!.push(measured);
        page = measured.page;
      }
    }
    const seconds = plains.map((run) => run.seconds);
    console.log(
      `| ${song.trackName.replace('Synthetic ', '')}, loopback | ${median(seconds).toFixed(2)} s ` +
        `(${range(seconds)}), +${(Math.max(...plains.map((run) => run.residentGrowth!)) / MIB).toFixed(0)} MiB resident | ` +
        `${runs.map((measured) => cell(measured, seconds)).join(' | ')} |`,
    );
  }
  await page.close();
}
