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
 * How long a lot handed over by the last page may bring nothing before the worker takes it back: well
 * above the 5 s the browser's download service took to start after a browser start with a page on
 * screen, and far below the 181 s it took with none.
 */
export const HELD_BACK_MS = 20_000;

/**
 * A page's background fetch for several downloads at once (a lot), started as the last page on
 * screen hid or closed: only a page can start one, and a closing page has no time to ask the worker
 * first, so it starts it and says so, and the worker adopts it once the browser has it.
 */
export class Lots {
  constructor(private readonly options: LotsOptions) {}

  /**
   * Adopts background fetch `id`, which page `from` is starting for `trackIds`. Where no other page
   * is on screen their streams stop at once, every byte kept: the lot asks for what the page last
   * knew, so a byte a stream stored meanwhile would be fetched twice. Once the browser has the lot,
   * it is followed. Where it never comes (the page went first, or the browser refused it), or another
   * page is on screen (it stops the lot), the downloads take their turn again from their bytes; those
   * waiting their turn get none meanwhile.
   */
  async adopt({ id, trackIds }: BackgroundFetchLot, from: string, outside: Outside): Promise<void> {
    const { queue, runs, pages, store, apply, serial } = this.options;
    queue.hold(trackIds);
    // Listening from now: the page's word may come while the streams stop.
    const appearing = outside.appeared(id).catch(() => false);
    let stopped = false;
    await serial(async () => {
      if ((await pages.moment(true, from)).pageVisible) return;
      for (const trackId of trackIds) await runs.stop(trackId);
      stopped = true;
    });
    const appeared = await appearing;
    await serial(async () => {
      queue.release(trackIds);
      const moment = appeared ? await pages.moment(true, from) : null;
      // A lot that comes late would fetch what the streams fetch again.
      if (!appeared || moment?.pageVisible) await outside.abandon(id);
      let followed = false;
      for (const trackId of trackIds) {
        const handed = moment !== null && !moment.pageVisible;
        // A stream a page on screen kept until now stops where it is.
        if (handed && !stopped) await runs.stop(trackId);
        const record = await store.get(trackId);
        if (!record) continue;
        const applied = await apply(record, handed ? { kind: 'handed-over', fetchId: id } : { kind: 'lot-missed' });
        if (handed && applied.follow && applied.record) {
          runs.launch(applied.record, true);
          followed = true;
        }
      }
      if (followed && !moment?.pageOpen) void this.#takeBackIfHeld(id, outside);
      await queue.pump();
    });
  }

  /**
   * With no page left, a fresh browser may hold a lot back for minutes before its first request
   * (measured: 181 s where a page on screen waits 5 s). A lot that brought nothing in
   * `HELD_BACK_MS` is stopped: its downloads go back to the queue with every byte kept (the abort
   * reads as `lost`), and the worker's own stream takes them, as it would have had no page hidden.
   */
  async #takeBackIfHeld(id: string, outside: Outside): Promise<void> {
    if (!(await outside.moving(id, HELD_BACK_MS).catch(() => true))) await outside.abandon(id);
  }
}
