/// <reference lib="webworker" />
import { registerRoute } from 'workbox-routing';
import { CATALOG_RELAY_HEADER, type CatalogRelayOutcome } from '../shared/messages.ts';

function relayAnswer(outcome: CatalogRelayOutcome): Response {
  return new Response(null, { status: 502, headers: { [CATALOG_RELAY_HEADER]: outcome } });
}

/**
 * Relays the page's catalog searches. A catalog that sends no CORS headers makes `fetch` fail with a
 * console error; here that happens in the worker, and the page gets a plain answer telling it to use
 * JSONP (an opaque request shows the catalog is there) or that the catalog is unreachable.
 */
export function relayCatalogSearches(catalogSearchUrl: URL): void {
  registerRoute(
    ({ url, request }) =>
      request.mode === 'cors' && url.origin === catalogSearchUrl.origin && url.pathname === catalogSearchUrl.pathname,
    async ({ request }) => {
      try {
        return await fetch(request);
      } catch {
        try {
          await fetch(request.url, { mode: 'no-cors', credentials: 'omit', referrerPolicy: 'no-referrer' });
          return relayAnswer('cors-refused');
        } catch {
          return relayAnswer('unreachable');
        }
      }
    },
  );
}
