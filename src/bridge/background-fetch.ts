import {
  backgroundFetchOf,
  trackIdOfBackgroundFetch,
  type BackgroundFetchRegistrationLike,
} from '../shared/background-fetch.ts';
import { APP_ICON } from '../shared/app-icon.ts';
import type { BackgroundFetchRequested, PageToSw } from '../shared/messages.ts';

/**
 * The page's half of Background Fetch (docs/protocols/background-fetch.md; its worker half:
 * `src/sw/download/background-fetch/`): only a page may start a background fetch, and only a page
 * receives its progress events. Starts what the worker asks for, answers whether it did, and counts
 * the bytes each running fetch brought that the worker has not stored yet.
 */
export class BackgroundFetchPages {
  /** Bytes a running background fetch brought, by track, with the fetch they belong to. */
  readonly #fetched = new Map<number, { id: string; bytes: number }>();
  readonly #watched = new Set<string>();

  /**
   * @param send answers the worker
   * @param changed called whenever a fetch brought more bytes
   */
  constructor(
    private readonly send: (command: PageToSw) => Promise<void>,
    private readonly changed: () => void,
  ) {}

  /** The bytes fetch `id` of a track brought so far, or 0 when it is not the one followed. */
  fetched(trackId: number, id: string | null): number {
    const fetched = this.#fetched.get(trackId);
    return fetched && fetched.id === id ? fetched.bytes : 0;
  }

  /** The worker stored a new state of the track: what was fetched is counted there now. */
  stored(trackId: number, id: string | null): void {
    this.#fetched.delete(trackId);
    if (id) void this.#watch(id);
  }

  /**
   * Starts a background fetch the worker asked for and tells it whether it did. Each request carries
   * one Range, which needs no CORS preflight.
   */
  async start(request: BackgroundFetchRequested): Promise<void> {
    const backgroundFetch = backgroundFetchOf(await navigator.serviceWorker.ready);
    try {
      if (!backgroundFetch) throw new Error('no Background Fetch');
      // Not from or into the HTTP cache: a cached answer of another version would look like a changed file.
      const init: RequestInit = { mode: 'cors', credentials: 'omit', cache: 'no-store' };
      const requests =
        request.segments.length === 0
          ? [new Request(request.url, init)]
          : request.segments.map(
              ([start, end]) => new Request(request.url, { ...init, headers: { Range: `bytes=${start}-${end}` } }),
            );
      const registration = await backgroundFetch.fetch(request.id, requests, {
        title: request.title,
        // The song's artwork first; the app's icon where the artwork cannot be had.
        icons: [
          ...(request.icon ? [{ src: request.icon, sizes: '100x100', type: 'image/jpeg' }] : []),
          { src: APP_ICON.path, sizes: `${APP_ICON.size}x${APP_ICON.size}`, type: 'image/png' },
        ],
        downloadTotal: request.downloadTotal,
      });
      this.#follow(registration);
      await this.send({ type: 'background-fetch-started', id: request.id });
    } catch {
      await this.send({ type: 'background-fetch-refused', id: request.id });
    }
  }

  /** Follows the background fetches already running (the page was closed or reloaded meanwhile). */
  async reattach(): Promise<void> {
    const backgroundFetch = backgroundFetchOf(await navigator.serviceWorker.ready);
    for (const id of (await backgroundFetch?.getIds()) ?? []) await this.#watch(id);
  }

  async #watch(id: string): Promise<void> {
    if (this.#watched.has(id)) return;
    const registration = await backgroundFetchOf(await navigator.serviceWorker.ready)?.get(id);
    if (registration) this.#follow(registration);
  }

  /** Progress of a background fetch fires on the page: show it in the download's row. */
  #follow(registration: BackgroundFetchRegistrationLike): void {
    const trackId = trackIdOfBackgroundFetch(registration.id);
    if (trackId === null || this.#watched.has(registration.id)) return;
    this.#watched.add(registration.id);
    const update = (): void => {
      this.#fetched.set(trackId, { id: registration.id, bytes: registration.downloaded });
      this.changed();
    };
    registration.addEventListener('progress', update);
    update();
  }
}
