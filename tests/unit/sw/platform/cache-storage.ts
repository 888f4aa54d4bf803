/**
 * Cache Storage as a browser has it, in memory, for the worker's code under Node (which has none):
 * caches by name, each a map from a request's URL to a stored response. Only what the app uses.
 */
class MemoryCache {
  readonly #entries = new Map<string, Response>();

  constructor(private readonly storage: MemoryCacheStorage) {}

  async match(request: RequestInfo | URL): Promise<Response | undefined> {
    this.storage.check();
    return this.#entries.get(urlOf(request))?.clone();
  }

  async put(request: RequestInfo | URL, response: Response): Promise<void> {
    this.storage.check();
    // A browser stores the whole body before the entry exists: so does this.
    const body = await response.arrayBuffer();
    const { status, statusText, headers } = response;
    this.storage.check();
    this.#entries.set(urlOf(request), new Response(body, { status, statusText, headers }));
  }

  async delete(request: RequestInfo | URL): Promise<boolean> {
    this.storage.check();
    return this.#entries.delete(urlOf(request));
  }

  async keys(): Promise<Request[]> {
    return [...this.#entries.keys()].map((url) => new Request(url));
  }
}

/** Where relative URLs resolve, as the worker's own origin in a browser. */
const ORIGIN = 'https://half-tunes.test/';

const urlOf = (request: RequestInfo | URL): string =>
  typeof request === 'string' ? new URL(request, ORIGIN).href : request instanceof URL ? request.href : request.url;

export class MemoryCacheStorage {
  readonly #caches = new Map<string, MemoryCache>();
  /** Whether the code asking now may no longer reach storage (a worker the browser stopped). */
  refuse: () => boolean = () => false;

  /** @throws as a browser would never let a stopped worker's code reach its storage */
  check(): void {
    if (this.refuse()) throw new DOMException('The worker was stopped.', 'InvalidStateError');
  }

  async open(name: string): Promise<MemoryCache> {
    this.check();
    let cache = this.#caches.get(name);
    if (!cache) this.#caches.set(name, (cache = new MemoryCache(this)));
    return cache;
  }

  async has(name: string): Promise<boolean> {
    return this.#caches.has(name);
  }

  async delete(name: string): Promise<boolean> {
    return this.#caches.delete(name);
  }

  async keys(): Promise<string[]> {
    return [...this.#caches.keys()];
  }

  /** Forgets everything, as a new profile would. */
  clear(): void {
    this.#caches.clear();
  }
}
