/**
 * The app badge: how many songs finished since the person last opened the library. The page marks
 * the library seen and clears the badge; the worker, which is there when downloads finish with the
 * app closed, counts and sets it. The moment is kept in Cache Storage, which both can reach.
 */

const BADGE_CACHE = 'half-tunes-badge';
const SEEN_URL = '/__half-tunes/library-seen';

/** The browser's badge, where it has one (Chromium; Safari for Home Screen apps). */
interface Badging {
  setAppBadge?(count: number): Promise<void>;
  clearAppBadge?(): Promise<void>;
}

/** When the library was last opened (0: never). */
export async function librarySeenAt(): Promise<number> {
  const response = await (await caches.open(BADGE_CACHE)).match(SEEN_URL);
  const at = Number(await response?.text());
  return Number.isFinite(at) ? at : 0;
}

/** The person opened the library: nothing is new any more. */
export async function markLibrarySeen(navigator: Badging, now = Date.now()): Promise<void> {
  await (await caches.open(BADGE_CACHE)).put(SEEN_URL, new Response(String(now)));
  await navigator.clearAppBadge?.();
}

/** How many times the worker counts again when the library was opened while it set the badge. */
const MAX_RECOUNTS = 3;

/**
 * Shows how many of `completedAt` came after the library was last opened (none: no badge). The page
 * can open the library between the worker's reading of that moment and its badge: the moment is read
 * again after, and the badge set anew when it moved (the page writes the moment before it clears the
 * badge, so whichever lands last, the badge ends right).
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
