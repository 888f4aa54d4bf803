/// <reference lib="webworker" />
import type { DownloadRecord } from '../../shared/downloads.ts';
import { ArtworkKeeping } from './artwork-keeping.ts';
import { Commands } from './commands.ts';
import { Conditions } from './conditions.ts';
import { sinkOf } from './engine.ts';
import { Engines } from './engines.ts';
import type { ManagerCommand, ManagerOptions } from './manager-options.ts';
import { Lots } from './lots.ts';
import { OpenPages } from './pages.ts';
import { DownloadQueue } from './queue.ts';
import { Runs } from './runs.ts';
import { Steps, type Applied } from './steps.ts';
import type { Context, DownloadEvent, Outcome } from './transition.ts';

export type { ManagerCommand, ManagerOptions };

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
  readonly #artwork: ArtworkKeeping;
  #started: Promise<void> | null = null;
  /** The network as pages and the worker see it; every launch asks whether downloads wait for Wi-Fi. */
  readonly #conditions: Conditions;
  /** The app's open pages, on screen or not: the engine a launch takes. */
  readonly #pages: OpenPages;
  readonly #queue: DownloadQueue;
  readonly #lots: Lots;
  readonly #commands: Commands;
  /** Serialises commands, so two clicks never race each other. */
  #turns: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: ManagerOptions) {
    this.#engines = new Engines(options.engines);
    this.#conditions = new Conditions(options.wifiWait);
    this.#pages = new OpenPages(options.openWindows);
    // The worker stays alive while artwork is kept, as for a download.
    this.#artwork = new ArtworkKeeping(options.keepArtwork, (work) => this.#runs.alongside(work));
    const { store, broadcast } = options;
    this.#steps = new Steps({
      store,
      broadcast,
      engineOf: (record) => this.#engines.of(record.engine),
      ...(options.onNetworkLost ? { onNetworkLost: options.onNetworkLost } : {}),
      onCompleted: (record) => this.#artwork.completed(record),
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
      onDrained: (completed, batch) => {
        this.#artwork.drained();
        return options.onDrained(completed, batch);
      },
    });
    this.#lots = new Lots({
      store,
      runs: this.#runs,
      queue: this.#queue,
      pages: this.#pages,
      serial: (work) => this.#serial(work),
      apply: (record, event) => this.#apply(record, event),
    });
    this.#commands = new Commands({
      ...options,
      steps: this.#steps,
      runs: this.#runs,
      conditions: this.#conditions,
      pages: this.#pages,
      apply: (record, event) => this.#apply(record, event),
      context: () => this.#context(undefined),
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
      await this.#turns;
      if (this.#runs.idle) return;
      await this.#runs.allSettled();
    }
  }

  /**
   * Carries out one command from a page (`from`: its window's id); then queued downloads get their turn.
   * A page's background fetch for its downloads is adopted once the browser has it (`Lots`).
   */
  handle(command: ManagerCommand, from = ''): Promise<void> {
    if (command.type === 'background-fetch-lot') {
      const outside = this.#engines.of('background-fetch').outside;
      return outside ? this.#lots.adopt(command, from, outside) : Promise.resolve();
    }
    return this.#serial(async () => {
      await this.#commands.carryOut(command, from);
      await this.#queue.pump();
    });
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
      await this.#commands.networkBack();
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
    const next = this.#turns.then(work);
    this.#turns = next.catch(() => undefined);
    return next;
  }

  /** What `transition` decides for `event`, carried out; the context as the manager knows it now. */
  async #apply(record: DownloadRecord | undefined, event: DownloadEvent): Promise<Applied> {
    return this.#steps.apply(record, event, await this.#context(record, event));
  }

  /** What the manager knows now; the pages only where a launch asks it (it asks the browser). */
  async #context(record: DownloadRecord | undefined, event?: DownloadEvent): Promise<Context> {
    return {
      running: record !== undefined && this.#runs.has(record.trackId),
      waitingForWifi: await this.#conditions.gate.waiting(),
      ...(event?.kind === 'launch' ? { moment: await this.#pages.moment(this.#engines.has('background-fetch')) } : {}),
    };
  }
}
