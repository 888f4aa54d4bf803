import type { Track } from '../shared/catalog.ts';
import type { Batch, DownloadRecord } from '../shared/downloads.ts';
import { DOWNLOADS_CHANNEL, isSwToPage, type PageToSw } from '../shared/messages.ts';
import { backgroundDownloadsChosen, pinnedEngine } from '../settings/background-downloads.ts';
import { BackgroundFetchPages } from './background-fetch.ts';
import { currentConditions, watchConditions } from './conditions.ts';
import { tellWorkerTheLanguage } from './language.ts';
import { lotTitle, shareOfFetch } from './lot.ts';
import { UndoDelete, type Deleted } from './undo-delete.ts';

/** While downloads run, pages nudge the worker this often: it keeps it alive and restarts a stopped one. */
const KEEP_ALIVE_MS = 5000;

/** A download as pages show it: a queued one may be waiting for Wi-Fi. */
export type ShownDownload = DownloadRecord & { readonly waitingForWifi?: true };

/** A download action a row can ask for. */
export type DownloadAction = 'start' | 'pause' | 'resume' | 'cancel' | 'retry' | 'delete';

/**
 * The page's half of downloads (docs/protocols/downloads.md; its worker half: `src/sw/download/`):
 * sends commands to the worker, the owner of all download state, and keeps the latest state it
 * broadcasts. Fires `change` whenever that state changes.
 */
