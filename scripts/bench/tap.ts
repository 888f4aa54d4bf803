import type { Page } from '@playwright/test';
import { tapToDone } from './app.ts';
import type { Song } from './catalog.ts';
import { timeWithPageClosed } from './closed-page.ts';
import type { EngineVariant } from './engines.ts';
import { tapOnWallClock } from './page-scripts.ts';

/**
 * Taps Download and starts the page's watch, which notes `tapAt` in the page (`watchFirstProgress`
 * with `watchDone`, or `tapAllAndWatch`).
 */
export type Tap = () => Promise<void>;

/** A timed tap: its seconds, and the page that shows the app now (a new one if the variant closed it). */
export interface Timed {
  seconds: number;
  page: Page;
  /** The tap, on the wall clock (`tapOnWallClock`). */
  tapAt: number;
}

/**
 * Taps as `variant` does and times the download of `songs`: to the frame that says "Downloaded", or,
 * for a variant that closes the page, to the last byte served (see closed-page.ts).
 */
export async function timeTap(
  page: Page,
  variant: EngineVariant,
  songs: readonly Song[],
  timeout: number,
  tap: Tap,
): Promise<Timed> {
  if (variant.afterTap === 'close-page') return timeWithPageClosed(page, variant, songs, timeout, tap);
  await tap();
  const seconds = await tapToDone(page, timeout);
  return { seconds, page, tapAt: await tapOnWallClock(page) };
}
