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
 * The worker relays catalog searches, so that a catalog without CORS headers fails in the worker and
 * not with an error in the page's console. It then answers with this header instead:
 * `cors-refused` — the catalog is reachable but unreadable (use JSONP); `unreachable` — no answer.
 */
export const CATALOG_RELAY_HEADER = 'X-Half-Tunes-Relay';
export type CatalogRelayOutcome = 'cors-refused' | 'unreachable';

export function catalogRelayOutcome(headers: Headers): CatalogRelayOutcome | null {
  const value = headers.get(CATALOG_RELAY_HEADER);
  return value === 'cors-refused' || value === 'unreachable' ? value : null;
}
