import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SharedItem } from '../shared/share-link.ts';

/**
 * The app's views: `#/` searches, `#/downloads` is the library, `#/album/<id>` an album of the
 * catalog, `#/album/<id>/song/<trackId>` the album with one of its songs marked, `#/song/<trackId>` a
 * song known only by its id, `#/settings` the settings.
 */
export type View = 'search' | 'downloads' | 'album' | 'song' | 'settings';

/** The views the navigation links to; an album or a song is reached from a song or a share. */
export const VIEW_HREF: Record<Exclude<View, 'album' | 'song'>, string> = {
  search: '#/',
  downloads: '#/downloads',
  settings: '#/settings',
};

/** An album or song address may end with the store it comes from (`/store/jp`: a link shared from there). */
const ALBUM_HASH = /^#\/album\/(\d{1,15})(?:\/song\/(\d{1,15}))?(?:\/store\/([a-z]{2}))?$/;
const SONG_HASH = /^#\/song\/(\d{1,15})(?:\/store\/([a-z]{2}))?$/;

/** Where an address leads: its view, the album for the album view, the song marked or opened. */
export interface Route {
  readonly view: View;
  readonly albumId: number | null;
  readonly trackId: number | null;
  /** The store to ask (upper case), where the address names one other than the person's. */
  readonly store: string | null;
}

/** The address of an album's view. */
export const albumHref = (albumId: number): string => `#/album/${albumId}`;

/**
 * The address of a song: on its album's view, marked, when the album is known (a path segment rather
 * than `?song=`, so the hash stays one path and `albumHref` a prefix of it), else a view of its own.
 */
export const songHref = (trackId: number, albumId: number | null = null): string =>
  albumId === null ? `#/song/${trackId}` : `${albumHref(albumId)}/song/${trackId}`;

/** A song's id in the address; no catalog id is 0, so `#/song/0` leads nowhere (to search). */
const idOf = (digits: string | undefined): number | null => (digits && Number(digits) > 0 ? Number(digits) : null);

/** Where an address leads. */
export function routeOf(hash: string): Route {
  const path = hash.replace(/\/$/, '');
  const album = ALBUM_HASH.exec(path);
  const storeOf = (code: string | undefined): string | null => code?.toUpperCase() ?? null;
  if (album) return { view: 'album', albumId: Number(album[1]), trackId: idOf(album[2]), store: storeOf(album[3]) };
  const song = SONG_HASH.exec(path);
  const trackId = idOf(song?.[1]);
  if (trackId !== null) return { view: 'song', albumId: null, trackId, store: storeOf(song?.[2]) };
  const view = path === '#/downloads' ? 'downloads' : path === '#/settings' ? 'settings' : 'search';
  return { view, albumId: null, trackId: null, store: null };
}

/**
 * The address a share opens, or null when it opens nothing. A link from another store than the
 * person's (`yourStore`) keeps its store: the song or album is asked there, where it is sold.
 */
export function hashForShare(shared: SharedItem, yourStore: string): string | null {
  if (shared.kind === 'unknown') return null;
  const href = shared.kind === 'song' ? songHref(shared.trackId, shared.albumId) : albumHref(shared.albumId);
  return shared.country && shared.country !== yourStore ? `${href}/store/${shared.country.toLowerCase()}` : href;
}

/**
 * Where the app starts: the address's view, or, opened offline with no view asked for (from the home
 * screen on the subway), the library, since search needs a connection.
 */
function startingRoute(): Route {
  if (location.hash === '' && !navigator.onLine) history.replaceState(null, '', VIEW_HREF.downloads);
  return routeOf(location.hash);
}

/** Follows the address's hash, so each view has its own URL and Back works. */
export class RouteController implements ReactiveController {
  view: View;
  /** The album shown by the album view. */
  albumId: number | null;
  /** The song marked on the album view, or shown by the song view. */
  trackId: number | null;
  /** The store the album or song is asked in, where the address names one (`Route.store`). */
  store: string | null;
  readonly #onChange = (): void => {
    const route = routeOf(location.hash);
    const same =
      route.view === this.view &&
      route.albumId === this.albumId &&
      route.trackId === this.trackId &&
      route.store === this.store;
    if (same) return;
    this.#follow(route);
    this.host.requestUpdate();
    this.onNavigate?.(route.view);
  };

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onNavigate?: (view: View) => void,
  ) {
    ({ view: this.view, albumId: this.albumId, trackId: this.trackId, store: this.store } = startingRoute());
    host.addController(this);
  }

  #follow(route: Route): void {
    ({ view: this.view, albumId: this.albumId, trackId: this.trackId, store: this.store } = route);
  }

  hostConnected(): void {
    this.#follow(routeOf(location.hash));
    addEventListener('hashchange', this.#onChange);
  }

  hostDisconnected(): void {
    removeEventListener('hashchange', this.#onChange);
  }
}
