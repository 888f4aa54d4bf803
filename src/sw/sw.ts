/// <reference lib="webworker" />
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { allowedArtworkUrl, catalogBase } from '../shared/hosts.ts';
import { backgroundFetchOf } from '../shared/background-fetch.ts';
import { WAITING_FOR_WIFI } from '../shared/kept-state.ts';
import { isPageToSw, refusalOf } from '../shared/messages.ts';
import { routeArtwork } from './artwork.ts';
import { relayCatalogSearches } from './catalog-relay.ts';
import { DownloadBroadcaster } from './download/broadcast.ts';
import { askPage, pageAnswered, pageWord } from './download/background-fetch/ask-page.ts';
import { BackgroundFetchEngine } from './download/background-fetch/engine.ts';
import { listenForBackgroundFetches } from './download/background-fetch/events.ts';
import { Engines } from './download/engines.ts';
import { DownloadManager } from './download/manager.ts';
import { opaqueEngine } from './download/opaque/engine.ts';
import { rangeEngine } from './download/range/engine.ts';
import { DownloadStore } from './download/store.ts';
import { notifyDownloadsFinished, openDownloads } from './notify.ts';
import { showUnseen } from './app-badge.ts';
import { keepArtwork, routeOfflineArtwork } from './offline-artwork.ts';
import { keptFlag } from './kept-state.ts';
import { keepWorkerWords } from './language.ts';
import { routeOfflineAudio } from './playback.ts';
import { handOverDownloads, takeOverWhenActive } from './update.ts';

declare let self: ServiceWorkerGlobalScope;

/** Background Sync, where the browser has it; TypeScript's worker library does not declare it. */
interface SyncRegistration {
  sync?: { register(tag: string): Promise<void> };
}
interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
}
const RESUME_SYNC_TAG = 'resume-downloads';

const catalog = catalogBase(__HT_CATALOG_URL__, self.location.origin);
const store = new DownloadStore();
const broadcast = new DownloadBroadcaster();
store.onUpgradeBlocked = (blocked) => broadcast.storageUpgrade(blocked);
const browserFetches = backgroundFetchOf(self.registration);
const backgroundFetch = browserFetches ? new BackgroundFetchEngine(browserFetches, askPage, store, pageWord) : null;
const engines = [rangeEngine, opaqueEngine, ...(backgroundFetch ? [backgroundFetch] : [])];
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
  engines,
  keepArtwork: (track) => keepArtwork(store, track),
  wifiWait: keptFlag(WAITING_FOR_WIFI),
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
routeOfflineAudio(store, new Engines(engines));
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
    handOverDownloads(event, downloads);
    return;
  }
  if (command.type === 'worker-words') {
    event.waitUntil(keepWorkerWords(command.words));
    return;
  }
  if (command.type === 'background-fetch-started' || command.type === 'background-fetch-refused') {
    pageAnswered(command);
    return;
  }
  // Waiting for the downloads to go idle keeps the worker alive while they run.
  event.waitUntil(
    downloads
      .start()
      .then(() => downloads.handle(command, event.source instanceof Client ? event.source.id : ''))
      .then(() => downloads.whenIdle()),
  );
});

self.addEventListener('sync', (event) => {
  const sync = event as SyncEvent;
  if (sync.tag === RESUME_SYNC_TAG) sync.waitUntil(downloads.resumeAfterNetworkLoss().then(() => downloads.whenIdle()));
});

if (backgroundFetch) {
  listenForBackgroundFetches(backgroundFetch, downloads, () => openDownloads(self.clients, self.location.origin));
}

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(openDownloads(self.clients, self.location.origin));
});

takeOverWhenActive(downloads);
