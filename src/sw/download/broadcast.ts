/// <reference lib="webworker" />
import { PROGRESS_EVENTS_PER_SECOND, type DownloadRecord } from '../../shared/downloads.ts';
import { DOWNLOADS_CHANNEL, type SwToPage } from '../../shared/messages.ts';

const PROGRESS_INTERVAL_MS = 1000 / PROGRESS_EVENTS_PER_SECOND;

/**
 * Tells every open page what happened to downloads, over one BroadcastChannel. State changes go out
 * at once; progress at most `PROGRESS_EVENTS_PER_SECOND` times a second per download, the latest
 * figure always delivered last.
 */
export class DownloadBroadcaster {
  readonly #channel = new BroadcastChannel(DOWNLOADS_CHANNEL);
  readonly #lastSent = new Map<number, number>();
  readonly #trailing = new Map<number, ReturnType<typeof setTimeout>>();

  #post(message: SwToPage): void {
    this.#channel.postMessage(message);
  }

  #cancelTrailing(trackId: number): void {
    clearTimeout(this.#trailing.get(trackId));
    this.#trailing.delete(trackId);
  }

  /** A download changed state: sent at once, superseding any progress not yet sent. */
  changed(download: DownloadRecord): void {
    this.#cancelTrailing(download.trackId);
    // Not counted against progress: the first bytes after "downloading" show at once.
    this.#post({ type: 'download-changed', download });
  }

  /** Bytes arrived; `pending` are read but not stored yet (pages show both, and know which are stored). */
  progress(download: DownloadRecord, pending: number): void {
    const wait = (this.#lastSent.get(download.trackId) ?? 0) + PROGRESS_INTERVAL_MS - Date.now();
    this.#cancelTrailing(download.trackId);
    if (wait <= 0) {
      this.#lastSent.set(download.trackId, Date.now());
      this.#post({ type: 'download-changed', download, pending });
    } else {
      this.#trailing.set(
        download.trackId,
        setTimeout(() => this.progress(download, pending), wait),
      );
    }
  }

  removed(trackId: number): void {
    this.#cancelTrailing(trackId);
    this.#post({ type: 'download-removed', trackId });
  }

  listed(downloads: readonly DownloadRecord[]): void {
    this.#post({ type: 'downloads-listed', downloads });
  }

  storageUpgrade(blocked: boolean): void {
    this.#post({ type: 'storage-upgrade', blocked });
  }

  wifiWait(waiting: boolean): void {
    this.#post({ type: 'wifi-wait', waiting });
  }

  finished(completed: number, batch: string | null, notified: boolean): void {
    this.#post({ type: 'downloads-finished', completed, batch, notified });
  }
}
