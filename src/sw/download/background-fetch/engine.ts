/// <reference lib="webworker" />
import {
  backgroundFetchId,
  type BackgroundFetchManagerLike,
  type BackgroundFetchRegistrationLike,
} from '../../../shared/background-fetch.ts';
import type { DownloadRecord } from '../../../shared/downloads.ts';
import { STORED, type DownloadSink, type Engine } from '../engine.ts';
import { outcomeOf } from '../outcome.ts';
import type { Outcome } from '../transition.ts';
import { settleBackgroundFetch, type BackgroundFetchEnd } from './harvest.ts';
import { handOver, type PageAsker } from './start.ts';
import { BackgroundFetchWatch } from './waits.ts';

export type { BackgroundFetchEnd, PageAsker };

/**
 * How long a page's lot may take to appear in the browser before the worker stops waiting for it (its
 * downloads wait meanwhile). Measured: 11 lots of a page closed outright appeared 0–156 ms after their
 * streams stopped; the 12th never (the page went before the browser took it).
 */
export const LOT_APPEARS_MS = 3000;
/** How long a lot the worker gave up on is looked for, to be stopped should the browser take it late. */
const LATE_LOT_MS = 10_000;
/** How often the browser is asked whether a lot appeared. */
const LOT_POLL_MS = 100;

/**
 * What `check` says at its first try that says something (true or false; null: not yet), trying every
 * `LOT_POLL_MS`; false where none did within `ms`.
 */
async function within(ms: number, check: () => Promise<boolean | null>): Promise<boolean> {
  for (let waited = 0; waited < ms; waited += LOT_POLL_MS) {
    const said = await check();
    if (said !== null) return said;
    await new Promise((resolve) => setTimeout(resolve, LOT_POLL_MS));
  }
  return false;
}

/** What the page starting fetch `id` of its own says, within `ms`: whether the browser took it; null: nothing. */
export type PageWord = (id: string, ms: number) => Promise<boolean | null>;

/** What the engine needs of the download core when a fetch's last event arrives. */
export interface Downloads {
  start(): Promise<void>;
  settleOutside(
    trackId: number,
    settle: (record: DownloadRecord, followed: boolean) => Promise<Outcome | null>,
  ): Promise<DownloadRecord | null>;
}

/**
 * The Background Fetch engine, whole: its run hands the download to a background fetch (`handOver`,
 * the start side) and ends `waiting`; the core follows the fetch (`outside`) until its last event,
 * which `ended` turns into an outcome once every finished segment is stored (the harvest side). It
 * gives up (`no-page`) where no page could start a fetch or the size is unknown.
 */
export class BackgroundFetchEngine implements Engine {
  readonly name = 'background-fetch';
  readonly #watch: BackgroundFetchWatch;
  /** Fetches this worker stopped (a pause, a cancel, Wi-Fi): their end is no pause of the person's in the browser. */
  readonly #stoppedHere = new Set<string>();

  /**
   * @param manager the browser's Background Fetch
   * @param askPage asks an open page to start a fetch (only pages can)
   * @param store where segments are stored when a fetch ends, and the downloads each fetch fetches
   * @param pageWord what a page starting a lot says of it, where it lives to say it
   */
  constructor(
    private readonly manager: BackgroundFetchManagerLike,
    private readonly askPage: PageAsker,
    private readonly store: Pick<DownloadSink, 'addSegment' | 'addSegments' | 'update'> & {
      all(): Promise<DownloadRecord[]>;
    },
    private readonly pageWord: PageWord = async () => null,
  ) {
    this.#watch = new BackgroundFetchWatch(manager);
  }

