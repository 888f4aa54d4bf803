import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * While offline, how often `navigator.onLine` is read again: a document loaded offline may never get
 * its `online` event (seen in Firefox), and the person would wait for a search that never comes.
 */
const OFFLINE_RECHECK_MS = 2000;

/**
 * When work that failed for lack of network is tried again after the browser says it is back:
 * `online` can come before requests go through (a phone joining Wi-Fi; WebKit switching its proxy),
 * so a failed first try is followed by a few later ones.
 */
const BACK_ONLINE_RETRIES_MS = [0, 1000, 3000, 9000] as const;

/**
 * Work to run again when the network returns: `due` says whether it still needs it (it failed for
 * lack of network, and nothing newer replaced it); `run` runs it and says whether it failed so again.
 */
export interface BackOnline {
  due(): boolean;
  run(): Promise<boolean>;
}

/**
 * Whether the browser says it is online, kept current. When the network returns, `retry` runs again
 * while it is due, at once and then after each of `BACK_ONLINE_RETRIES_MS`.
 */
export class NetworkController implements ReactiveController {
  online = navigator.onLine;
  #recheck: ReturnType<typeof setInterval> | undefined;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #onChange = (): void => {
    const was = this.online;
    this.online = navigator.onLine;
    this.#watchWhileOffline();
    if (was === this.online) return;
    this.host.requestUpdate();
    if (this.online) this.#retry(0);
  };

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly retry?: BackOnline,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.online = navigator.onLine;
    addEventListener('online', this.#onChange);
    addEventListener('offline', this.#onChange);
    this.#watchWhileOffline();
  }

  hostDisconnected(): void {
    removeEventListener('online', this.#onChange);
    removeEventListener('offline', this.#onChange);
    clearInterval(this.#recheck);
    this.#recheck = undefined;
    clearTimeout(this.#retryTimer);
  }

  #retry(attempt: number): void {
    clearTimeout(this.#retryTimer);
    const wait = BACK_ONLINE_RETRIES_MS[attempt];
    const retry = this.retry;
    if (wait === undefined || !retry) return;
    this.#retryTimer = setTimeout(() => {
      // The network gone again, or newer work in its place, ends the retries.
      if (!this.online || !retry.due()) return;
      void retry.run().then((lostAgain) => {
        if (lostAgain) this.#retry(attempt + 1);
      });
    }, wait);
  }

  #watchWhileOffline(): void {
    if (!this.online && this.#recheck === undefined) this.#recheck = setInterval(this.#onChange, OFFLINE_RECHECK_MS);
    if (this.online && this.#recheck !== undefined) {
      clearInterval(this.#recheck);
      this.#recheck = undefined;
    }
  }
}
