/// <reference lib="webworker" />
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { allowedArtworkUrl, catalogBase } from '../shared/hosts.ts';
import { isPageToSw } from '../shared/messages.ts';
import { routeArtwork } from './artwork.ts';
import { relayCatalogSearches } from './catalog-relay.ts';

declare let self: ServiceWorkerGlobalScope;

const catalog = catalogBase(__HT_CATALOG_URL__, self.location.origin);

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Every navigation gets the app shell, so the app opens with no network; the catalog is not ours to serve.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/^\/catalog\//] }));
routeArtwork((url) => allowedArtworkUrl(url.href, catalog.origin) !== null);
relayCatalogSearches(new URL('search', catalog));

self.addEventListener('message', (event) => {
  if (isPageToSw(event.data) && event.data.type === 'SKIP_WAITING') void self.skipWaiting();
});

// The first worker takes the open page at once; later ones wait for the person (prompt strategy).
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
