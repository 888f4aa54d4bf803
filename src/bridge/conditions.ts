import type { DownloadConditions } from '../shared/messages.ts';
import { backgroundDownloadsChosen } from '../settings/background-downloads.ts';
import { wifiOnlyChosen } from '../settings/wifi-only.ts';

/**
 * The page's half of download conditions (docs/protocols/conditions.md; its worker half:
 * `src/sw/download/conditions.ts`): the worker cannot read the connection's type, and may hear of the
 * network later than a page, so every page tells it what it sees, on opening and on every change. The
 * worker decides what follows (waiting for Wi-Fi, asking again what the network failed).
 */

/** The parts of the Network Information API we read; only some browsers have it, fewer tell `type`. */
interface NetworkInformationLike extends EventTarget {
  readonly type?: string;
  readonly saveData?: boolean;
}

const connection = (): NetworkInformationLike | undefined =>
  (navigator as Navigator & { connection?: NetworkInformationLike }).connection;

/** Whether the browser says which kind of network it is on: where it cannot, Wi-Fi only is not offered. */
export function connectionTypeKnown(): boolean {
  return typeof connection()?.type === 'string';
}

/** A mobile network, or the person asked for less data (Save-Data). */
export function onMeteredConnection(): boolean {
  const info = connection();
  return info?.type === 'cellular' || info?.saveData === true;
}

/** What this page tells the worker now; `backgroundFetch`: the browser has Background Fetch here. */
export function currentConditions(backgroundFetch: boolean): DownloadConditions {
  return {
    type: 'download-conditions',
    wifiOnly: connectionTypeKnown() && wifiOnlyChosen(),
    metered: onMeteredConnection(),
    online: navigator.onLine,
    visible: document.visibilityState === 'visible',
    background: backgroundFetch && backgroundDownloadsChosen(),
  };
}

/**
 * How often `navigator.onLine` is read while `watching` says so (a download failed for lack of
 * network): a document may never get its `online` event (Firefox, a page loaded offline).
 */
const RECHECK_MS = 2000;

/**
 * Calls `report` whenever the conditions change: the connection (Wi-Fi to mobile, Save-Data), and the
 * network going or coming back, from the browser's events or, while `watching()`, from reading
 * `navigator.onLine` every `RECHECK_MS`.
 */
export function watchConditions(report: () => void, watching: () => boolean): () => void {
  let online = navigator.onLine;
  const check = (): void => {
    if (navigator.onLine === online) return;
    online = navigator.onLine;
    report();
  };
  connection()?.addEventListener('change', report);
  addEventListener('online', check);
  addEventListener('offline', check);
  let timer: ReturnType<typeof setInterval> | undefined;
  /** Starts or stops reading the network, as `watching` now says. */
  return () => {
    if (watching() && timer === undefined) timer = setInterval(check, RECHECK_MS);
    else if (!watching() && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}
