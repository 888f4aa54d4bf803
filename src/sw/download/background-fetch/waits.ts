import type { BackgroundFetchManagerLike } from '../../shared/background-fetch.ts';

/** How often a waiting download checks that its background fetch still exists. */
const WATCHDOG_MS = 2000;

/** How a wait for a background fetch's last event ended. */
export type WaitEnd =
  /** The event came: its handler wrote the outcome. */
  | 'ended'
  /** The run was stopped (a pause, a cancel, a new worker). */
  | 'stopped'
  /** The fetch disappeared without its last event reaching this worker (stopped in the middle of it). */
  | 'lost';

export interface Wait {
  /** Resolves once the fetch ended, the run stopped, or the fetch is lost: a download never waits forever. */
  until(): Promise<WaitEnd>;
  /** The run goes no further with this fetch (it was never started, or the engine gave up). */
  cancel(): void;
}

/**
 * Runs of the Background Fetch engine waiting for their fetch's last event, by fetch id: after a
 * quick pause and resume, the old fetch's abort event must not end the new fetch's run.
 */
export class BackgroundFetchWaits {
  readonly #waiters = new Map<string, () => void>();
  /** Background fetches whose last event is being handled; `get()` may no longer find them. */
  readonly #ending = new Set<string>();

  constructor(private readonly backgroundFetch: BackgroundFetchManagerLike) {}

  /** Whether fetch `id` still runs in the browser, or its last event is being handled. */
  async exists(id: string): Promise<boolean> {
    return this.#ending.has(id) || (await this.backgroundFetch.get(id)) !== undefined;
  }

  /**
   * Starts waiting for fetch `id`'s last event, from before the fetch starts: a small file can
   * finish at once. `onStop` runs when `signal` stops the run while it waits.
   */
  expect(id: string, signal: AbortSignal, onStop: () => void): Wait {
    let settle: (end: WaitEnd) => void = () => undefined;
    const done = new Promise<WaitEnd>((resolve) => (settle = resolve));
    const onAbort = (): void => {
      this.#waiters.delete(id);
      onStop();
      settle('stopped');
    };
    this.#waiters.set(id, () => {
      signal.removeEventListener('abort', onAbort);
      settle('ended');
    });
    signal.addEventListener('abort', onAbort, { once: true });
    return {
      until: () => Promise.race([done, this.#watch(id).then((): WaitEnd => 'lost')]),
      cancel: () => {
        this.#waiters.delete(id);
        signal.removeEventListener('abort', onAbort);
        settle('stopped');
      },
    };
  }

  /** Fetch `id`'s last event arrived; `get()` may no longer find it while it is handled. */
  ending(id: string): void {
    this.#ending.add(id);
  }

  /**
   * Fetch `id`'s last event is being handled: @returns the waking of the run that waited for it, to
   * call once its outcome is written, or undefined when no run of this worker did.
   */
  ended(id: string): (() => void) | undefined {
    this.#ending.delete(id);
    const wake = this.#waiters.get(id);
    this.#waiters.delete(id);
    return wake;
  }

  /** Resolves once fetch `id` is gone while still awaited; never resolves while it runs. */
  async #watch(id: string): Promise<void> {
    let missing = 0;
    while (this.#waiters.has(id)) {
      await new Promise((resolve) => setTimeout(resolve, WATCHDOG_MS));
      missing = (await this.exists(id)) ? 0 : missing + 1;
      if (missing >= 2 && this.#waiters.has(id)) {
        this.#waiters.delete(id);
        return;
      }
    }
    return new Promise<void>(() => undefined);
  }
}
