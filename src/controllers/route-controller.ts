import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The app's views and their addresses: `#/` searches, `#/downloads` is the library. */
export type View = 'search' | 'downloads';

export const VIEW_HREF: Record<View, string> = { search: '#/', downloads: '#/downloads' };

export function viewOf(hash: string): View {
  return hash.replace(/\/$/, '') === '#/downloads' ? 'downloads' : 'search';
}

/**
 * Where the app starts: the address's view, or, opened offline with no view asked for (from the home
 * screen on the subway), the library, since search needs a connection.
 */
export function startingView(): View {
  if (location.hash === '' && !navigator.onLine) history.replaceState(null, '', VIEW_HREF.downloads);
  return viewOf(location.hash);
}

/** Follows the address's hash, so each view has its own URL and Back works. */
export class RouteController implements ReactiveController {
  view: View = startingView();
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
