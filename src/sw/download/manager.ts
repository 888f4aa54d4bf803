/// <reference lib="webworker" />
import { isTrack, type Track } from '../../shared/catalog.ts';
import type { Batch, DownloadRecord } from '../../shared/downloads.ts';
import type { DownloadCommand } from '../../shared/messages.ts';
import { Conditions, type PageConditions } from './conditions.ts';
import { sinkOf } from './engine.ts';
import { Engines } from './engines.ts';
import type { ManagerCommand, ManagerOptions } from './manager-options.ts';
import { DownloadQueue } from './queue.ts';
import { Runs } from './runs.ts';
import { Steps, type Applied } from './steps.ts';
import type { Context, DownloadEvent, Outcome } from './transition.ts';

export type { ManagerCommand, ManagerOptions };

/** What each command about one download is to the state machine. */
const DOWNLOAD_COMMANDS: Readonly<Record<DownloadCommand['type'], DownloadEvent>> = {
  'pause-download': { kind: 'pause' },
  'resume-download': { kind: 'resume' },
  'retry-download': { kind: 'resume' },
  'cancel-download': { kind: 'cancel' },
  'delete-download': { kind: 'delete' },
};

/**
 * The single owner of download state: the queue, and the commands of pages (every one idempotent).
 * What a command or an engine's outcome does to a download is decided by `transition` and written by
 * `Steps`; runs are `Runs`'. Up to `MAX_RUNNING_DOWNLOADS` run at once; the rest wait as queued, in
 * order. Every state lives in IndexedDB, so a restarted worker picks up where the last one stopped.
 */
