/// <reference lib="webworker" />
import { registerRoute } from 'workbox-routing';
import { reachableWithoutCors } from '../shared/reachable.ts';
import { CATALOG_EXTRA_REQUESTS_HEADER, CATALOG_RELAY_HEADER, CATALOG_STATUS_HEADER } from '../shared/catalog-relay.ts';

const RELAY_HEADERS = [CATALOG_RELAY_HEADER, CATALOG_STATUS_HEADER, CATALOG_EXTRA_REQUESTS_HEADER];

/** `headers` saying only what this worker says: the catalog's own relay headers would be forgeries. */
function relayHeaders(headers: HeadersInit | undefined, extraRequests: number): Headers {
  const relayed = new Headers(headers);
  for (const name of RELAY_HEADERS) relayed.delete(name);
  if (extraRequests > 0) relayed.set(CATALOG_EXTRA_REQUESTS_HEADER, String(extraRequests));
  return relayed;
}

/** A 2xx on purpose: an error status would put a console error in the page, which is what we avoid. */
function relayFailure(outcome: 'cors-refused' | 'unreachable', extraRequests: number): Response {
  const headers = relayHeaders(undefined, extraRequests);
  headers.set(CATALOG_RELAY_HEADER, outcome);
  return new Response(null, { status: 204, headers });
}

/** The catalog's answer with its status in a header: a rate limit is news for the person, not a page error. */
async function relayAnswer(response: Response, extraRequests: number): Promise<Response> {
  const headers = relayHeaders(response.headers, extraRequests);
  headers.set(CATALOG_RELAY_HEADER, 'status');
  headers.set(CATALOG_STATUS_HEADER, String(response.status));
  return new Response(await response.blob(), { status: 200, headers });
}

/** The catalog's answer as it came, unless it carries relay headers or the worker has requests to report. */
function relayOk(response: Response, extraRequests: number): Response {
  if (extraRequests === 0 && RELAY_HEADERS.every((name) => !response.headers.has(name))) return response;
  const headers = relayHeaders(response.headers, extraRequests);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/**
 * Relays the page's catalog searches and album lookups (see `CATALOG_RELAY_HEADER`). A catalog that sends no CORS
 * headers makes `fetch` fail with a console error; here that happens in the worker, and the page is
 * told to use JSONP (an opaque request shows the catalog is there, and a second request failed too) or
 * that the catalog is unreachable. Every answer says how many requests beyond the page's it cost.
 */
export function relayCatalogSearches(catalogUrls: readonly URL[]): void {
  registerRoute(
    ({ url, request }) =>
      request.mode === 'cors' &&
      catalogUrls.some((relayed) => url.origin === relayed.origin && url.pathname === relayed.pathname),
    async ({ request }) => {
      let response: Response;
      let extraRequests = 0;
      try {
        response = await fetch(request);
      } catch {
        extraRequests++;
        if (!(await reachableWithoutCors(request.url))) return relayFailure('unreachable', extraRequests);
        try {
          // A request that failed as the network came back looks like a CORS refusal: asked once more
          // before the tab switches to JSONP for good.
          extraRequests++;
          response = await fetch(request);
        } catch {
          return relayFailure('cors-refused', extraRequests);
        }
      }
      if (response.ok) return relayOk(response, extraRequests);
      // An answer whose body is cut off is no answer, but its requests still count.
      return relayAnswer(response, extraRequests).catch(() => relayFailure('unreachable', extraRequests));
    },
  );
}
