import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { downloadBridge } from '../bridge/download-bridge.ts';

/** What `navigator.storage.estimate()` said, in bytes. */
export interface StorageFigures {
  readonly usage: number;
  readonly quota: number;
}

/**
 * Storage as the person sees it: how much is used and available, and whether the browser keeps it
 * (persistent storage, asked for once the first song has finished downloading). The figures are
 * read again whenever a song is added or removed.
 */
export class StorageController implements ReactiveController {
  figures: StorageFigures | null = null;
  /** null until known, or where the browser cannot tell. */
  persisted: boolean | null = null;
  #asked = false;
  #songs = '';
  readonly #onChange = (): void => void this.#refresh();

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    downloadBridge.addEventListener('change', this.#onChange);
    void this.#refresh(true);
  }

  hostDisconnected(): void {
    downloadBridge.removeEventListener('change', this.#onChange);
  }

  async #refresh(force = false): Promise<void> {
    const songs = downloadBridge.all().filter((download) => download.status === 'completed');
    const key = songs.map((download) => download.trackId).join();
    if (!force && key === this.#songs) return;
    this.#songs = key;
    const storage = navigator.storage as StorageManager | undefined;
    if (!storage?.estimate) return;
    const { usage = 0, quota = 0 } = await storage.estimate();
    this.figures = { usage, quota };
    this.persisted = (await storage.persisted?.()) ?? null;
    if (songs.length > 0 && this.persisted === false && !this.#asked) {
      this.#asked = true;
      this.persisted = await storage.persist().catch(() => false);
    }
    this.host.requestUpdate();
  }
}
