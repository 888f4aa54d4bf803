import { MAX_RUNNING_DOWNLOADS, type Batch, type DownloadRecord } from '../../shared/downloads.ts';
import type { Runs } from './runs.ts';
import type { Applied } from './steps.ts';
import type { DownloadStore } from './store.ts';
import type { DownloadEvent } from './transition.ts';

export interface QueueOptions {
  readonly store: Pick<DownloadStore, 'all'>;
  readonly runs: Runs;
  readonly apply: (record: DownloadRecord, event: DownloadEvent) => Promise<Applied>;
  /** The batches of the downloads completed since the last call. */
  readonly drainCompleted: () => (Batch | null)[];
  /**
   * Called when the last running download finished, with how many completed since the last time and
   * the name of their batch when one batch was all of them.
   */
  readonly onDrained: (completed: number, batch: string | null) => Promise<void>;
}

/**
 * The queue: queued downloads get their turn in the order they were asked for, up to
 * `MAX_RUNNING_DOWNLOADS` at once (`transition` decides whether each may launch); when the last run
 * ends, "Downloads finished" names what completed.
 */
export class DownloadQueue {
  /** Downloads a page is handing to a background fetch: no turn for them until the worker knows whether it came. */
  readonly #held = new Set<number>();

  constructor(private readonly options: QueueOptions) {}

  /** Gives `trackIds` no turn until `release`: a page is handing them to a background fetch. */
  hold(trackIds: readonly number[]): void {
    for (const trackId of trackIds) this.#held.add(trackId);
  }

  release(trackIds: readonly number[]): void {
    for (const trackId of trackIds) this.#held.delete(trackId);
  }

  /** Gives queued downloads their turn while places are free. */
  async pump(): Promise<void> {
    const { runs } = this.options;
    // A download followed in the browser takes no place: the browser fetches it, not the worker.
    if (!runs.accepting || runs.fetching >= MAX_RUNNING_DOWNLOADS) return;
    const queued = (await this.options.store.all())
      .filter((record) => record.status === 'queued' && !runs.has(record.trackId) && !this.#held.has(record.trackId))
      .sort((a, b) => a.queuedAt - b.queuedAt);
    for (const record of queued.slice(0, MAX_RUNNING_DOWNLOADS - runs.fetching)) {
      const launched = (await this.options.apply(record, { kind: 'launch' })).record;
      if (launched?.status === 'downloading') runs.launch(launched, false);
    }
  }

  /** A run ended (or an end arrived with no run): the next one's turn, and the news once none runs. */
  async afterRun(): Promise<void> {
    await this.pump();
    // Held downloads are between a stream and a lot: not finished, only not running for a moment.
    if (this.options.runs.size > 0 || this.#held.size > 0) return;
    const completed = this.options.drainCompleted();
    if (completed.length === 0) return;
    const first = completed[0];
    const oneBatch = first && completed.every((batch) => batch?.id === first.id) ? first.name : null;
    await this.options.onDrained(completed.length, oneBatch);
  }
}
