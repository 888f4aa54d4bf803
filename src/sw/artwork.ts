/// <reference lib="webworker" />
import { registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';
import { ExpirationPlugin } from 'workbox-expiration';
import { matchPrecache } from 'workbox-precaching';
import type { WorkboxPlugin } from 'workbox-core';

export const ARTWORK_CACHE = 'artwork-v1';
export const PLACEHOLDER_ARTWORK = '/artwork-placeholder.svg';

/**
 * Asks for artwork with CORS so a cached copy is a readable response: an opaque one would count as
 * megabytes of quota each in Chromium.
 */
const asCors: WorkboxPlugin = {
  requestWillFetch: async ({ request }) => new Request(request.url, { mode: 'cors', credentials: 'omit' }),
};

/**
 * When artwork cannot be had (offline, a host without CORS, a 404), the page gets the placeholder
 * instead of a broken image and a console error.
 */
const placeholderOnError: WorkboxPlugin = {
  handlerDidError: async () => (await matchPrecache(PLACEHOLDER_ARTWORK)) ?? Response.error(),
  fetchDidSucceed: async ({ response }) => {
    if (!response.ok) throw new Error(`artwork answered ${response.status}`);
    // A page of HTML where an image was promised (a wrong URL on a single-page host) is not kept.
    if (!response.headers.get('Content-Type')?.startsWith('image/')) throw new Error('artwork is not an image');
    return response;
  },
};

/** Caches artwork at runtime, bounded in count and age. */
export function routeArtwork(isArtworkUrl: (url: URL) => boolean): void {
  registerRoute(
    ({ request, url }) => request.destination === 'image' && isArtworkUrl(url),
    new CacheFirst({
      cacheName: ARTWORK_CACHE,
      plugins: [
        asCors,
        placeholderOnError,
        new ExpirationPlugin({ maxEntries: 300, maxAgeSeconds: 30 * 24 * 3600, purgeOnQuotaError: true }),
      ],
    }),
  );
}
