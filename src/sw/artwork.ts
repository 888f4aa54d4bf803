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

/**
 * The artwork requests being answered, by URL: each ends once its response is cached (or failed).
 * An album's songs share one artwork URL, so a search asks for it several times at once, and
 * CacheFirst would put it while others read it. WebKit's Cache Storage rewrites a stored body in
 * place while another request reads that file through a memory map, and its network process dies of
 * SIGBUS, taking every page's loads and this worker with it (WebKitGTK 2.50: a core of
 * WebKitNetworkProcess at each "page crash" of the WebKit lane, 2–3 in 80 runs; a page's bare Cache
 * API does it too, 8 in 10). So requests for one URL take turns, and no body is written while read.
 */
const artworkInFlight = new Map<string, Promise<void>>();

/** Caches artwork at runtime, bounded in count and age; one request per URL at a time (see above). */
export function routeArtwork(isArtworkUrl: (url: URL) => boolean): void {
  const cacheFirst = new CacheFirst({
    cacheName: ARTWORK_CACHE,
    plugins: [
      asCors,
      placeholderOnError,
      new ExpirationPlugin({ maxEntries: 300, maxAgeSeconds: 30 * 24 * 3600, purgeOnQuotaError: true }),
    ],
  });
  registerRoute(
    ({ request, url }) => request.destination === 'image' && isArtworkUrl(url),
    async (options) => {
      const key = options.request.url;
      for (let earlier = artworkInFlight.get(key); earlier; earlier = artworkInFlight.get(key)) await earlier;
      const [response, done] = cacheFirst.handleAll(options);
      artworkInFlight.set(
        key,
        done
          .then(
            () => undefined,
            () => undefined,
          )
          .finally(() => artworkInFlight.delete(key)),
      );
      return response;
    },
  );
}