export class DownloadManager {
  readonly #engines: Engines;
  readonly #steps: Steps;
  readonly #runs: Runs;
  #started: Promise<void> | null = null;
  /** The network as pages and the worker see it; every launch asks whether downloads wait for Wi-Fi. */
  readonly #conditions: Conditions;
  readonly #queue: DownloadQueue;
  /** Serialises commands, so two clicks never race each other. */
  #commands: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: ManagerOptions) {
    this.#engines = new Engines(options.engines);
    this.#conditions = new Conditions(options.wifiWait);
    const { store, broadcast } = options;
    this.#steps = new Steps({
      store,
      broadcast,
      engineOf: (record) => this.#engines.of(record.engine),
      ...(options.onNetworkLost ? { onNetworkLost: options.onNetworkLost } : {}),
    });
    this.#runs = new Runs({
      store,
      sink: sinkOf(store, broadcast),
      engines: this.#engines,
      apply: (record, event) => this.#apply(record, event),
      offline: () => this.#conditions.offline(),
      ended: () => void this.#serial(() => this.#queue.afterRun()),
      ...(options.sleep ? { sleep: options.sleep } : {}),
    });
    this.#queue = new DownloadQueue({
      store,
      runs: this.#runs,
      apply: (record, event) => this.#apply(record, event),
      drainCompleted: () => this.#steps.drainCompleted(),
      onDrained: options.onDrained,
    });
  }

  /**
   * Picks up downloads a stopped worker left "downloading" (they continue from their stored bytes, or
   * are followed where their fetch goes on in the browser) and starts the queue. Safe to call on every event.
   */
  start(): Promise<void> {
    if (this.#started) return this.#started;
    const starting = this.#serial(async () => {
      const records = await this.options.store.all();
      // Before anything runs: what a stopped worker left outside IndexedDB with no download owning it.
      await this.#engines.sweep(records);
      for (const record of records) {
        if (record.status !== 'downloading' || this.#runs.has(record.trackId)) continue;
        const outside = (await this.#engines.of(record.engine).outside?.goesOn(record)) ?? false;
        const applied = await this.#apply(record, { kind: 'orphaned', outside });
        if (applied.follow && applied.record) this.#runs.launch(applied.record, true);
      }
      await this.#queue.pump();
    });
    this.#started = starting;
    // A start that failed (storage unavailable for a moment) is tried again by the next event.
    starting.catch(() => {
      if (this.#started === starting) this.#started = null;
    });
    return starting;
  }

  /**
   * Resolves when no download is running and none is about to: what the worker waits for to stay
   * alive. A run that ends hands its place to the next queued download in a step of the command
   * queue, so that queue is waited for too (else the worker could be let go with the queue not drained).
   * Never call it from inside a command.
   */
  async whenIdle(): Promise<void> {
    await this.start();
    for (;;) {
      await this.#commands;
      if (this.#runs.idle) return;
      await this.#runs.allSettled();
    }
  }

  /** Carries out one command from a page; then queued downloads get their turn. */
  handle(command: ManagerCommand): Promise<void> {
    return this.#serial(async () => {
      await this.#carryOut(command);
      await this.#queue.pump();
    });
  }

  async #carryOut(command: ManagerCommand): Promise<void> {
    switch (command.type) {
      case 'start-download':
        return this.#startDownload(command.track, command.forceRange, command.batch);
      case 'delete-downloads':
        return this.#removeAll(command.trackIds);
      case 'list-downloads':
        this.options.broadcast.listed(await this.options.store.all());
        return;
      case 'keep-alive':
        return;
      case 'download-conditions':
        return this.#conditionsChanged(command);
      default:
        return this.#command(command.trackId, DOWNLOAD_COMMANDS[command.type]);
    }
  }

  /**
   * A new version of the worker is taking over: stops every run without writing its state, so the
   * new worker continues each download from its stored bytes (`start`). Fetches that go on outside
   * the worker go on; the new worker follows them.
   */
  handOver(): Promise<void> {
    return this.#serial(() => this.#runs.handOver());
  }

  /** No new version took over after a hand-over: this worker continues its downloads after all. */
  takeBack(): Promise<void> {
    if (!this.#runs.takeBack()) return Promise.resolve();
    this.#started = null;
    return this.start();
  }

  /** The network came back (Background Sync says so): downloads it failed are asked again, once. */
  async resumeAfterNetworkLoss(): Promise<void> {
    await this.start();
    return this.#serial(async () => {
      await this.#networkBack();
      await this.#queue.pump();
    });
  }

  /**
   * A download's fetch outside the worker ended (a background fetch's last event): `settle` stores
   * what it brought and says the outcome, which the run following the download carries out, or this
   * call where none does (a worker started for the event). Call `start` first.
   * @returns the download as stored after it, null when it is gone or `settle` had nothing to say
   */
  settleOutside(
    trackId: number,
    settle: (record: DownloadRecord, followed: boolean) => Promise<Outcome | null>,
  ): Promise<DownloadRecord | null> {
    return this.#serial(() => this.#runs.settleOutside(trackId, settle));
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#commands.then(work);
    this.#commands = next.catch(() => undefined);
    return next;
  }

  /** What `transition` decides for `event`, carried out; the context as the manager knows it now. */
  async #apply(record: DownloadRecord | undefined, event: DownloadEvent): Promise<Applied> {
    return this.#steps.apply(record, event, await this.#context(record));
  }

  async #context(record: DownloadRecord | undefined): Promise<Context> {
    return {
      running: record !== undefined && this.#runs.has(record.trackId),
      waitingForWifi: await this.#conditions.gate.waiting(),
      backgroundFetch: this.#engines.has('background-fetch'),
    };
  }

  async #startDownload(track: Track, forceRange: boolean, batch?: Batch): Promise<void> {
    if (!isTrack(track, this.options.catalogOrigin)) return;
    const existing = await this.options.store.get(track.id);
    const { record } = await this.#apply(existing, { kind: 'start', track, forceRange, ...(batch ? { batch } : {}) });
    // The worker stays alive while the artwork is kept, as for a download.
    const keeping = !existing && record ? this.options.keepArtwork?.(track) : undefined;
    if (keeping) this.#runs.alongside(keeping);
  }

  async #networkBack(): Promise<void> {
    for (const record of await this.options.store.all()) await this.#apply(record, { kind: 'network-back' });
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
    const { waiting, changed, back } = await this.#conditions.report(page, failedOffline);
    this.options.broadcast.wifiWait(waiting);
    if (changed && waiting) {
      for (const trackId of this.#runs.trackIds()) await this.#command(trackId, { kind: 'wait-for-wifi' });
    }
    if (back) await this.#networkBack();
  }

  /**
   * A command of a person: what it does to the download as stored once its run stopped (what the run
   * wrote, a finished file included, is what is decided on).
   */
  async #command(trackId: number, event: DownloadEvent): Promise<void> {
    // A resume leaves a run alone: it is not stuck.
    if (event.kind !== 'resume') await this.#runs.stop(trackId);
    const record = await this.options.store.get(trackId);
    if (record) await this.#apply(record, event);
  }

  /**
   * "Delete all": exactly the songs the person was shown, every run among them stopped first and
   * the queue started only once they are gone (no song launched just before its own deletion), then
   * all of them removed in one transaction.
   */
  async #removeAll(trackIds: readonly number[]): Promise<void> {
    const ids = new Set(trackIds);
    await Promise.all([...ids].map((trackId) => this.#runs.stop(trackId)));
    const records = (await this.options.store.all()).filter((record) => ids.has(record.trackId));
    await this.#steps.removeAll(records, await this.#context(undefined));
  }
}
