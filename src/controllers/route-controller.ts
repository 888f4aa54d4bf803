import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * The app's views: `#/` searches, `#/downloads` is the library, `#/album/<id>` an album of the
 * catalog, `#/settings` the settings.
 */
export type View = 'search' | 'downloads' | 'album' | 'settings';

/** The views the navigation links to; an album is reached from a song. */
export const VIEW_HREF: Record<Exclude<View, 'album'>, string> = {
  search: '#/',
  downloads: '#/downloads',
  settings: '#/settings',
};

const ALBUM_HASH = /^#\/album\/(\d{1,15})$/;

/** The address of an album's view. */
export const albumHref = (albumId: number): string => `#/album/${albumId}`;

/** Where an address leads: its view, and the album for the album view. */
export function routeOf(hash: string): { view: View; albumId: number | null } {
  const path = hash.replace(/\/$/, '');
  const album = ALBUM_HASH.exec(path);
  if (album) return { view: 'album', albumId: Number(album[1]) };
  const view = path === '#/downloads' ? 'downloads' : path === '#/settings' ? 'settings' : 'search';
  return { view, albumId: null };
}

/**
 * Where the app starts: the address's view, or, opened offline with no view asked for (from the home
 * screen on the subway), the library, since search needs a connection.
 */
function startingRoute(): { view: View; albumId: number | null } {
  if (location.hash === '' && !navigator.onLine) history.replaceState(null, '', VIEW_HREF.downloads);
  return routeOf(location.hash);
}

/** Follows the address's hash, so each view has its own URL and Back works. */
export class RouteController implements ReactiveController {
  view: View;
  /** The album shown by the album view. */
  albumId: number | null;
  readonly #onChange = (): void => {
    const { view, albumId } = routeOf(location.hash);
    if (view === this.view && albumId === this.albumId) return;
    this.view = view;
    this.albumId = albumId;
    this.host.requestUpdate();
    this.onNavigate?.(view);
  };

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onNavigate?: (view: View) => void,
  ) {
    ({ view: this.view, albumId: this.albumId } = startingRoute());
    host.addController(this);
  }

  hostConnected(): void {
    ({ view: this.view, albumId: this.albumId } = routeOf(location.hash));
    addEventListener('hashchange', this.#onChange);
  }

  hostDisconnected(): void {
    removeEventListener('hashchange', this.#onChange);
  }
}
