import type { DownloadRecord } from '../shared/downloads.ts';

/** How long after the network is back (or was never gone, to the page) a lost download is asked again. */
const RETRY_AFTER_MS = 3000;
/** How often `navigator.onLine` is read while offline: a document may never get its `online` event. */
const RECHECK_MS = 2000;

/**
 * Keeps the promise of "It continues by itself when you are back online" where the browser has no
 * Background Sync (Firefox, every iPhone browser): a download that failed for lack of network is
 * retried once the page sees the network. A worker that started before the browser's network was up
 * (Firefox after a restart) can fail this way while the page is online: it is retried too, at most
 * once per failure it reports.
 */
export class NetworkRetry {
  readonly #waiting = new Map<number, ReturnType<typeof setInterval>>();

  constructor(private readonly retry: (trackId: number) => void) {}

  /** Looks at a download the worker reported. */
  seen(download: DownloadRecord): void {
    const { trackId } = download;
    const lost = download.status === 'failed' && download.failure?.code === 'network';
    if (!lost) {
      this.#forget(trackId);
      return;
    }
    if (this.#waiting.has(trackId)) return;
    let since = navigator.onLine ? Date.now() : null;
    const timer = setInterval(
      () => {
        if (!navigator.onLine) since = null;
        else since ??= Date.now();
        if (since === null || Date.now() - since < RETRY_AFTER_MS) return;
        this.#forget(trackId);
        this.retry(trackId);
      },
      Math.min(RECHECK_MS, RETRY_AFTER_MS),
    );
    this.#waiting.set(trackId, timer);
  }

  #forget(trackId: number): void {
    clearInterval(this.#waiting.get(trackId));
    this.#waiting.delete(trackId);
  }
}
