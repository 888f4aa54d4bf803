import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * While offline, how often `navigator.onLine` is read again: a document loaded offline may never get
 * its `online` event (seen in Firefox), and the person would wait for a search that never comes.
 */
const OFFLINE_RECHECK_MS = 2000;

/** Whether the browser says it is online, kept current; `onOnline` runs when the network returns. */
export class NetworkController implements ReactiveController {
  online = navigator.onLine;
  #recheck: ReturnType<typeof setInterval> | undefined;
  readonly #onChange = (): void => {
    const was = this.online;
    this.online = navigator.onLine;
    this.#watchWhileOffline();
    if (was === this.online) return;
    this.host.requestUpdate();
    if (this.online) this.onOnline?.();
  };

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onOnline?: () => void,
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
  }

  #watchWhileOffline(): void {
    if (!this.online && this.#recheck === undefined) this.#recheck = setInterval(this.#onChange, OFFLINE_RECHECK_MS);
    if (this.online && this.#recheck !== undefined) {
      clearInterval(this.#recheck);
      this.#recheck = undefined;
    }
  }
}
