/// <reference lib="webworker" />
import { LIBRARY_SEEN, readKept } from '../shared/kept-state.ts';

/**
 * The worker's half of the app badge (its page half: `src/bridge/app-badge.ts`): how many songs
 * finished since the person last opened the library. The worker, which is there when downloads finish
 * with the app closed, counts and sets it.
 */

/** The browser's badge, where it has one (Chromium; Safari for Home Screen apps). */
interface Badging {
  setAppBadge?(count: number): Promise<void>;
  clearAppBadge?(): Promise<void>;
}

/** When the library was last opened (0: never). */
export async function librarySeenAt(): Promise<number> {
  const at = Number(await readKept(LIBRARY_SEEN));
  return Number.isFinite(at) ? at : 0;
}

/** How many times the worker counts again when the library was opened while it set the badge. */
const MAX_RECOUNTS = 3;

/**
 * Shows how many of `completedAt` came after the library was last opened (none: no badge). The page
 * can open the library between the worker's reading of that moment and its badge: the moment is read
 * again after, and the badge set anew when it moved.
 */
export async function showUnseen(navigator: Badging, completedAt: readonly (number | null)[]): Promise<void> {
  if (!navigator.setAppBadge) return;
  let seen = await librarySeenAt();
  for (let count = 0; count < MAX_RECOUNTS; count++) {
    const moment = seen;
    const unseen = completedAt.filter((at) => at !== null && at > moment).length;
    if (unseen > 0) await navigator.setAppBadge(unseen);
    else await navigator.clearAppBadge?.();
    seen = await librarySeenAt();
    if (seen === moment) return;
  }
}
