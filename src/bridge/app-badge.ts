import { LIBRARY_SEEN, writeKept } from '../shared/kept-state.ts';

/** The browser's badge, where it has one (Chromium; Safari for Home Screen apps). */
interface Badging {
  clearAppBadge?(): Promise<void>;
}

/**
 * The page's half of the app badge (its worker half: `src/sw/app-badge.ts`): the person opened the
 * library, so nothing is new any more. The moment is written before the badge is cleared, so
 * whichever of page and worker lands last, the badge ends right.
 */
export async function markLibrarySeen(navigator: Badging, now = Date.now()): Promise<void> {
  await writeKept(LIBRARY_SEEN, String(now));
  await navigator.clearAppBadge?.();
}
