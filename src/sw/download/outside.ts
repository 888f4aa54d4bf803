import type { DownloadRecord } from '../../shared/downloads.ts';
import type { Outside } from './engine.ts';
import type { Outcome } from './transition.ts';

/** Why runs stop when a new version of the worker takes over: not a pause, the state stays "downloading". */
export const HANDED_OVER = new DOMException('Handed over to a new version', 'AbortError');

/**
 * Where the end of a download's fetch outside the worker (a background fetch's last event) is left
 * for the run that follows it. Ready before the fetch starts: a small file's end can come before the
 * run hears that it started.
 */
export class Mailbox {
  #outcome: Outcome | null = null;
  #applied: ((record: DownloadRecord | null) => void) | null = null;
  #wake: (() => void) | null = null;

  /**
   * Leaves the outcome for the run. @returns the download as stored once the run carried it out (null
   * when an outcome was left already)
   */
  deliver(outcome: Outcome): Promise<DownloadRecord | null> {
    if (this.#outcome) return Promise.resolve(null);
    return new Promise((resolve) => {
      this.#outcome = outcome;
      this.#applied = resolve;
      this.#wake?.();
    });
  }

  /** The run carried the outcome out (or the download is gone): tells whoever delivered it. */
  applied(record: DownloadRecord | null): void {
    this.#applied?.(record);
  }

  /**
   * Follows the download's fetch outside the worker: the outcome delivered; `lost` when the fetch
   * vanished without one; `stopped` when `signal` stops the run (the fetch too, unless a new version
   * takes it over).
   */
  follow(record: DownloadRecord, outside: Outside, signal: AbortSignal): Promise<Outcome> {
    if (this.#outcome) return Promise.resolve(this.#outcome);
    return new Promise<Outcome>((resolve) => {
      const watching = new AbortController();
      const finish = (outcome: Outcome): void => {
        watching.abort();
        signal.removeEventListener('abort', onStop);
        this.#wake = null;
        resolve(outcome);
      };
      const onStop = (): void => {
        if (signal.reason !== HANDED_OVER) void outside.stop(record).catch(() => undefined);
        finish({ kind: 'stopped' });
      };
      this.#wake = () => finish(this.#outcome!);
      if (signal.aborted) return onStop();
      signal.addEventListener('abort', onStop, { once: true });
      void outside.lost(record, watching.signal).then(
        () => !watching.signal.aborted && finish({ kind: 'lost' }),
        () => undefined,
      );
    });
  }
}
