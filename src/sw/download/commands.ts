import { isTrack, type Track } from '../../shared/catalog.ts';
import type { Batch, DownloadRecord, PinnedEngine } from '../../shared/downloads.ts';
import type { BackgroundFetchLot, DownloadCommand } from '../../shared/messages.ts';
import type { Conditions, PageConditions } from './conditions.ts';
import type { ManagerCommand, ManagerOptions } from './manager-options.ts';
import type { OpenPages } from './pages.ts';
import type { Runs } from './runs.ts';
import type { Applied, Steps } from './steps.ts';
import type { Context, DownloadEvent } from './transition.ts';

/** What each command about one download is to the state machine. */
const DOWNLOAD_COMMANDS: Readonly<Record<DownloadCommand['type'], DownloadEvent>> = {
  'pause-download': { kind: 'pause' },
  'resume-download': { kind: 'resume' },
  'retry-download': { kind: 'resume' },
  'cancel-download': { kind: 'cancel' },
  'delete-download': { kind: 'delete' },
};

export interface CommandsOptions extends Pick<ManagerOptions, 'store' | 'broadcast' | 'catalogOrigin'> {
  readonly steps: Steps;
  readonly runs: Runs;
  readonly conditions: Conditions;
  readonly pages: OpenPages;
  readonly apply: (record: DownloadRecord | undefined, event: DownloadEvent) => Promise<Applied>;
  readonly context: () => Promise<Context>;
}

/**
 * What each command of a page does, in the words of the state machine: a command about a download is
 * an event `transition` decides on, once the download's run stopped (what the run wrote, a finished
 * file included, is what is decided on); the others are the pages' news (the network, Wi-Fi, the
 * pages themselves) and questions.
 */
export class Commands {
  constructor(private readonly options: CommandsOptions) {}

  /** Carries out `command` of page `from` (its window's id). */
  async carryOut(command: Exclude<ManagerCommand, BackgroundFetchLot>, from: string): Promise<void> {
    switch (command.type) {
      case 'start-download': {
        const pinned = command.engine ?? (command.forceRange ? 'range' : undefined);
        return this.#start(command.track, pinned, command.batch);
      }
      case 'delete-downloads':
        return this.#removeAll(command.trackIds);
      case 'list-downloads':
        this.options.broadcast.listed(await this.options.store.all());
        return;
      case 'keep-alive':
        return;
      case 'download-conditions':
        this.options.pages.report(from, command);
        return this.#conditionsChanged(command);
      default:
        return this.#command(command.trackId, DOWNLOAD_COMMANDS[command.type]);
    }
  }

  /** The network came back: downloads it failed are asked again, once. */
  async networkBack(): Promise<void> {
    for (const record of await this.options.store.all()) await this.options.apply(record, { kind: 'network-back' });
  }

  async #start(track: Track, pinned: PinnedEngine | undefined, batch?: Batch): Promise<void> {
    if (!isTrack(track, this.options.catalogOrigin)) return;
    const existing = await this.options.store.get(track.id);
    const start: DownloadEvent = { kind: 'start', track, ...(batch ? { batch } : {}), ...(pinned ? { pinned } : {}) };
    await this.options.apply(existing, start);
  }

  /**
   * A page's report of the connection. Downloads may start waiting for Wi-Fi: every run stops where it
   * is (bytes kept; a fetch in the browser is stopped, its finished part kept) and nothing starts
   * until Wi-Fi is back, when the queue starts again by itself; every page is told, each time. The
   * network may be back: downloads it failed are asked again.
   */
  async #conditionsChanged(page: PageConditions): Promise<void> {
    const failedOffline = async (): Promise<boolean> =>
      (await this.options.store.all()).some((r) => r.status === 'failed' && r.failure?.code === 'offline');
    const { waiting, changed, back } = await this.options.conditions.report(page, failedOffline);
    this.options.broadcast.wifiWait(waiting);
    if (changed && waiting) {
      for (const trackId of this.options.runs.trackIds()) await this.#command(trackId, { kind: 'wait-for-wifi' });
    }
    if (back) await this.networkBack();
  }

  /** A command about one download: what it does to the download as stored once its run stopped. */
  async #command(trackId: number, event: DownloadEvent): Promise<void> {
    // A resume leaves a run alone: it is not stuck.
    if (event.kind !== 'resume') await this.options.runs.stop(trackId);
    const record = await this.options.store.get(trackId);
    if (record) await this.options.apply(record, event);
  }

  /**
   * "Delete all": exactly the songs the person was shown, every run among them stopped first and
   * the queue started only once they are gone (no song launched just before its own deletion), then
   * all of them removed in one transaction.
   */
  async #removeAll(trackIds: readonly number[]): Promise<void> {
    const ids = new Set(trackIds);
    await Promise.all([...ids].map((trackId) => this.options.runs.stop(trackId)));
    const records = (await this.options.store.all()).filter((record) => ids.has(record.trackId));
    await this.options.steps.removeAll(records, await this.options.context());
  }
}
