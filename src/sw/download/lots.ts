import type { DownloadRecord } from '../../shared/downloads.ts';
import type { BackgroundFetchLot } from '../../shared/messages.ts';
import type { Outside } from './engine.ts';
import type { OpenPages } from './pages.ts';
import type { DownloadQueue } from './queue.ts';
import type { Runs } from './runs.ts';
import type { Applied } from './steps.ts';
import type { DownloadStore } from './store.ts';
import type { DownloadEvent } from './transition.ts';

export interface LotsOptions {
  readonly store: Pick<DownloadStore, 'get'>;
  readonly runs: Runs;
  readonly queue: DownloadQueue;
  readonly pages: OpenPages;
  /** Runs work in turn with the commands. */
  readonly serial: (work: () => Promise<void>) => Promise<void>;
  readonly apply: (record: DownloadRecord, event: DownloadEvent) => Promise<Applied>;
}

/**
 * A page's background fetch for several downloads at once (a lot), started as the last page on
 * screen hid or closed: only a page can start one, and a closing page has no time to ask the worker
 * first, so it starts it and says so, and the worker adopts it once the browser has it.
 */
export class Lots {
  constructor(private readonly options: LotsOptions) {}

  /**
   * Adopts background fetch `id`, which page `from` is starting for `trackIds`: once the browser has
   * it, their runs stop where they are (every byte kept) and the fetch is followed. Until then the
   * worker's streams go on, and so they do where it never comes (the page went first); the downloads
   * waiting their turn get none meanwhile. A page still on screen keeps its downloads: the fetch is
   * stopped instead.
   */
  async adopt({ id, trackIds }: BackgroundFetchLot, from: string, outside: Outside): Promise<void> {
    const { queue, runs, pages, store, apply } = this.options;
    queue.hold(trackIds);
    const appeared = await outside.appeared(id).catch(() => false);
    await this.options.serial(async () => {
      queue.release(trackIds);
      if (appeared && (await pages.moment(true, from)).pageVisible) await outside.abandon(id);
      else if (appeared) {
        for (const trackId of trackIds) {
          await runs.stop(trackId);
          const record = await store.get(trackId);
          const applied = record ? await apply(record, { kind: 'handed-over', fetchId: id }) : null;
          if (applied?.follow && applied.record) runs.launch(applied.record, true);
        }
      }
      await queue.pump();
    });
  }
}
