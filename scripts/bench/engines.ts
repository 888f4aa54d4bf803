/**
 * The engine variants every benchmark compares, in one table: change a variant here and every row
 * follows. The app picks its engine from the page's URL (`?engine=range`, src/settings/background-downloads.ts).
 */

/** What the bench does right after tapping Download. */
export type AfterTap =
  /** Nothing: the page stays, and the time runs to the frame that says "Downloaded". */
  | undefined
  /**
   * Closes the page at once: the time runs to the last byte the catalog served, and a page opens
   * again only once every byte was served and nothing moved for 2 s (see closed-page.ts).
   */
  | 'close-page';

export interface EngineVariant {
  /** What `HALF_TUNES_BENCH_ENGINES` calls it. */
  key: string;
  /** The name in the tables ("<name> engine"). */
  name: string;
  /** The app's page, path and query, that chooses the engine. */
  path: string;
  afterTap?: AfterTap;
}

/**
 * The default (a page on screen: the worker's own stream), Background Fetch pinned by the address
 * (what a download gets with no page on screen, while the page stays to be timed), and the default
 * with the page closed right after the tap (the page hands its downloads to Background Fetch).
 */
const ALL_ENGINES: readonly EngineVariant[] = [
  { key: 'default', name: 'Default', path: '/' },
  { key: 'background-fetch', name: 'Background Fetch', path: '/?engine=background-fetch' },
  { key: 'closed', name: 'Default, page closed', path: '/', afterTap: 'close-page' },
];

/**
 * The variants of this run: all, unless `HALF_TUNES_BENCH_ENGINES` lists some keys
 * (`HALF_TUNES_BENCH_ENGINES=default,closed`), to try the bench quickly.
 */
export const ENGINES: readonly EngineVariant[] = ALL_ENGINES.filter(
  (variant) =>
    !process.env.HALF_TUNES_BENCH_ENGINES || process.env.HALF_TUNES_BENCH_ENGINES.split(',').includes(variant.key),
);

/** Whether a variant leaves the page open, as the rows that watch the page (progress, pause, batch) need. */
export const keepsPage = (variant: EngineVariant): boolean => variant.afterTap === undefined;
