/**
 * The worker relays the page's catalog searches, so that what the catalog refuses shows in the
 * page as words, not as console errors. Its answers carry this header:
 * - `cors-refused`: the catalog is reachable but sends no CORS headers (use JSONP);
 * - `unreachable`: no answer at all;
 * - `status`: the catalog's own answer, its status moved to `CATALOG_STATUS_HEADER` and sent as 200.
 */
export const CATALOG_RELAY_HEADER = 'X-Half-Tunes-Relay';
export const CATALOG_STATUS_HEADER = 'X-Half-Tunes-Status';
/**
 * On any relayed answer, how many requests the worker sent the catalog beyond the page's one (its
 * no-cors probe, the request asked again): Apple counts them against its limit, so the page does.
 */
export const CATALOG_EXTRA_REQUESTS_HEADER = 'X-Half-Tunes-Extra-Requests';
/** The most a relay sends beyond the page's request: the probe and one more ask. */
export const MAX_EXTRA_CATALOG_REQUESTS = 2;

/** What a relayed answer says of the catalog (`CATALOG_RELAY_HEADER`). */
export type CatalogRelay =
  { readonly outcome: 'cors-refused' | 'unreachable' } | { readonly outcome: 'status'; readonly status: number };
