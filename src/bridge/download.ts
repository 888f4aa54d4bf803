import type { Track } from '../shared/catalog.ts';
import { finishedWords, type Batch, type DownloadRecord } from '../shared/downloads.ts';
import { forceRangeEngine } from '../settings/engine-setting.ts';
import { BackgroundFetchPages } from './background-fetch.ts';
import { currentConditions, watchConditions } from './conditions.ts';
import { DOWNLOADS_CHANNEL, isSwToPage, type PageToSw } from '../shared/messages.ts';

/** While downloads run, pages nudge the worker this often: it keeps it alive and restarts a stopped one. */
const KEEP_ALIVE_MS = 5000;

/** How long "Delete" can be undone before the song is gone. */
export const UNDO_DELETE_MS = 6000;

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
  readonly #downloads = new Map<number, DownloadRecord>();
  readonly #backgroundFetches = new BackgroundFetchPages(
    (command) => this.#send(command),
    () => this.#changed(),
  );
  #connected = false;
  /** Starts or stops reading the network often, as the downloads shown now need. */
  #watchNetwork: () => void = () => undefined;
  #keepAlive: ReturnType<typeof setInterval> | undefined;
  #finishedNews = '';
  #refused = false;
  #upgradeBlocked = false;
  #waitingForWifi = false;
  #changePending = false;
  /** Queued downloads as shown while they wait for Wi-Fi, one object per record (rows re-render on change). */
  readonly #shownWaiting = new WeakMap<DownloadRecord, ShownDownload>();
  /** Songs the person deleted, kept until the undo time is over. */
  readonly #deleting = new Map<number, { track: Track; timer: ReturnType<typeof setTimeout> | undefined }>();
  /** While the person is at an Undo button, the undo time stands still. */
  #deletesHeld = false;
  /** Songs whose deletion was sent, hidden until the worker says they are gone. */
  readonly #removing = new Set<number>();

  /**
   * The download of a track, if there is one, with what a running background fetch brought so far.
   * A song being deleted (undo still possible) has none.
   */
  get(trackId: number): ShownDownload | undefined {
    if (this.#deleting.has(trackId) || this.#removing.has(trackId)) return undefined;
    const download = this.#downloads.get(trackId);
    if (download?.status === 'queued' && this.#waitingForWifi) {
      let shown = this.#shownWaiting.get(download);
      if (!shown) this.#shownWaiting.set(download, (shown = { ...download, waitingForWifi: true }));
      return shown;
    }
    if (download?.status !== 'downloading') return download;
    const fetched = this.#backgroundFetches.fetched(trackId, download.backgroundFetchId);
    return fetched === 0 ? download : { ...download, bytesReceived: download.bytesReceived + fetched };
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

  /** The songs deleted within the undo time, oldest first. */
  get deleting(): Track[] {
    return [...this.#deleting.values()].map(({ track }) => track);
  }

  /** True while a new version's storage upgrade waits for a connection of the old version to close. */
  get upgradeBlocked(): boolean {
    return this.#upgradeBlocked;
  }

  /** True while downloads wait for Wi-Fi ("Download only on Wi-Fi" on a metered connection). */
  get waitingForWifi(): boolean {
    return this.#waitingForWifi;
  }

  /** Tells the worker the person's Wi-Fi choice and the connection, after either changed. */
  conditionsChanged(): void {
    void this.#send(currentConditions());
  }

  /** Whether the worker refused a command of this page (a page of an older version, most likely). */
  get refused(): boolean {
    return this.#refused;
  }

  dismissRefusal(): void {
    this.#refused = false;
    this.#changed(true);
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
    navigator.serviceWorker.addEventListener('message', (event) => this.#receive(event.data));
    void this.#send({ type: 'list-downloads' });
    this.conditionsChanged();
    // While a download failed, the network is read often: the worker asks it again once the network is back.
    this.#watchNetwork = watchConditions(
      () => this.conditionsChanged(),
      () => [...this.#downloads.values()].some((download) => download.status === 'failed'),
    );
    void this.#backgroundFetches.reattach();
  }

  /**
   * Asks for one action on a track's download. "Delete" waits `UNDO_DELETE_MS`, so it can be undone.
   * A start may belong to a batch, which its notification names.
   */
  act(action: DownloadAction, track: Track, batch?: Batch): void {
    if (action === 'delete') {
      this.#deleteLater(track);
      return;
    }
    // Downloading a song again while its deletion can be undone: it never left.
    if (action === 'start' && this.#deleting.has(track.id)) {
      this.undoDelete(track.id);
      return;
    }
    if (action === 'start') {
      // The news of an earlier batch is over once a new download starts.
      this.#finishedNews = '';
      void this.#askNotificationPermission();
      void this.#send({ type: 'start-download', track, forceRange: forceRangeEngine(), ...(batch ? { batch } : {}) });
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

  /** Keeps a deleted song after all. */
  undoDelete(trackId: number): void {
    clearTimeout(this.#deleting.get(trackId)?.timer);
    if (!this.#deleting.delete(trackId)) return;
    if (this.#deleting.size === 0) this.#deletesHeld = false;
    this.#changed(true);
  }

  /**
   * Stops the undo time while the person is at an Undo button (focus or pointer), and starts it
   * again, in full, when they leave.
   */
  holdDeletes(held: boolean): void {
    if (held === this.#deletesHeld) return;
    this.#deletesHeld = held;
    for (const [trackId, entry] of this.#deleting) {
      clearTimeout(entry.timer);
      entry.timer = held ? undefined : setTimeout(() => this.#commitDelete(trackId), UNDO_DELETE_MS);
    }
  }

  #deleteLater(track: Track): void {
    if (this.#deleting.has(track.id)) return;
    const timer = this.#deletesHeld ? undefined : setTimeout(() => this.#commitDelete(track.id), UNDO_DELETE_MS);
    this.#deleting.set(track.id, { track, timer });
    if (this.#deleting.size === 1) addEventListener('pagehide', this.#commitAllDeletes);
    this.#changed(true);
  }

  #commitDelete(trackId: number): void {
    clearTimeout(this.#deleting.get(trackId)?.timer);
    this.#deleting.delete(trackId);
    this.#removing.add(trackId);
    if (this.#deleting.size === 0) {
      removeEventListener('pagehide', this.#commitAllDeletes);
      this.#deletesHeld = false;
    }
    // Sent at once, with no await: on `pagehide` there is no later.
    navigator.serviceWorker.controller?.postMessage({ type: 'delete-download', trackId } satisfies PageToSw);
    if (!navigator.serviceWorker.controller) void this.#send({ type: 'delete-download', trackId });
    this.#changed(true);
  }

  /** The page goes away within the undo time: the person meant to delete. */
  readonly #commitAllDeletes = (): void => {
    for (const trackId of [...this.#deleting.keys()]) this.#commitDelete(trackId);
  };

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
        this.#downloads.clear();
        for (const download of data.downloads) this.#downloads.set(download.trackId, download);
        break;
      case 'download-changed':
        this.#downloads.set(data.download.trackId, data.download);
        this.#removing.delete(data.download.trackId);
        this.#backgroundFetches.stored(data.download.trackId, data.download.backgroundFetchId);
        break;
      case 'download-removed':
        this.#downloads.delete(data.trackId);
        this.#removing.delete(data.trackId);
        break;
      case 'storage-upgrade':
        this.#upgradeBlocked = data.blocked;
        break;
      case 'wifi-wait':
        this.#waitingForWifi = data.waiting;
        break;
      case 'downloads-finished':
        this.#finishedNews = data.notified ? '' : `Downloads finished — ${finishedWords(data.completed, data.batch)}`;
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

  /** Asked the first time the person taps Download, never on page load. */
  async #askNotificationPermission(): Promise<void> {
    if (!('Notification' in window) || Notification.permission !== 'default') return;
    await Notification.requestPermission().catch(() => undefined);
  }
}

export const downloadBridge = new DownloadBridge();
