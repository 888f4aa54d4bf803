/**
 * Every message between pages and the service worker. Commands (page → worker) are imperative,
 * events (worker → page) are past tense. Each side checks what it receives with the guards below:
 * `event.data` is never trusted.
 */

/** Page → worker: take over now (the person accepted "Update available"). Workbox sends this shape. */
export interface SkipWaitingCommand {
  readonly type: 'SKIP_WAITING';
}

export type PageToSw = SkipWaitingCommand;

/** Worker → page: the version the worker runs, for the update prompt and for tests. */
export interface VersionReported {
  readonly type: 'version-reported';
  readonly version: string;
}

export type SwToPage = VersionReported;

function hasType(data: unknown): data is { type: unknown } {
  return typeof data === 'object' && data !== null && 'type' in data;
}

export function isPageToSw(data: unknown): data is PageToSw {
  return hasType(data) && data.type === 'SKIP_WAITING';
}

export function isSwToPage(data: unknown): data is SwToPage {
  return (
    hasType(data) && data.type === 'version-reported' && typeof (data as { version?: unknown }).version === 'string'
  );
}

/**
 * The worker relays the page's catalog searches, so that what the catalog refuses shows in the
 * page as words, not as console errors. Its answers carry this header:
 * - `cors-refused`: the catalog is reachable but sends no CORS headers (use JSONP);
 * - `unreachable`: no answer at all;
 * - `status`: the catalog's own answer, its status moved to `CATALOG_STATUS_HEADER` and sent as 200.
 */
export const CATALOG_RELAY_HEADER = 'X-Half-Tunes-Relay';
export const CATALOG_STATUS_HEADER = 'X-Half-Tunes-Status';

export type CatalogRelay =
  { readonly outcome: 'cors-refused' | 'unreachable' } | { readonly outcome: 'status'; readonly status: number };

/** Reads the relay's header; null for an answer that did not come through the relay. */
export function readCatalogRelay(headers: Headers): CatalogRelay | null {
  const outcome = headers.get(CATALOG_RELAY_HEADER);
  if (outcome === 'cors-refused' || outcome === 'unreachable') return { outcome };
  const status = Number(headers.get(CATALOG_STATUS_HEADER));
  if (outcome === 'status' && Number.isInteger(status) && status >= 100 && status <= 599) return { outcome, status };
  return null;
}
