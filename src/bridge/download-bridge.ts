import type { Track } from '../shared/catalog.ts';
import type { DownloadRecord } from '../shared/downloads.ts';
import { DOWNLOADS_CHANNEL, isSwToPage, type PageToSw } from '../shared/messages.ts';

/** While downloads run, pages nudge the worker this often: it keeps it alive and restarts a stopped one. */
const KEEP_ALIVE_MS = 5000;

/** A download action a row can ask for. */
export type DownloadAction = 'start' | 'pause' | 'resume' | 'cancel' | 'retry' | 'delete';

/**
 * The page's side of downloads: sends commands to the worker (the owner of all download state) and
 * keeps the latest state it broadcasts. Fires `change` whenever that state changes, and `finished`
 * when the worker could not show the "Downloads finished" notification itself.
 */
export class DownloadBridge extends EventTarget {
  readonly #downloads = new Map<number, DownloadRecord>();
  #connected = false;
  #keepAlive: ReturnType<typeof setInterval> | undefined;
  #finishedNews = '';

  /** The download of a track, if there is one. */
  get(trackId: number): DownloadRecord | undefined {
    return this.#downloads.get(trackId);
  }

  /** News for the status line: "Downloads finished …", when no notification could say it. */
  get finishedNews(): string {
    return this.#finishedNews;
  }

  /** Listens to the worker's broadcasts and asks for the current state of every download. */
  connect(): void {
    if (this.#connected || !('serviceWorker' in navigator)) return;
    this.#connected = true;
    const channel = new BroadcastChannel(DOWNLOADS_CHANNEL);
    channel.addEventListener('message', (event) => this.#receive(event.data));
    void this.#send({ type: 'list-downloads' });
  }

  /** Asks for one action on a track's download. */
  act(action: DownloadAction, track: Track): void {
    if (action === 'start') {
      void this.#askNotificationPermission();
      const forceRange = new URLSearchParams(location.search).get('engine') === 'range';
      void this.#send({ type: 'start-download', track, forceRange });
      return;
    }
    void this.#send({ type: `${action}-download`, trackId: track.id });
  }

  #receive(data: unknown): void {
    if (!isSwToPage(data)) return;
    switch (data.type) {
      case 'downloads-listed':
        this.#downloads.clear();
        for (const download of data.downloads) this.#downloads.set(download.trackId, download);
        break;
      case 'download-changed':
        this.#downloads.set(data.download.trackId, data.download);
        break;
      case 'download-removed':
        this.#downloads.delete(data.trackId);
        break;
      case 'downloads-finished':
        this.#finishedNews = data.notified
          ? ''
          : `Downloads finished: ${data.completed === 1 ? '1 preview is' : `${data.completed} previews are`} ready to play offline.`;
        break;
    }
    this.#updateKeepAlive();
    this.dispatchEvent(new Event('change'));
  }

  #updateKeepAlive(): void {
    const active = [...this.#downloads.values()].some((d) => d.status === 'downloading' || d.status === 'queued');
    if (active && this.#keepAlive === undefined) {
      this.#keepAlive = setInterval(() => void this.#send({ type: 'keep-alive' }), KEEP_ALIVE_MS);
    } else if (!active && this.#keepAlive !== undefined) {
      clearInterval(this.#keepAlive);
      this.#keepAlive = undefined;
    }
  }

  async #send(command: PageToSw): Promise<void> {
    const registration = await navigator.serviceWorker.ready;
    (navigator.serviceWorker.controller ?? registration.active)?.postMessage(command);
  }

  /** Asked the first time the person taps Download, never on page load. */
  async #askNotificationPermission(): Promise<void> {
    if (!('Notification' in window) || Notification.permission !== 'default') return;
    await Notification.requestPermission().catch(() => undefined);
  }
}

export const downloadBridge = new DownloadBridge();