  readonly run: Engine['run'] = async (record, sink, signal) => {
    const id = backgroundFetchId(record.trackId, Date.now());
    try {
      switch (await handOver(record, id, sink, this.askPage, signal)) {
        case 'started':
          return { kind: 'waiting' };
        case 'stored':
          return STORED;
        case 'stopped':
          // The page may have started it as the download stopped: nothing follows it.
          await this.#abortIfThere(id);
          return { kind: 'stopped' };
        case 'unavailable':
          return { kind: 'gave-up', why: 'no-page' };
      }
    } catch (error) {
      // Bytes that failed to store while the page started the fetch: it fetches for nothing.
      await this.#abortIfThere(id);
      return outcomeOf(error, signal);
    }
  };

  readonly outside: NonNullable<Engine['outside']> = {
    goesOn: async (record) => record.backgroundFetchId !== null && this.#watch.exists(record.backgroundFetchId),
    lost: (record, signal) =>
      record.backgroundFetchId === null ? Promise.resolve() : this.#watch.lost(record.backgroundFetchId, signal),
    stop: async (record) => {
      if (record.backgroundFetchId) await this.#abort(record.backgroundFetchId);
    },
    appeared: (id) => {
      // The page's word, where it lives to say it, settles it at once: a refusal need not be waited out.
      let said: boolean | null = null;
      void this.pageWord(id, LOT_APPEARS_MS).then(
        (word) => (said = word),
        () => undefined,
      );
      // `|| null`: not there yet is no answer; the next try asks again.
      return within(LOT_APPEARS_MS, async () => said ?? ((await this.#watch.exists(id)) || null));
    },
    moving: (id, withinMs) =>
      within(withinMs, async () => {
        const registration = await this.manager.get(id);
        return !registration || registration.downloaded > 0 || null;
      }),
    abandon: async (id) => {
      if (await this.#abort(id)) return;
      // Not in the browser (yet): a lot it takes after the worker gave up would fetch what the streams
      // fetch again. It is stopped should it show within LATE_LOT_MS; nothing waits for that.
      void within(LATE_LOT_MS, async () => (await this.#abort(id)) || null).then(
        (shown) => shown || this.#stoppedHere.delete(id),
        () => undefined,
      );
    },
  };

  /** Stops fetch `id` where the browser has it; never throws. */
  async #abortIfThere(id: string): Promise<void> {
    const there = await this.#abort(id).catch(() => false);
    if (!there) this.#stoppedHere.delete(id);
  }

  /**
   * Stops fetch `id`; a fetch of several downloads (a lot) stops for all of them.
   * @returns whether the browser had it
   */
  async #abort(id: string): Promise<boolean> {
    this.#stoppedHere.add(id);
    const registration = await this.manager.get(id);
    await registration?.abort();
    return registration !== undefined;
  }

  /**
   * A background fetch's last event: stores every finished segment and carries out what the event
   * means for its download (`settleBackgroundFetch`), in a worker restarted for this event too.
   * @returns the download as stored after it, for the event's UI
   */
  async ended(
    end: BackgroundFetchEnd,
    registration: BackgroundFetchRegistrationLike,
    downloads: Downloads,
  ): Promise<DownloadRecord | null> {
    // A worker started for this event follows the fetch (start() finds it going on) before it settles.
    this.#watch.ending(registration.id);
    try {
      // Outside the core's command queue: starting queues work of its own.
      await downloads.start();
      const stoppedHere = this.#stoppedHere.delete(registration.id);
      let last: DownloadRecord | null = null;
      // The downloads of this fetch: one, or a page's lot.
      const followers = (await this.store.all()).filter((record) => record.backgroundFetchId === registration.id);
      for (const { trackId } of followers) {
        const after = await downloads.settleOutside(trackId, async (record, followed) =>
          // A fetch of a canceled download, or an old one a resume replaced, brings nothing to keep.
          record.backgroundFetchId === registration.id
            ? settleBackgroundFetch(end, registration, record, { followed, stoppedHere }, this.store)
            : null,
        );
        last = after ?? last;
      }
      return last;
    } finally {
      this.#watch.ended(registration.id);
    }
  }
}
