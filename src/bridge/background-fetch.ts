import {
  backgroundFetchOf,
  lotId,
  planLot,
  type BackgroundFetchManagerLike,
  type BackgroundFetchRegistrationLike,
  type LotRequest,
} from '../shared/background-fetch.ts';
import { APP_ICON } from '../shared/app-icon.ts';
import type { DownloadRecord } from '../shared/downloads.ts';
import type { BackgroundFetchRequested, PageToSw } from '../shared/messages.ts';

/** What a background fetch shows in the browser's download UI; `icon` null: none, the browser's own. */
interface Shown {
  readonly title: string;
  readonly icon: string | null;
  readonly downloadTotal: number;
  /** False: no icons at all (the fetch reaches the browser without waiting for them). */
  readonly icons?: boolean;
}

/** Not from or into the HTTP cache: a cached answer of another version would look like a changed file. */
const REQUEST_INIT: RequestInit = { mode: 'cors', credentials: 'omit', cache: 'no-store' };

/** One request of a background fetch; a single Range needs no CORS preflight. */
const requestOf = ({ url, segment }: LotRequest): Request =>
  segment
    ? new Request(url, { ...REQUEST_INIT, headers: { Range: `bytes=${segment.start}-${segment.end}` } })
    : new Request(url, REQUEST_INIT);

/** The fetch's icons: the song's artwork first; the app's icon where the artwork cannot be had. */
const iconsOf = (icon: string | null) => [
  ...(icon ? [{ src: icon, sizes: '100x100', type: 'image/jpeg' }] : []),
  { src: APP_ICON.path, sizes: `${APP_ICON.size}x${APP_ICON.size}`, type: 'image/png' },
];

/**
 * The page's half of Background Fetch (docs/protocols/background-fetch.md; its worker half:
 * `src/sw/download/background-fetch/`): only a page may start a background fetch, and only a page
 * receives its progress events. It starts what the worker asks for; as it hides or closes, it starts
 * one fetch for the rest of every download still running or queued (`handOver`), which the worker
 * adopts if no other page is on screen; and it counts what each running fetch brought.
 */
export class BackgroundFetchPages {
  /** Bytes each running background fetch brought so far, by its id. */
  readonly #downloaded = new Map<string, number>();
  readonly #watched = new Set<string>();
  /** Ready before the page may have to start a fetch in a hurry (as it closes, nothing async finishes). */
  #manager: BackgroundFetchManagerLike | null = null;

  /**
   * @param send tells the worker
   * @param changed called whenever a fetch brought more bytes
   */
  constructor(
    private readonly send: (command: PageToSw) => void,
    private readonly changed: () => void,
  ) {}

  /** Whether this browser can start a background fetch here. */
  get available(): boolean {
    return this.#manager !== null;
  }

  /** Learns the browser's Background Fetch, and follows the fetches already running (after a reload). */
  async connect(): Promise<void> {
    this.#manager = backgroundFetchOf(await navigator.serviceWorker.ready);
    // The worker owns what runs: a browser that cannot list its fetches only costs their progress here.
    const running = await this.#manager?.getIds().catch(() => []);
    for (const id of running ?? []) this.#watch(id);
  }

  /** The bytes fetch `id` brought so far. */
  downloaded(id: string): number {
    return this.#downloaded.get(id) ?? 0;
  }

  /** A download the worker stored follows fetch `id`: its progress is watched. */
  stored(id: string | null): void {
    if (id) this.#watch(id);
  }

  /** Starts a background fetch the worker asked for (one download), and tells it whether it did. */
  async start(request: BackgroundFetchRequested): Promise<void> {
    const requests: LotRequest[] =
      request.segments.length === 0
        ? [{ url: request.url, segment: null }]
        : request.segments.map(([start, end]) => ({ url: request.url, segment: { start, end } }));
    // A hidden page may be closing: icons would hold the fetch back until it is gone (see `handOver`).
    const started = await this.#fetch(request.id, requests, {
      ...request,
      icons: document.visibilityState === 'visible',
    });
    this.send({ type: started ? 'background-fetch-started' : 'background-fetch-refused', id: request.id });
  }

  /**
   * The page hides or closes: one background fetch for the rest of `downloads` (running or queued, in
   * that order), announced to the worker first, as the page may be gone before the fetch resolves.
   * Every call is synchronous up to the browser's own: nothing waits on a page that is closing.
   */
  handOver(downloads: readonly DownloadRecord[], title: string): void {
    if (!this.#manager || downloads.length === 0) return;
    const { requests, downloadTotal } = planLot(
      downloads.map(({ trackId, url, bytesReceived, bytesTotal }) => ({
        trackId,
        url,
        stored: bytesReceived,
        total: bytesTotal,
      })),
    );
    if (requests.length === 0) return;
    const id = lotId(Date.now());
    this.send({ type: 'background-fetch-lot', id, trackIds: downloads.map((download) => download.trackId) });
    // A page that lives to hear the browser's answer tells the worker; one closing cannot, and the
    // worker asks the browser instead. No icons: the browser loads them before it takes the fetch, and
    // a page closed meanwhile leaves a fetch it holds paused until the person resumes it (Chromium asks
    // for permission where no page is).
    void this.#fetch(id, requests, { title, icons: false, icon: null, downloadTotal }).then((started) =>
      this.send({ type: started ? 'background-fetch-started' : 'background-fetch-refused', id }),
    );
  }

  /**
   * Calls the browser's `fetch` at once (the call itself reaches the browser even from a page that is
   * closing), then follows the fetch's progress. @returns whether the browser took it
   */
  async #fetch(id: string, requests: readonly LotRequest[], shown: Shown): Promise<boolean> {
    if (!this.#manager) return false;
    try {
      const registration = await this.#manager.fetch(id, requests.map(requestOf), {
        title: shown.title,
        icons: shown.icons === false ? [] : iconsOf(shown.icon),
        downloadTotal: shown.downloadTotal,
      });
      this.#follow(registration);
      return true;
    } catch {
      return false;
    }
  }

  #watch(id: string): void {
    if (this.#watched.has(id)) return;
    void this.#manager?.get(id).then(
      (registration) => registration && this.#follow(registration),
      () => undefined,
    );
  }

  /** Progress of a background fetch fires on the page: show it in its downloads' rows. */
  #follow(registration: BackgroundFetchRegistrationLike): void {
    if (this.#watched.has(registration.id)) return;
    this.#watched.add(registration.id);
    const update = (): void => {
      this.#downloaded.set(registration.id, registration.downloaded);
      this.changed();
    };
    registration.addEventListener('progress', update);
    update();
  }
}
