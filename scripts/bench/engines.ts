/**
 * The engine variants every benchmark compares, in one table: change a variant here and every row
 * follows. The app picks its engine from the page's URL (`?engine=range`, src/settings/engine-setting.ts).
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
  /** The name in the tables ("<name> engine"). */
  name: string;
  /** The app's page, path and query, that chooses the engine. */
  path: string;
  afterTap?: AfterTap;
}

/** `HALF_TUNES_BENCH_CLOSED=1` adds the variants that close the page after the tap. */
const WITH_CLOSED_PAGE = process.env.HALF_TUNES_BENCH_CLOSED === '1';

export const ENGINES: readonly EngineVariant[] = [
  { name: 'Background Fetch', path: '/' },
  { name: 'Range-chunk', path: '/?engine=range' },
  // For a later app version that goes on without its page; today it may behave as the first row.
  ...(WITH_CLOSED_PAGE ? [{ name: 'Background Fetch (page closed)', path: '/', afterTap: 'close-page' as const }] : []),
];

/** Whether a variant leaves the page open, as the rows that watch the page (progress, pause, batch) need. */
export const keepsPage = (variant: EngineVariant): boolean => variant.afterTap === undefined;
