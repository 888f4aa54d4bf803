import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The app's views and their addresses: `#/` searches, `#/downloads` is the library. */
export type View = 'search' | 'downloads';

export const VIEW_HREF: Record<View, string> = { search: '#/', downloads: '#/downloads' };

export function viewOf(hash: string): View {
  return hash.replace(/\/$/, '') === '#/downloads' ? 'downloads' : 'search';
}

/** Follows the address's hash, so each view has its own URL and Back works. */
export class RouteController implements ReactiveController {
  view: View = viewOf(location.hash);
  readonly #onChange = (): void => {
    const view = viewOf(location.hash);
    if (view === this.view) return;
    this.view = view;
    this.host.requestUpdate();
    this.onNavigate?.(view);
  };

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onNavigate?: (view: View) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.view = viewOf(location.hash);
    addEventListener('hashchange', this.#onChange);
  }

  hostDisconnected(): void {
    removeEventListener('hashchange', this.#onChange);
  }
}
