/// <reference lib="webworker" />
import { registerRoute } from 'workbox-routing';
import { reachableWithoutCors } from '../shared/reachable.ts';
import { CATALOG_RELAY_HEADER, CATALOG_STATUS_HEADER } from '../shared/messages.ts';

/** A 2xx on purpose: an error status would put a console error in the page, which is what we avoid. */
function relayFailure(outcome: 'cors-refused' | 'unreachable'): Response {
  return new Response(null, { status: 204, headers: { [CATALOG_RELAY_HEADER]: outcome } });
}

/** The catalog's answer with its status in a header: a rate limit is news for the person, not a page error. */
async function relayAnswer(response: Response): Promise<Response> {
  const headers = new Headers(response.headers);
  headers.set(CATALOG_RELAY_HEADER, 'status');
  headers.set(CATALOG_STATUS_HEADER, String(response.status));
  return new Response(await response.blob(), { status: 200, headers });
}

/** The catalog's answer without relay headers of its own making: only this worker may say them. */
function withoutForgedRelay(response: Response): Response {
  if (!response.headers.has(CATALOG_RELAY_HEADER) && !response.headers.has(CATALOG_STATUS_HEADER)) return response;
  const headers = new Headers(response.headers);
  headers.delete(CATALOG_RELAY_HEADER);
  headers.delete(CATALOG_STATUS_HEADER);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/**
 * Relays the page's catalog searches and album lookups (see `CATALOG_RELAY_HEADER`). A catalog that sends no CORS
 * headers makes `fetch` fail with a console error; here that happens in the worker, and the page is
 * told to use JSONP (an opaque request shows the catalog is there, and a second request failed too) or
 * that the catalog is unreachable.
 */
export function relayCatalogSearches(catalogUrls: readonly URL[]): void {
  registerRoute(
    ({ url, request }) =>
      request.mode === 'cors' &&
      catalogUrls.some((relayed) => url.origin === relayed.origin && url.pathname === relayed.pathname),
    async ({ request }) => {
      let response: Response;
      try {
        response = await fetch(request);
      } catch {
        if (!(await reachableWithoutCors(request.url))) return relayFailure('unreachable');
        try {
          // A request that failed as the network came back looks like a CORS refusal: asked once more
          // before the tab switches to JSONP for good.
          response = await fetch(request);
        } catch {
          return relayFailure('cors-refused');
        }
      }
      return response.ok ? withoutForgedRelay(response) : relayAnswer(response);
    },
  );
}
