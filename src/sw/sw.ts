/// <reference lib="webworker" />
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { allowedArtworkUrl, catalogBase } from '../shared/hosts.ts';
import { backgroundFetchOf, type BackgroundFetchRegistrationLike } from '../shared/background-fetch.ts';
import { isPageToSw, refusalOf, type BackgroundFetchRequested } from '../shared/messages.ts';
import { routeArtwork } from './artwork.ts';
import { relayCatalogSearches } from './catalog-relay.ts';
import { DownloadBroadcaster } from './download/broadcast.ts';
import { DownloadManager, type BackgroundFetchEnd } from './download/manager.ts';
import { DownloadStore } from './download/store.ts';
import { notifyDownloadsFinished, openDownloads } from './notify.ts';
import { showUnseen } from '../shared/app-badge.ts';
import { keepArtwork, routeOfflineArtwork } from './offline-artwork.ts';
import { cachedFlag } from './kept-flag.ts';
import { routeOfflineAudio } from './playback.ts';

declare let self: ServiceWorkerGlobalScope;

/** Background Sync, where the browser has it; TypeScript's worker library does not declare it. */
interface SyncRegistration {
  sync?: { register(tag: string): Promise<void> };
}
interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
}
const RESUME_SYNC_TAG = 'resume-downloads';

/** A background fetch event; `updateUI` exists on success and fail events only. */
interface BackgroundFetchEventLike extends ExtendableEvent {
  readonly registration: BackgroundFetchRegistrationLike;
  updateUI?(options: { title: string }): Promise<void>;
}

/** How long a page may take to start a background fetch before the Range-chunk engine takes over. */
const PAGE_ANSWER_MS = 10_000;
/** How long a handed-over worker waits for the new version before it continues its downloads itself. */
const TAKE_BACK_AFTER_MS = 30_000;
const pageAnswers = new Map<string, (started: boolean) => void>();

/** Asks one open page (the focused one first) to start a background fetch; only pages can. */
async function askPage(request: Omit<BackgroundFetchRequested, 'type'>): Promise<boolean> {
  const windows = await self.clients.matchAll({ type: 'window' });
  const page = windows.find((client) => client.focused) ?? windows[0];
  if (!page) return false;
  const answered = new Promise<boolean>((resolve) => {
    pageAnswers.set(request.id, resolve);
    setTimeout(() => resolve(false), PAGE_ANSWER_MS);
  });
  page.postMessage({ type: 'background-fetch-requested', ...request } satisfies BackgroundFetchRequested);
  const started = await answered;
  pageAnswers.delete(request.id);
  return started;
}

const catalog = catalogBase(__HT_CATALOG_URL__, self.location.origin);
const store = new DownloadStore();
const broadcast = new DownloadBroadcaster();
store.onUpgradeBlocked = (blocked) => broadcast.storageUpgrade(blocked);
const downloads = new DownloadManager({
  store,
  broadcast,
  catalogOrigin: catalog.origin,
  onDrained: async (completed, batch) => {
    // The badge first, so a page showing the library, told next, clears it after it is set. A badge is a
    // courtesy: storage refusing it never holds up the news.
    await showUnseen(
      self.navigator,
      (await store.all()).map((record) => record.completedAt),
    ).catch(() => undefined);
    broadcast.finished(completed, batch, await notifyDownloadsFinished(self.registration, completed, batch));
  },
  onNetworkLost: async () => {
    await (self.registration as unknown as SyncRegistration).sync?.register(RESUME_SYNC_TAG).catch(() => undefined);
  },
  backgroundFetch: backgroundFetchOf(self.registration),
  askPage,
  keepArtwork: (track) => keepArtwork(store, track),
  wifiWait: cachedFlag('/__half-tunes/waiting-for-wifi'),
});

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Every navigation gets the app shell, so the app opens with no network; the catalog is not ours to serve.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('index.html'), {
    denylist: [/^\/catalog\//, /^\/offline-(audio|artwork)\//],
  }),
);
// Our local URLs first: with the demo catalog on our own origin, the artwork route matches them too.
routeOfflineAudio(store);
routeOfflineArtwork(store);
routeArtwork((url) => allowedArtworkUrl(url.href, catalog.origin) !== null);
relayCatalogSearches([new URL('search', catalog), new URL('lookup', catalog)]);

self.addEventListener('message', (event) => {
  const command: unknown = event.data;
  if (!isPageToSw(command)) {
    // Never a silent drop: the page that sent it says so in words.
    event.source?.postMessage(refusalOf(command));
    return;
  }
  if (command.type === 'SKIP_WAITING') {
    void self.skipWaiting();
    return;
  }
  if (command.type === 'hand-over-downloads') {
    // The browser activates the new version once this worker's events end, so runs stop where they
    // are (their state stays "downloading") and the new version continues them from stored bytes.
    // Should no new version take over after all, this one takes its downloads back.
    if (!self.registration.waiting) return;
    event.waitUntil(downloads.handOver());
    setTimeout(() => {
      if (self.registration.active === self.serviceWorker) void downloads.takeBack();
    }, TAKE_BACK_AFTER_MS);
    return;
  }
  if (command.type === 'background-fetch-started' || command.type === 'background-fetch-refused') {
    pageAnswers.get(command.id)?.(command.type === 'background-fetch-started');
    return;
  }
  // Waiting for the downloads to go idle keeps the worker alive while they run.
  event.waitUntil(
    downloads
      .start()
      .then(() => downloads.handle(command))
      .then(() => downloads.whenIdle()),
  );
});

self.addEventListener('sync', (event) => {
  const sync = event as SyncEvent;
  if (sync.tag === RESUME_SYNC_TAG) sync.waitUntil(downloads.resumeAfterNetworkLoss().then(() => downloads.whenIdle()));
});

for (const [type, end] of [
  ['backgroundfetchsuccess', 'success'],
  ['backgroundfetchfail', 'fail'],
  ['backgroundfetchabort', 'abort'],
] as const) {
  self.addEventListener(type, (event) => {
    const fetchEvent = event as BackgroundFetchEventLike;
    fetchEvent.waitUntil(
      downloads.backgroundFetchEnded(end satisfies BackgroundFetchEnd, fetchEvent.registration).then(async (done) => {
        const title = done ? `${done.track.name} is ready to play offline` : 'Half Tunes download stopped';
        if (end !== 'abort') await fetchEvent.updateUI?.({ title }).catch(() => undefined);
        await downloads.whenIdle();
      }),
    );
  });
}

self.addEventListener('backgroundfetchclick', (event) => {
  (event as ExtendableEvent).waitUntil(openDownloads(self.clients, self.location.origin));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(openDownloads(self.clients, self.location.origin));
});

// The first worker takes the open page at once; later ones wait for the person (prompt strategy),
// then continue every download the previous version handed over, from its stored bytes.
// Activation waits for nothing slow (the browser holds every request until it ends).
self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
  void downloads.start().catch(() => undefined);
});
