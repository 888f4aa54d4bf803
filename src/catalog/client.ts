import { reachableWithoutCors } from '../shared/reachable.ts';
import { extraRequestsOf, relaying, relayOf, sentVia } from '../bridge/catalog-relay.ts';
import type { CatalogRelay } from '../shared/catalog-relay.ts';
import {
  CatalogError,
  catalogErrorMessage,
  parseCatalogBody,
  toAlbum,
  toTracks,
  type Album,
  type Track,
} from '../shared/catalog.ts';
import { SearchBudget } from './search-budget.ts';
import { SearchCache } from './search-cache.ts';

/** Loads a JSONP URL (see `jsonp.ts`); absent where there is no DOM. */
export type JsonpLoader = (url: URL, signal: AbortSignal | undefined) => Promise<unknown>;

export interface SearchOptions {
  /** Aborts the search, as the native app cancels its data task. */
  readonly signal?: AbortSignal | undefined;
  /** How many songs to ask for (1–200). */
  readonly limit?: number;
}

/** Another store than the person's to ask (upper-case country code): a link shared from there. */
export interface StoreOption {
  readonly store?: string | null;
}

/** Where the client remembers that a catalog needs JSONP: for the tab's session, reloads included. */
export interface JsonpMemory {
  readonly needed: boolean;
  remember(): void;
}

export interface ClientOptions {
  readonly budget?: SearchBudget;
  /** Answers by URL: a search's songs or an album. */
  readonly cache?: SearchCache<unknown>;
  readonly jsonpMemory?: JsonpMemory;
  /** The store to ask (`country`) and, where Apple has it, the answers' language (`lang`). */
  readonly locale?: () => { readonly country: string; readonly lang: string | null };
}

const FETCH_TIMEOUT_MS = 15_000;

/** What a lookup for a song the catalog lacks says (words of the page: `describeSongError`). */
export const NO_SUCH_SONG = 'The catalog has no such song.';

const isOffline = (): boolean => typeof navigator !== 'undefined' && navigator.onLine === false;

/**
 * Searches an iTunes-compatible catalog, within Apple's limit of about 20 requests a minute. `fetch`
 * first; only when the catalog answers but without CORS headers (so a no-cors request still reaches
 * it) does it fall back to JSONP, and from then on, for the tab's session, it goes straight to JSONP
 * for this catalog. A search asked again within minutes is answered from memory.
 */
export class CatalogClient {
  readonly #budget: SearchBudget;
  readonly #cache: SearchCache<unknown>;
  readonly #jsonpMemory: JsonpMemory;
  readonly #locale: NonNullable<ClientOptions['locale']>;

  /**
   * @param base the catalog's base URL: `search` and `lookup` live below it
   * @param loadJsonp how to load a JSONP URL, or null where scripts cannot be used
   */
  constructor(
    readonly base: URL,
    private readonly loadJsonp: JsonpLoader | null,
    {
      budget = new SearchBudget(),
      cache = new SearchCache(),
      jsonpMemory = inMemory(),
      locale = () => ({ country: 'US', lang: null }),
    }: ClientOptions = {},
  ) {
    this.#locale = locale;
    this.#budget = budget;
    this.#cache = cache;
    this.#jsonpMemory = jsonpMemory;
  }

  /**
   * Whether a pause in typing should search for `term`: always when its answer is in memory, else
   * only while the minute's budget keeps enough for searches asked with Enter.
   */
  searchesWhileTyping(term: string): boolean {
    return this.#cache.get(this.searchUrl(term).href) !== undefined || this.#budget.allowsTyping;
  }

  /** The URL of a song search, as Apple documents it. */
  searchUrl(term: string, limit = 50): URL {
    const url = new URL('search', this.base);
    url.search = new URLSearchParams({
      term: term.trim(),
      media: 'music',
      entity: 'song',
      limit: String(Math.max(1, Math.min(200, Math.round(limit)))),
      ...this.#localeParams(),
    }).toString();
    return url;
  }

