import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Whether the browser says it is online, kept current; `onOnline` runs when the network returns. */
export class NetworkController implements ReactiveController {
  online = navigator.onLine;
  readonly #onChange = (): void => {
    const was = this.online;
    this.online = navigator.onLine;
    this.host.requestUpdate();
    if (!was && this.online) this.onOnline?.();
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
  }

  hostDisconnected(): void {
    removeEventListener('online', this.#onChange);
    removeEventListener('offline', this.#onChange);
  }
}
