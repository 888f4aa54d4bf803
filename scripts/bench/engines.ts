/**
 * The engine variants every benchmark compares, in one table: change a variant here and every row
 * follows. The app picks its engine from the page's URL (`?engine=range`, src/bridge/engine-setting.ts).
 */

/** What the bench does right after tapping Download. */
export type AfterTap =
  /** Nothing: the page stays, and the time runs to the frame that says "Downloaded". */
  | undefined
  /** Closes the page at once (the bench does not time this yet). */
  | 'close-page';

export interface EngineVariant {
  /** The name in the tables ("<name> engine"). */
  name: string;
  /** The app's page, path and query, that chooses the engine. */
  path: string;
  afterTap?: AfterTap;
}

export const ENGINES: readonly EngineVariant[] = [
  { name: 'Background Fetch', path: '/' },
  { name: 'Range-chunk', path: '/?engine=range' },
];

/** Whether a variant leaves the page open, as the rows that watch the page (progress, pause, batch) need. */
export const keepsPage = (variant: EngineVariant): boolean => variant.afterTap === undefined;