  /**
   * The URL of an album's songs: the collection, then its songs, as Apple answers it.
   * @param store - another store than the person's (a link shared from there)
   */
  albumUrl(albumId: number, store?: string | null): URL {
    const url = new URL('lookup', this.base);
    url.search = new URLSearchParams({ id: String(albumId), entity: 'song', ...this.#localeParams(store) }).toString();
    return url;
  }

  #localeParams(store?: string | null): Record<string, string> {
    const { country, lang } = this.#locale();
    const asked = store ?? country;
    return lang ? { country: asked, lang } : { country: asked };
  }

  /**
   * Finds songs matching `term`.
   * @throws CatalogError for every expected failure; the signal's reason when aborted
   */
  async search(term: string, { signal, limit = 50 }: SearchOptions = {}): Promise<Track[]> {
    return this.#answer(this.searchUrl(term, limit), signal, (body) => toTracks(body, this.base.origin));
  }

  /**
   * Loads an album and its songs in track order, from the person's store or `store`.
   * @throws CatalogError as `search` does, and `malformed` for an album the catalog does not have
   */
  async album(albumId: number, { signal, store }: SearchOptions & StoreOption = {}): Promise<Album> {
    return this.#answer(this.albumUrl(albumId, store), signal, (body) => toAlbum(body, albumId, this.base.origin));
  }

  /**
   * Loads one song by its id (a deep link, a share).
   * @throws CatalogError as `search` does, and `malformed` for a song the catalog does not have
   */
  async song(trackId: number, { signal, store }: SearchOptions & StoreOption = {}): Promise<Track> {
    const url = new URL('lookup', this.base);
    url.search = new URLSearchParams({ id: String(trackId), ...this.#localeParams(store) }).toString();
    return this.#answer(url, signal, (body) => {
      const track = toTracks(body, this.base.origin).find((found) => found.id === trackId);
      if (!track) throw new CatalogError('malformed', NO_SUCH_SONG);
      return track;
    });
  }

  /** The answer to `url` as `read` makes it, from memory when it was asked minutes ago. */
  async #answer<T>(url: URL, signal: AbortSignal | undefined, read: (body: unknown) => T): Promise<T> {
    // Each URL is read by one kind of question (a search or an album), so its memory has that type.
    const cached = this.#cache.get(url.href) as T | undefined;
    if (cached !== undefined) return cached;
    if (isOffline()) throw new CatalogError('offline');
    const value = read(await this.#ask(url, signal));
    this.#cache.set(url.href, value);
    return value;
  }

  async #ask(url: URL, signal: AbortSignal | undefined): Promise<unknown> {
    if (!this.#jsonpMemory.needed) {
      const response = await this.#fetch(url, signal);
      if (response) return this.#read(response, relayOf(response));
      this.#jsonpMemory.remember();
    }
    if (!this.loadJsonp) throw new CatalogError('unavailable', 'The catalog does not let this app read its answers.');
    this.#budget.spend();
    return this.loadJsonp(url, signal);
  }

  /** The response, or null when the catalog is reachable but refuses CORS. */
  async #fetch(url: URL, signal: AbortSignal | undefined): Promise<Response | null> {
    const timeout = AbortSignal.timeout(FETCH_TIMEOUT_MS);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    const ask = async (): Promise<Response | null> => {
      try {
        this.#budget.spend();
        const relayed = relaying();
        const response = await fetch(url, { signal: combined, credentials: 'omit', referrerPolicy: 'no-referrer' });
        sentVia(response, relayed);
        return response;
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        if (timeout.aborted) throw new CatalogError('timeout');
        if (error instanceof TypeError) return null;
        throw error;
      }
    };
    let response = await ask();
    if (!response) {
      this.#budget.spend();
      if (!(await reachableWithoutCors(url, combined))) {
        if (signal?.aborted) throw signal.reason;
        throw new CatalogError(isOffline() ? 'offline' : 'unavailable');
      }
      // A request that failed as the network came back looks like a CORS refusal: asked once more
      // before the tab switches to JSONP for good.
      response = await ask();
      if (!response) return null;
    }
    // The worker's no-cors probe and second request, which Apple counts too.
    for (let extra = extraRequestsOf(response); extra > 0; extra--) this.#budget.spend();
    const relay = relayOf(response);
    if (relay?.outcome === 'cors-refused') return null;
    if (relay?.outcome === 'unreachable') throw new CatalogError(isOffline() ? 'offline' : 'unavailable');
    return response;
  }

  async #read(response: Response, relay: CatalogRelay | null): Promise<unknown> {
    const status = relay?.outcome === 'status' ? relay.status : response.status;
    if (status === 403 || status === 429) throw new CatalogError('rate-limited');
    if (status === 400) {
      const body = await response
        .text()
        .then(parseCatalogBody)
        .catch(() => null);
      throw new CatalogError('rejected', catalogErrorMessage(body) ?? undefined);
    }
    if (status < 200 || status > 299) throw new CatalogError('unavailable', `The catalog answered ${status}.`);
    return parseCatalogBody(await response.text());
  }
}

/** A memory of the JSONP switch for this page only. */
function inMemory(): JsonpMemory {
  let needed = false;
  return {
    get needed() {
      return needed;
    },
    remember: () => void (needed = true),
  };
}
