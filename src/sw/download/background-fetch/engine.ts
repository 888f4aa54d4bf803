/// <reference lib="webworker" />
import {
  backgroundFetchId,
  trackIdOfBackgroundFetch,
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

  /**
   * @param manager the browser's Background Fetch
   * @param askPage asks an open page to start a fetch (only pages can)
   * @param sink where segments are stored when a fetch ends
   */
  constructor(
    private readonly manager: BackgroundFetchManagerLike,
    private readonly askPage: PageAsker,
    private readonly sink: Pick<DownloadSink, 'addSegment'>,
  ) {
    this.#watch = new BackgroundFetchWatch(manager);
  }

  readonly run: Engine['run'] = async (record, sink, signal) => {
    try {
      switch (await handOver(record, backgroundFetchId(record.trackId, Date.now()), sink, this.askPage, signal)) {
        case 'started':
          return { kind: 'waiting' };
        case 'stored':
          return STORED;
        case 'stopped':
          return { kind: 'stopped' };
        case 'unavailable':
          return { kind: 'gave-up', why: 'no-page' };
      }
    } catch (error) {
      return outcomeOf(error, signal);
    }
  };

  readonly outside: NonNullable<Engine['outside']> = {
    goesOn: async (record) => record.backgroundFetchId !== null && this.#watch.exists(record.backgroundFetchId),
    lost: (record, signal) =>
      record.backgroundFetchId === null ? Promise.resolve() : this.#watch.lost(record.backgroundFetchId, signal),
    stop: async (record) => {
      const registration = record.backgroundFetchId ? await this.manager.get(record.backgroundFetchId) : undefined;
      await registration?.abort();
    },
  };

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
      const trackId = trackIdOfBackgroundFetch(registration.id);
      if (trackId === null) return null;
      return await downloads.settleOutside(trackId, async (record, followed) =>
        // A fetch of a canceled download, or an old one a resume replaced, brings nothing to keep.
        record.backgroundFetchId === registration.id
          ? settleBackgroundFetch(end, registration, record, followed, this.sink)
          : null,
      );
    } finally {
      this.#watch.ended(registration.id);
    }
  }
}