export class DownloadBridge extends EventTarget {
  /** Each download as stored, and the bytes read but not stored yet (progress shows both). */
  readonly #downloads = new Map<number, DownloadRecord>();
  readonly #pending = new Map<number, number>();
  readonly #backgroundFetches = new BackgroundFetchPages(
    (command) => this.#post(command),
    () => this.#changed(),
  );
  readonly #undo = new UndoDelete(
    (trackId) => {
      this.#removing.add(trackId);
      this.#post({ type: 'delete-download', trackId });
    },
    () => this.#changed(true),
  );
  /** Whether this page already handed its downloads to a background fetch since it was last on screen. */
  #handedOver = false;
  #connected = false;
  /** Starts or stops reading the network often, as the downloads shown now need. */
  #watchNetwork: () => void = () => undefined;
  #keepAlive: ReturnType<typeof setInterval> | undefined;
  #finishedNews: { completed: number; batch: string | null } | null = null;
  #refused = false;
  #upgradeBlocked = false;
  #waitingForWifi = false;
  #changePending = false;
  /** Queued downloads as shown while they wait for Wi-Fi, one object per record (rows re-render on change). */
  readonly #shownWaiting = new WeakMap<DownloadRecord, ShownDownload>();
  /** Songs whose deletion was sent, hidden until the worker says they are gone. */
  readonly #removing = new Set<number>();

  /**
   * The download of a track, if there is one, with what a running background fetch brought so far.
   * A song being deleted (undo still possible) has none.
   */
  get(trackId: number): ShownDownload | undefined {
    if (this.#undo.has(trackId) || this.#removing.has(trackId)) return undefined;
    const download = this.#downloads.get(trackId);
    if (download?.status === 'queued' && this.#waitingForWifi) {
      let shown = this.#shownWaiting.get(download);
      if (!shown) this.#shownWaiting.set(download, (shown = { ...download, waitingForWifi: true }));
      return shown;
    }
    if (download?.status !== 'downloading') return download;
    const id = download.backgroundFetchId;
    const more =
      (this.#pending.get(trackId) ?? 0) +
      (id ? shareOfFetch(download, [...this.#downloads.values()], this.#backgroundFetches.downloaded(id)) : 0);
    return more === 0 ? download : { ...download, bytesReceived: download.bytesReceived + more };
  }

  /** Every download, finished songs newest first, then the rest in the order they were asked for. */
  all(): ShownDownload[] {
    return [...this.#downloads.keys()]
      .map((trackId) => this.get(trackId))
      .filter((download): download is ShownDownload => download !== undefined)
      .sort((a, b) => (b.completedAt ?? 0) - (a.completedAt ?? 0) || a.queuedAt - b.queuedAt);
  }

  /**
   * What the worker has stored, in short (each download's state, deleted ones included until the
   * worker confirms): it changes whenever the bytes in storage do.
   */
  get storedStates(): string {
    return [...this.#downloads.values()].map((download) => `${download.trackId}:${download.status}`).join();
  }

  /** What can be undone, one Undo each: a song, or an album's songs deleted together. */
  get deletions(): Deleted[] {
    return this.#undo.groups;
  }

  /** Deletes an album's downloaded songs with one Undo for them all. */
  deleteTogether(tracks: readonly Track[], group: { key: string; name: string }): void {
    this.#undo.deleteTogether(tracks, group);
  }

  undoDeletion(key: string): void {
    this.#undo.undoGroup(key);
  }

  /** The songs deleted within the undo time, oldest first. */
  get deleting(): Track[] {
    return this.#undo.tracks;
  }

  /** True while a new version's storage upgrade waits for a connection of the old version to close. */
  get upgradeBlocked(): boolean {
    return this.#upgradeBlocked;
  }

  /** True while downloads wait for Wi-Fi ("Download only on Wi-Fi" on a metered connection). */
  get waitingForWifi(): boolean {
    return this.#waitingForWifi;
  }

  /** Tells the worker the person's choices, the connection, and whether this page is on screen. */
  conditionsChanged(): void {
    this.#post(currentConditions(this.#backgroundFetches.available));
  }

  /** Whether the worker refused a command of this page (a page of an older version, most likely). */
  get refused(): boolean {
    return this.#refused;
  }

  dismissRefusal(): void {
    this.#refused = false;
    this.#changed(true);
  }

  /** News for the status line ("Downloads finished …"), when no notification could say it. */
  get finishedNews(): { completed: number; batch: string | null } | null {
    return this.#finishedNews;
  }

  /** Listens to the worker's broadcasts and asks for the current state of every download. */
  connect(): void {
    if (this.#connected || !('serviceWorker' in navigator)) return;
    this.#connected = true;
    const channel = new BroadcastChannel(DOWNLOADS_CHANNEL);
    channel.addEventListener('message', (event) => this.#receive(event.data));
    navigator.serviceWorker.addEventListener('message', (event) => this.#receive(event.data));
    void this.#send({ type: 'list-downloads' });
    // While a download failed, the network is read often: the worker asks it again once the network is back.
    this.#watchNetwork = watchConditions(
      () => this.conditionsChanged(),
      () => [...this.#downloads.values()].some((download) => download.status === 'failed'),
    );
    tellWorkerTheLanguage((command) => this.#post(command));
    // The worker hears of Background Fetch only once the page knows whether the browser has it.
    void this.#backgroundFetches.connect().then(() => this.conditionsChanged());
    document.addEventListener('visibilitychange', () => this.#visibilityChanged());
    addEventListener('pagehide', () => this.#hidden());
  }

  #visibilityChanged(): void {
    if (document.visibilityState === 'hidden') return this.#hidden();
    this.#handedOver = false;
    this.conditionsChanged();
  }

  /**
   * The page hides or closes: the worker hears it at once, and where the person lets downloads go on
   * with Half Tunes closed, every download still running or queued is handed to one background fetch,
   * started here (only a page can) before the page may be gone. The worker adopts it unless another
   * page is still on screen, and its streams take the downloads again where no fetch comes.
   */
  #hidden(): void {
    if (!this.#handedOver && backgroundDownloadsChosen()) this.#handOver();
    // After the lot: the worker holds its downloads before it hears that no page is on screen.
    this.conditionsChanged();
  }

  #handOver(): void {
    this.#handedOver = true;
    const lot = [...this.#downloads.values()]
      .filter(({ status, engine, backgroundFetchId, pinned }) => {
        if (pinned === 'range' || engine === 'opaque') return false;
        // A background fetch that already has a download is left to finish it.
        return status === 'queued' || (status === 'downloading' && !backgroundFetchId);
      })
      .sort((a, b) => (a.status === b.status ? 0 : a.status === 'downloading' ? -1 : 1) || a.queuedAt - b.queuedAt);
    this.#backgroundFetches.handOver(lot, lotTitle(lot));
  }

  /**
   * Asks for one action on a track's download. "Delete" waits `UNDO_DELETE_MS`, so it can be undone.
   * A start may belong to a batch, which its notification names.
   */
  act(action: DownloadAction, track: Track, batch?: Batch): void {
    if (action === 'delete') {
      this.#undo.delete(track);
      return;
    }
    // Downloading a song again while its deletion can be undone: it never left.
    if (action === 'start' && this.#undo.has(track.id)) {
      this.#undo.undo(track.id);
      return;
    }
    if (action === 'start') {
      // The news of an earlier batch is over once a new download starts.
      this.#finishedNews = null;
      void this.#askNotificationPermission();
      const engine = pinnedEngine();
      const start: PageToSw = {
        type: 'start-download',
        track,
        forceRange: engine === 'range',
        ...(engine ? { engine } : {}),
        ...(batch ? { batch } : {}),
      };
      void this.#send(start);
      return;
    }
    void this.#send({ type: `${action}-download`, trackId: track.id });
  }

  /**
   * Downloads, in order, every song of `tracks` not downloaded or on its way yet, as one batch
   * (a failed one is tried again).
   */
  startBatch(tracks: readonly Track[], batch: Batch): void {
    for (const track of tracks) {
      const status = this.get(track.id)?.status;
      if (status === undefined || status === 'failed') this.act('start', track, batch);
    }
  }

  /**
   * Deletes every download shown, finished or not, at once: the person confirmed it (Settings). One
   * command names exactly those songs, and the worker removes them in one step.
   */
  deleteAll(): void {
    const trackIds = this.all().map((download) => download.trackId);
    for (const trackId of trackIds) this.#removing.add(trackId);
    void this.#send({ type: 'delete-downloads', trackIds });
    this.#changed(true);
  }

  /** Cancels what a batch started and has not finished; songs downloaded on their own stay. */
  cancelBatch(batchId: string): void {
    for (const download of this.all()) {
      if (download.batch?.id === batchId && download.status !== 'completed') this.act('cancel', download.track);
    }
  }

  /** Stops the undo time while the person is at an Undo button, and starts it again when they leave. */
  holdDeletes(held: boolean): void {
    this.#undo.hold(held);
  }

  /** Whether the worker has listed the downloads yet: before, an absent download may only be unknown. */
  get listed(): boolean {
    return this.#listed;
  }

  #listed = false;

  #receive(data: unknown): void {
    if (!isSwToPage(data)) return;
    switch (data.type) {
      case 'command-refused':
        this.#refused = true;
        break;
      case 'background-fetch-requested':
        void this.#backgroundFetches.start(data);
        return;
      case 'downloads-listed':
        this.#listed = true;
        this.#downloads.clear();
        this.#pending.clear();
        for (const download of data.downloads) {
          this.#downloads.set(download.trackId, download);
          this.#backgroundFetches.stored(download.backgroundFetchId);
        }
        break;
      case 'download-changed':
        this.#downloads.set(data.download.trackId, data.download);
        this.#pending.set(data.download.trackId, data.pending ?? 0);
        this.#removing.delete(data.download.trackId);
        this.#backgroundFetches.stored(data.download.backgroundFetchId);
        break;
      case 'download-removed':
        this.#downloads.delete(data.trackId);
        this.#pending.delete(data.trackId);
        this.#removing.delete(data.trackId);
        break;
      case 'storage-upgrade':
        this.#upgradeBlocked = data.blocked;
        break;
      case 'wifi-wait':
        this.#waitingForWifi = data.waiting;
        break;
      case 'downloads-finished':
        this.#finishedNews = data.notified ? null : { completed: data.completed, batch: data.batch };
        break;
    }
    this.#updateKeepAlive();
    this.#watchNetwork();
    this.#changed();
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

  /**
   * Fires `change` once per frame however many broadcasts arrive in it: a batch of 50 starts with 50
   * "queued" broadcasts at once, and every row re-rendering for each of them would hold the main
   * thread. A change the person just made (`now`) shows at once, so focus can follow it; a hidden
   * page has no frames, so it is told at once too.
   */
  #changed(now = false): void {
    if (now || document.visibilityState !== 'visible') {
      this.dispatchEvent(new Event('change'));
      return;
    }
    if (this.#changePending) return;
    this.#changePending = true;
    requestAnimationFrame(() => {
      this.#changePending = false;
      this.dispatchEvent(new Event('change'));
    });
  }

  async #send(command: PageToSw): Promise<void> {
    const registration = await navigator.serviceWorker.ready;
    (navigator.serviceWorker.controller ?? registration.active)?.postMessage(command);
  }

  /** Sends at once where a worker controls the page (on `pagehide` there is no later), else when one is ready. */
  #post(command: PageToSw): void {
    const controller = navigator.serviceWorker.controller;
    if (controller) controller.postMessage(command);
    else void this.#send(command);
  }

  /** Asked the first time the person taps Download, never on page load. */
  async #askNotificationPermission(): Promise<void> {
    if (!('Notification' in window) || Notification.permission !== 'default') return;
    await Notification.requestPermission().catch(() => undefined);
  }
}

export const downloadBridge = new DownloadBridge();
