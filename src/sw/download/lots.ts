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
 * How long a lot handed over by the last page may bring nothing before the worker takes it back. Its
 * streams stopped as the lot came, so waiting costs the person time, and a take-back too soon costs
 * nothing (the streams go on from the stored bytes). The browser's download service took 5 s to start
 * after a browser start with a page on screen, and 181 s with none; measured in the bench (64 MiB on
 * loopback, the page closed at the tap), a lot held back brought nothing in 20 s.
 */
export const HELD_BACK_MS = 5000;

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
    const { queue, runs, pages, serial } = this.options;
    queue.hold(trackIds);
    // Listening from now: the page's word may come while the streams stop.
    const appearing = outside.appeared(id).catch(() => false);
    let streamsStopped = false;
    const stopStreams = serial(async () => {
      if ((await pages.moment(true, from)).pageVisible) return;
      // Set first: a stop that fails midway may have stopped some, which `lot-missed` gives back.
      streamsStopped = true;
      for (const trackId of trackIds) await runs.stop(trackId);
    });
    await stopStreams.catch(() => undefined);
    const appeared = await appearing;
    await serial(async () => {
      queue.release(trackIds);
      try {
        const moment = appeared ? await pages.moment(true, from).catch(() => null) : null;
        const handed = moment !== null && !moment.pageVisible;
        const followed = handed && (await this.#follow(id, trackIds, !streamsStopped));
        if (followed && !moment?.pageOpen) void this.#takeBackIfHeld(id, outside);
        // A lot nobody follows (never seen, a page on screen, or every download paused or canceled
        // meanwhile) would fetch what the streams fetch, or what the person stopped.
        if (!followed) {
          await outside.abandon(id).catch(() => undefined);
          await this.#giveBack(trackIds);
        }
      } finally {
        // The queue's turn, and "Downloads finished" where nothing runs now: not while the lot was awaited.
        await queue.afterRun();
      }
    });
  }

  /**
   * Hands `trackIds` to lot `id`, each followed by a run; `stopStreams`: a page on screen kept their
   * streams until now, and the lot owns them from here. @returns whether any follows the lot
   */
  async #follow(id: string, trackIds: readonly number[], stopStreams: boolean): Promise<boolean> {
    const { runs, store, apply } = this.options;
    let followed = false;
    for (const trackId of trackIds) {
      if (stopStreams) await runs.stop(trackId);
      const record = await store.get(trackId);
      const applied = record ? await apply(record, { kind: 'handed-over', fetchId: id }) : null;
      if (applied?.follow && applied.record) {
        runs.launch(applied.record, true);
        followed = true;
      }
    }
    return followed;
  }

  /** Downloads whose streams stopped for a lot that no one follows wait their turn again, every byte kept. */
  async #giveBack(trackIds: readonly number[]): Promise<void> {
    const { store, apply } = this.options;
    for (const trackId of trackIds) {
      const record = await store.get(trackId).catch(() => undefined);
      if (record) await apply(record, { kind: 'lot-missed' }).catch(() => undefined);
    }
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
