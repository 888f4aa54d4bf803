import {
  CATALOG_EXTRA_REQUESTS_HEADER,
  CATALOG_RELAY_HEADER,
  CATALOG_STATUS_HEADER,
  MAX_EXTRA_CATALOG_REQUESTS,
  type CatalogRelay,
} from '../shared/catalog-relay.ts';

/**
 * The page's half of the catalog relay (docs/protocols/catalog-relay.md; its worker half:
 * `src/sw/catalog-relay.ts`). The relay's headers switch the catalog client to JSONP, which runs the
 * catalog's script: they are believed only on answers to requests sent while our worker controlled
 * the page (the worker removes any the catalog itself sends). Asked when the request leaves
 * (`sentVia`): a worker that takes control meanwhile did not answer it.
 */

/** Answers to requests sent while our worker controlled the page. */
const viaWorker = new WeakSet<Response>();

/** Whether our worker answers the page's requests now. */
export const relaying = (): boolean => typeof navigator !== 'undefined' && !!navigator.serviceWorker?.controller;

/** Notes that `response` answers a request sent while `relayed` (whether our worker controlled the page). */
export function sentVia(response: Response, relayed: boolean): void {
  if (relayed) viaWorker.add(response);
}

/** The worker's extra requests an answer reports, 0 when it reports none (or nonsense). */
function readExtraCatalogRequests(headers: Headers): number {
  const extra = Number(headers.get(CATALOG_EXTRA_REQUESTS_HEADER) ?? 0);
  return Number.isInteger(extra) && extra > 0 ? Math.min(extra, MAX_EXTRA_CATALOG_REQUESTS) : 0;
}

/** Reads the relay's header; null for an answer that did not come through the relay. */
function readCatalogRelay(headers: Headers): CatalogRelay | null {
  const outcome = headers.get(CATALOG_RELAY_HEADER);
  if (outcome === 'cors-refused' || outcome === 'unreachable') return { outcome };
  const status = Number(headers.get(CATALOG_STATUS_HEADER));
  if (outcome === 'status' && Number.isInteger(status) && status >= 100 && status <= 599) return { outcome, status };
  return null;
}

/** What the relay says of an answer, if our worker relayed it. */
export const relayOf = (response: Response): CatalogRelay | null =>
  viaWorker.has(response) ? readCatalogRelay(response.headers) : null;

/** The requests the worker sent the catalog beyond the page's one (its probe, a second ask), for the budget. */
export const extraRequestsOf = (response: Response): number =>
  viaWorker.has(response) ? readExtraCatalogRequests(response.headers) : 0;
