import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { downloadBridge } from '../bridge/download.ts';

/** When the app asked for persistent storage (it asks once). */
const PERSIST_ASKED = 'half-tunes:persist-asked';
/** How long after a change the figures are read once more. */
const SETTLE_MS = 1500;

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
  /** What the figures were read for: every download's state; bytes change when any state does. */
  #states = '';
  #reading = 0;
  #again: ReturnType<typeof setTimeout> | undefined;
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
    clearTimeout(this.#again);
  }

  async #refresh(force = false): Promise<void> {
    const states = downloadBridge.storedStates;
    if (!force && states === this.#states) return;
    this.#states = states;
    await this.#readQuietly();
    // The browser frees a deleted file's space a moment after the transaction: read once more.
    clearTimeout(this.#again);
    this.#again = setTimeout(() => void this.#readQuietly(), SETTLE_MS);
  }

  /**
   * The figures are a courtesy: where the browser cannot give them (WebKit's private windows answer
   * `TypeError: Internal error`), the line is left out rather than an error raised.
   */
  async #readQuietly(): Promise<void> {
    try {
      await this.#read();
    } catch {
      // Nothing to show.
    }
  }

  async #read(): Promise<void> {
    const downloads = downloadBridge.all();
    const storage = navigator.storage as StorageManager | undefined;
    if (!storage?.estimate) return;
    const reading = ++this.#reading;
    const { usage = 0, quota = 0 } = await storage.estimate();
    const persisted = (await storage.persisted?.()) ?? null;
    const hasSongs = downloads.some((download) => download.status === 'completed');
    if (hasSongs && persisted === false && localStorage.getItem(PERSIST_ASKED) === null) {
      // Asked once, after the first finished song (Firefox shows a prompt each time it is asked). Not
      // awaited: Firefox answers only when the person does, and the figures show meanwhile.
      localStorage.setItem(PERSIST_ASKED, new Date().toISOString());
      void storage.persist().then(
        (granted) => {
          this.persisted = granted;
          this.host.requestUpdate();
        },
        () => undefined,
      );
    }
    // An older reading that finishes late never replaces a newer one.
    if (reading !== this.#reading) return;
    // WebKit's estimate leaves out most of the files IndexedDB keeps (180 KB for a 960 KB song): never
    // show less than the downloads themselves hold.
    const stored = downloads.reduce(
      (sum, download) => sum + (download.status === 'completed' ? (download.bytesTotal ?? 0) : download.bytesReceived),
      0,
    );
    this.figures = { usage: Math.max(usage, stored), quota };
    this.persisted = persisted;
    this.host.requestUpdate();
  }
}
