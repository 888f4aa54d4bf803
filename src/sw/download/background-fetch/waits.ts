import type { BackgroundFetchManagerLike } from '../../../shared/background-fetch.ts';

/** How often a followed download checks that its background fetch still exists. */
const WATCHDOG_MS = 2000;

/**
 * What the worker can tell of background fetches in the browser: whether one still goes on (its last
 * event being handled counts: `get()` may no longer find it then), and when one vanished without
 * its last event reaching this worker.
 */
export class BackgroundFetchWatch {
  /** Background fetches whose last event is being handled. */
  readonly #ending = new Set<string>();

  constructor(private readonly backgroundFetch: BackgroundFetchManagerLike) {}

  /** Whether fetch `id` still runs in the browser, or its last event is being handled. */
  async exists(id: string): Promise<boolean> {
    return this.#ending.has(id) || (await this.backgroundFetch.get(id)) !== undefined;
  }

  /** Fetch `id`'s last event arrived, and is handled until `ended`. */
  ending(id: string): void {
    this.#ending.add(id);
  }

  ended(id: string): void {
    this.#ending.delete(id);
  }

  /**
   * Resolves once fetch `id` is missing at two checks in a row (a worker stopped while handling its
   * last event); never while it runs. Ends, unresolved, when `signal` aborts.
   */
  async lost(id: string, signal: AbortSignal): Promise<void> {
    let missing = 0;
    while (!signal.aborted) {
      await new Promise((resolve) => setTimeout(resolve, WATCHDOG_MS));
      if (signal.aborted) break;
      missing = (await this.exists(id)) ? 0 : missing + 1;
      if (missing >= 2) return;
    }
    return new Promise<void>(() => undefined);
  }
}
