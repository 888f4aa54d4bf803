import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { downloadBridge, type DownloadAction, type ShownDownload } from '../bridge/download.ts';
import type { Track } from '../shared/catalog.ts';
import type { Batch } from '../shared/downloads.ts';
import type { Deleted } from '../bridge/undo-delete.ts';
import { currentWorkerWords } from '../i18n/worker-words.ts';
import { finishedWords } from '../shared/worker-words.ts';

/** Turns the worker's download broadcasts into state of a Lit host, which re-renders on every change. */
export class DownloadController implements ReactiveController {
  readonly #onChange = (): void => this.host.requestUpdate();

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    downloadBridge.addEventListener('change', this.#onChange);
    downloadBridge.connect();
  }

  hostDisconnected(): void {
    downloadBridge.removeEventListener('change', this.#onChange);
  }

  /** Whether the worker has listed the downloads yet (`DownloadBridge.listed`). */
  get listed(): boolean {
    return downloadBridge.listed;
  }

  /** Resolves once the worker has listed the downloads (at once if it has). */
  whenListed(): Promise<void> {
    if (downloadBridge.listed) return Promise.resolve();
    return new Promise((resolve) => {
      const check = (): void => {
        if (!downloadBridge.listed) return;
        downloadBridge.removeEventListener('change', check);
        resolve();
      };
      downloadBridge.addEventListener('change', check);
    });
  }

  get(trackId: number): ShownDownload | undefined {
    return downloadBridge.get(trackId);
  }

  /** Every download, finished songs newest first. */
  all(): ShownDownload[] {
    return downloadBridge.all();
  }

  /** Finished songs, newest first: the library. */
  library(): Track[] {
    return downloadBridge
      .all()
      .filter((download) => download.status === 'completed')
      .map((download) => download.track);
  }

  /** Songs deleted within the undo time. */
  get deleting(): Track[] {
    return downloadBridge.deleting;
  }

  /** What can be undone, one Undo each (`DownloadBridge.deletions`). */
  get deletions(): Deleted[] {
    return downloadBridge.deletions;
  }

  /** Deletes an album's downloaded songs with one Undo for them all. */
  deleteTogether(tracks: readonly Track[], group: { key: string; name: string }): void {
    downloadBridge.deleteTogether(tracks, group);
  }

  undoDeletion(key: string): void {
    downloadBridge.undoDeletion(key);
  }

  holdDeletes(held: boolean): void {
    downloadBridge.holdDeletes(held);
  }

  get upgradeBlocked(): boolean {
    return downloadBridge.upgradeBlocked;
  }

  /** Downloads wait for Wi-Fi: "Download only on Wi-Fi", on a metered connection. */
  get waitingForWifi(): boolean {
    return downloadBridge.waitingForWifi;
  }

  /** The person's Wi-Fi choice changed: the worker decides anew. */
  settingsChanged(): void {
    downloadBridge.conditionsChanged();
  }

  /** Whether the worker refused a command of this page. */
  get refused(): boolean {
    return downloadBridge.refused;
  }

  dismissRefusal(): void {
    downloadBridge.dismissRefusal();
  }

  /** "Downloads finished …" for the status line, in the app's language, when no notification could say it. */
  get finishedNews(): string {
    const news = downloadBridge.finishedNews;
    if (!news) return '';
    const words = currentWorkerWords();
    return `${words.finishedTitle} — ${finishedWords(words, news.completed, news.batch)}`;
  }

  act(action: DownloadAction, track: Track): void {
    downloadBridge.act(action, track);
  }

  startBatch(tracks: readonly Track[], batch: Batch): void {
    downloadBridge.startBatch(tracks, batch);
  }

  deleteAll(): void {
    downloadBridge.deleteAll();
  }

  cancelBatch(batchId: string): void {
    downloadBridge.cancelBatch(batchId);
  }
}
