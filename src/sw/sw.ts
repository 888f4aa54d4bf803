/// <reference lib="webworker" />
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { allowedArtworkUrl, catalogBase } from '../shared/hosts.ts';
import { isPageToSw } from '../shared/messages.ts';
import { routeArtwork } from './artwork.ts';
import { relayCatalogSearches } from './catalog-relay.ts';
import { DownloadBroadcaster } from './download/broadcast.ts';
import { DownloadManager } from './download/manager.ts';
import { DownloadStore } from './download/store.ts';
import { notifyDownloadsFinished, openDownloads } from './notify.ts';
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

const catalog = catalogBase(__HT_CATALOG_URL__, self.location.origin);
const store = new DownloadStore();
const broadcast = new DownloadBroadcaster();
const downloads = new DownloadManager({
  store,
  broadcast,
  catalogOrigin: catalog.origin,
  onDrained: async (completed) =>
    broadcast.finished(completed, await notifyDownloadsFinished(self.registration, completed)),
  onNetworkLost: async () => {
    await (self.registration as unknown as SyncRegistration).sync?.register(RESUME_SYNC_TAG).catch(() => undefined);
  },
});

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Every navigation gets the app shell, so the app opens with no network; the catalog is not ours to serve.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/^\/catalog\//, /^\/offline-audio\//] }),
);
routeArtwork((url) => allowedArtworkUrl(url.href, catalog.origin) !== null);
relayCatalogSearches(new URL('search', catalog));
routeOfflineAudio(store);

self.addEventListener('message', (event) => {
  const command: unknown = event.data;
  if (!isPageToSw(command)) return;
  if (command.type === 'SKIP_WAITING') {
    void self.skipWaiting();
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

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(openDownloads(self.clients, self.location.origin));
});

// The first worker takes the open page at once; later ones wait for the person (prompt strategy).
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
