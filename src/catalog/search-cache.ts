/** How long an answer is reused: a catalog's results change slowly, a person's typing quickly. */
export const CACHE_MS = 5 * 60_000;

/** Answers kept at most; the oldest goes first. */
export const CACHE_ENTRIES = 30;

/** Recent answers by the URL asked, so a repeated search costs no request. */
export class SearchCache<T> {
  readonly #entries = new Map<string, { value: T; at: number }>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  get(key: string): T | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.at > CACHE_MS) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: T): void {
    this.#entries.delete(key);
    this.#entries.set(key, { value, at: this.now() });
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= CACHE_ENTRIES) break;
      this.#entries.delete(oldest);
    }
  }
}
