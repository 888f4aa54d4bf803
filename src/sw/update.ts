/// <reference lib="webworker" />

declare let self: ServiceWorkerGlobalScope;

/** How long a handed-over worker waits for the new version before it continues its downloads itself. */
const TAKE_BACK_AFTER_MS = 30_000;

/** What an update needs of the download core. */
export interface HandingOver {
  handOver(): Promise<void>;
  takeBack(): Promise<void>;
  start(): Promise<void>;
}

/**
 * The worker's half of updates (docs/protocols/update.md; its page half: `src/bridge/update.ts`).
 * The person accepted "Update available — Reload": this, the running version, hands its downloads
 * over (`hand-over-downloads`): the browser activates the new version once this worker's events end,
 * so runs stop where they are (their state stays "downloading") and the new version continues them
 * from stored bytes. Should no new version take over after all, this one takes its downloads back.
 */
export function handOverDownloads(event: ExtendableMessageEvent, downloads: HandingOver): void {
  if (!self.registration.waiting) return;
  event.waitUntil(downloads.handOver());
  setTimeout(() => {
    if (self.registration.active === self.serviceWorker) void downloads.takeBack();
  }, TAKE_BACK_AFTER_MS);
}

/**
 * The first worker takes the open page at once; later ones wait for the person (prompt strategy:
 * `SKIP_WAITING`), then continue every download the previous version handed over, from its stored
 * bytes. Activation waits for nothing slow (the browser holds every request until it ends).
 */
export function takeOverWhenActive(downloads: HandingOver): void {
  self.addEventListener('activate', (event) => {
    event.waitUntil(self.clients.claim());
    void downloads.start().catch(() => undefined);
  });
}
