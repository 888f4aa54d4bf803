import type { DownloadRecord } from '../shared/downloads.ts';

/** Failures that end when the network comes back. */
const NETWORK_FAILURES: ReadonlySet<string> = new Set(['offline', 'unreachable', 'network']);
/** How often `navigator.onLine` is read while such a failure is shown: a document may never get its `online` event. */
const RECHECK_MS = 2000;

const failedForNetwork = (download: DownloadRecord): boolean =>
  download.status === 'failed' && NETWORK_FAILURES.has(download.failure?.code ?? '');

/**
 * Keeps the promise of "It continues by itself when you are back online" where the browser has no
 * Background Sync (Firefox, every iPhone browser): each time the page sees the network come back
 * (offline → online), every download that failed for lack of network or for a host that could not
 * be reached is asked again, once. While the network stays up nothing is asked again: a host that is
 * gone is not asked forever (the worker's own tries are bounded too). One exception, once per
 * download: a worker that says "offline" while this page has been online (Firefox's worker just
 * after the browser started, before its network was up).
 */
export class NetworkRetry {
  readonly #failed = new Set<number>();
  /** Downloads asked again while online because their worker said offline. */
  readonly #askedOnline = new Set<number>();
  #online = navigator.onLine;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly retry: (trackId: number) => void) {
    addEventListener('online', () => this.#check());
    addEventListener('offline', () => this.#check());
  }

  /** Looks at a download the worker reported. */
  seen(download: DownloadRecord): void {
    const { trackId } = download;
    if (!failedForNetwork(download)) {
      this.#failed.delete(trackId);
      this.#watch();
      return;
    }
    this.#failed.add(trackId);
    this.#watch();
    if (download.failure?.code === 'offline' && navigator.onLine && !this.#askedOnline.has(trackId)) {
      this.#askedOnline.add(trackId);
      this.retry(trackId);
    }
  }

  /** Reads the network while a failure waits for it. */
  #watch(): void {
    if (this.#failed.size > 0 && this.#timer === undefined) {
      this.#timer = setInterval(() => this.#check(), RECHECK_MS);
    } else if (this.#failed.size === 0 && this.#timer !== undefined) {
      clearInterval(this.#timer);
      this.#timer = undefined;
    }
  }

  #check(): void {
    const online = navigator.onLine;
    const back = online && !this.#online;
    this.#online = online;
    if (!back) return;
    this.#askedOnline.clear();
    for (const trackId of this.#failed) this.retry(trackId);
  }
}
