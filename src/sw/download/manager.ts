/// <reference lib="webworker" />
import { isTrack, type Track } from '../../shared/catalog.ts';
import { MAX_RUNNING_DOWNLOADS, newDownload, type Batch, type DownloadRecord } from '../../shared/downloads.ts';
import type { BackgroundFetchAnswer, HandOverCommand, PageToSw, SkipWaitingCommand } from '../../shared/messages.ts';
import type { DownloadBroadcaster } from './broadcast.ts';
import {
  backgroundFetchId,
  trackIdOfBackgroundFetch,
  type BackgroundFetchManagerLike,
  type BackgroundFetchRegistrationLike,
} from '../../shared/background-fetch.ts';
import {
  backgroundFetchEngine,
  settleBackgroundFetch,
  type BackgroundFetchEnd,
  type PageAsker,
} from './bg-fetch-engine.ts';
import { BackgroundFetchWaits } from './bg-fetch-waits.ts';
import type { DownloadSink, Engine } from './engine.ts';
import { deleteOpaque, opaqueEngine, sweepOpaque } from './opaque-engine.ts';
import { LaunchGate, type KeptFlag } from './launch-gate.ts';
import { failureOf } from './outcome.ts';
import { rangeEngine } from './range-engine.ts';
import type { DownloadStore } from './store.ts';
import { transition, type DownloadEvent, type Outcome, type Step } from './transition.ts';

interface Running {
  readonly controller: AbortController;
  readonly settled: Promise<void>;
}

export interface ManagerOptions {
  readonly store: DownloadStore;
  readonly broadcast: DownloadBroadcaster;
  /** The catalog's origin, whose previews are allowed besides Apple's. */
  readonly catalogOrigin: string;
  /**
   * Called when the last running download finished, with how many completed since the last time and
   * the name of their batch when one batch was all of them.
   */
  readonly onDrained: (completed: number, batch: string | null) => Promise<void>;
  /** Called when a download failed for lack of network, to resume it when the network returns. */
  readonly onNetworkLost?: () => Promise<void>;
  /** The browser's Background Fetch, or null where there is none (the Range-chunk engine then). */
  readonly backgroundFetch: BackgroundFetchManagerLike | null;
  /** Asks an open page to start a background fetch. */
  readonly askPage: PageAsker;
  /** Keeps a new download's artwork beside it, for the library offline; never throws. */
  readonly keepArtwork?: (track: Track) => Promise<void>;
  /** Keeps "downloads wait for Wi-Fi" for a worker started with no page open to say it. */
  readonly wifiWait?: KeptFlag;
  /** Waits before another try (a real timer unless a test says otherwise); rejects when `signal` aborts. */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** Waits `ms`, or rejects with the signal's reason once it aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Failures that end when the network comes back: tried again then, by Background Sync or a page. */
const NETWORK_FAILURES: ReadonlySet<string> = new Set(['offline', 'unreachable', 'network']);

/** Why runs stop when a new version of the worker takes over: not a pause, the state stays "downloading". */
const HANDED_OVER = new DOMException('Handed over to a new version', 'AbortError');

/** The engines that run in the worker, by the engine a download records (Background Fetch waits for the browser). */
const WORKER_ENGINES: Readonly<Record<Exclude<DownloadRecord['engine'], 'background-fetch'>, Engine>> = {
  range: rangeEngine,
  'whole-body': rangeEngine,
  opaque: opaqueEngine,
};

/**
 * A step carried out: the record as stored (null once it is gone), and whether the run goes on
 * (`again`), after `afterMs` where it tries again after a cut-off.
 */
interface Applied {
  readonly record: DownloadRecord | null;
  readonly again: boolean;
  readonly afterMs?: number;
}

export type { BackgroundFetchEnd };

/**
 * The single owner of download state: the queue, and the carrying out of `transition`'s steps (the
 * only writer of a download's status). Pages send commands (every one idempotent) and render what it
 * broadcasts. Up to `MAX_RUNNING_DOWNLOADS` run at once; the rest wait as queued, in order. Each run
 * is an engine's (`Engine`), whose outcome is an event like a command's. Every state lives in
 * IndexedDB, so a restarted worker picks up where the last one stopped.
 */
export class DownloadManager {
  readonly #running = new Map<number, Running>();
  readonly #waits: BackgroundFetchWaits | null;
  /** What engines write to: the store, and progress to every page. */
  readonly #sink: DownloadSink;
  /** Artwork being kept; the worker stays alive for it like for a download. */
  readonly #artwork = new Set<Promise<void>>();
  #started: Promise<void> | null = null;
  /** The batch of each download completed since the queue last drained (null: none). */
  #completedSinceDrain: (Batch | null)[] = [];
  /** Set once a new version takes over: this worker starts nothing more. */
  #handedOver = false;
  /** Every launch passes it: "Download only on Wi-Fi" on a metered connection keeps it shut. */
  readonly #gate: LaunchGate;
  /** Whether the last page to say so was offline (a page can know it before the worker does). */
  #pageOffline = false;
  /** Serialises commands, so two clicks never race each other. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: ManagerOptions) {
    this.#waits = options.backgroundFetch ? new BackgroundFetchWaits(options.backgroundFetch) : null;
    this.#gate = new LaunchGate(options.wifiWait);
    const { store, broadcast } = options;
    this.#sink = {
      appendChunk: (...args) => store.appendChunk(...args),
      addSegment: (...args) => store.addSegment(...args),
      storedSpans: (...args) => store.storedSpans(...args),
      resume: (...args) => store.resume(...args),
      update: (...args) => store.update(...args),
      restart: (...args) => store.restart(...args),
      progress: (record, pending) => broadcast.progress(record, pending),
    };
  }

  /**
   * Picks up downloads a stopped worker left "downloading" (they continue from their stored bytes)
   * and starts the queue. Safe to call on every event.
   */
  start(): Promise<void> {
    if (this.#started) return this.#started;
    const starting = this.#serial(async () => {
      const records = await this.options.store.all();
      // Before anything runs: what a stopped worker left in Cache Storage with no download owning it.
      await sweepOpaque(records).catch(() => undefined);
      for (const record of records) {
        if (record.status !== 'downloading' || this.#running.has(record.trackId)) continue;
        // A background fetch goes on without us: wait for its events rather than start it again.
        const id = record.engine === 'background-fetch' ? record.backgroundFetchId : null;
        if (!id || !(await this.#waits?.exists(id))) await this.#apply(record, { kind: 'orphaned' });
        else if (await this.#gate.open()) this.#launch(record, true);
        else {
          // The browser went on over a metered connection while no worker ran: stop it there.
          await this.#abortBackgroundFetch(record.trackId);
          await this.#apply(record, { kind: 'wait-for-wifi' });
        }
      }
      await this.#pump();
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
      await this.#queue;
      if (this.#running.size === 0 && this.#artwork.size === 0) return;
      await Promise.all([...this.#running.values()].map((run) => run.settled).concat([...this.#artwork]));
    }
  }

  /** Carries out one command from a page. */
  handle(command: Exclude<PageToSw, SkipWaitingCommand | HandOverCommand | BackgroundFetchAnswer>): Promise<void> {
    return this.#serial(async () => {
      switch (command.type) {
        case 'start-download':
          return this.#startDownload(command.track, command.forceRange, command.batch);
        case 'pause-download':
          return this.#pause(command.trackId);
        case 'resume-download':
        case 'retry-download':
          return this.#requeue(command.trackId);
        case 'cancel-download':
          return this.#remove(command.trackId, { kind: 'cancel' });
        case 'delete-download':
          return this.#remove(command.trackId, { kind: 'delete' });
        case 'delete-downloads':
          return this.#removeAll(command.trackIds);
        case 'list-downloads':
          this.options.broadcast.listed(await this.options.store.all());
          return;
        case 'keep-alive':
          return;
        case 'download-conditions':
          this.#pageOffline = command.online === false;
          return this.#setWaitingForWifi(command.wifiOnly && command.metered);
      }
    });
  }

  /**
   * A new version of the worker is taking over: stops every run without writing its state, so the
   * new worker continues each download from its stored bytes (`start`). Background fetches go on in
   * the browser; the new worker receives their events.
   */
  handOver(): Promise<void> {
    return this.#serial(async () => {
      this.#handedOver = true;
      const runs = [...this.#running.values()];
      for (const run of runs) run.controller.abort(HANDED_OVER);
      await Promise.all(runs.map((run) => run.settled));
    });
  }

  /** No new version took over after a hand-over: this worker continues its downloads after all. */
  takeBack(): Promise<void> {
    if (!this.#handedOver) return Promise.resolve();
    this.#handedOver = false;
    this.#started = null;
    return this.start();
  }

  /**
   * The network came back (Background Sync says so, after a download failed offline): downloads that
   * failed for lack of network, or for a host that could not be reached, are tried again, once.
   */
  async resumeAfterNetworkLoss(): Promise<void> {
    await this.start();
    return this.#serial(async () => {
      for (const record of await this.options.store.all()) {
        if (record.status === 'failed' && NETWORK_FAILURES.has(record.failure?.code ?? '')) {
          await this.#requeue(record.trackId);
        }
      }
    });
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(work);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #startDownload(track: Track, forceRange: boolean, batch: Batch | undefined): Promise<void> {
    if (!isTrack(track, this.options.catalogOrigin)) return;
    const existing = await this.options.store.get(track.id);
    if (existing?.status === 'failed') return this.#requeue(track.id);
    if (existing) return; // a second click on Download starts nothing new
    const engine = this.options.backgroundFetch && !forceRange ? 'background-fetch' : 'range';
    const record = newDownload(track, Date.now(), engine, batch);
    await this.options.store.put(record);
    this.options.broadcast.changed(record);
    const keeping = this.options.keepArtwork?.(track);
    if (keeping) {
      this.#artwork.add(keeping);
      void keeping.finally(() => this.#artwork.delete(keeping));
    }
    await this.#pump();
  }

  /**
   * Downloads wait for Wi-Fi, or no longer do. Waiting stops every run where it is (bytes kept; a
   * background fetch is aborted, its finished segments kept) and starts nothing until Wi-Fi is
   * back, when the queue starts again by itself. Every page is told, each time a page asks.
   */
  async #setWaitingForWifi(waiting: boolean): Promise<void> {
    const changed = await this.#gate.set(waiting);
    this.options.broadcast.wifiWait(waiting);
    if (!changed) return;
    if (!waiting) return this.#pump();
    for (const trackId of [...this.#running.keys()]) {
      await this.#stop(trackId);
      await this.#command(trackId, { kind: 'wait-for-wifi' });
    }
  }

  async #stop(trackId: number): Promise<void> {
    const running = this.#running.get(trackId);
    if (!running) return;
    running.controller.abort(new DOMException('Stopped by the person', 'AbortError'));
    await running.settled;
  }

  /** A command of a person: what it does to the download as stored now. */
  async #command(trackId: number, event: DownloadEvent): Promise<void> {
    const record = await this.options.store.get(trackId);
    if (record) await this.#apply(record, event);
  }

  async #pause(trackId: number): Promise<void> {
    // Stopped first: a run that ends meanwhile has written its own state, which the pause then reads.
    await this.#stop(trackId);
    await this.#command(trackId, { kind: 'pause' });
    await this.#pump();
  }

  async #requeue(trackId: number): Promise<void> {
    await this.#command(trackId, { kind: 'resume' });
    await this.#pump();
  }

  /** Cancel or Delete. The run stops first: what it wrote, a finished file included, is what is decided on. */
  async #remove(trackId: number, event: DownloadEvent): Promise<void> {
    await this.#stop(trackId);
    await this.#command(trackId, event);
    await this.#pump();
  }

  /**
   * "Delete all": exactly the songs the person was shown, every run among them stopped first and
   * the queue started only once they are gone (no song launched just before its own deletion), then
   * all of them removed in one transaction.
   */
  async #removeAll(trackIds: readonly number[]): Promise<void> {
    const ids = new Set(trackIds);
    await Promise.all([...ids].map((trackId) => this.#stop(trackId)));
    const gone = (await this.options.store.all())
      .filter((record) => ids.has(record.trackId) && transition(record, { kind: 'delete' }, false).write === 'remove')
      .map((record) => record.trackId);
    await this.options.store.removeAll(gone);
    for (const trackId of gone) {
      await deleteOpaque(trackId).catch(() => undefined);
      this.options.broadcast.removed(trackId);
    }
    await this.#pump();
  }

  async #pump(): Promise<void> {
    if (this.#handedOver || this.#running.size >= MAX_RUNNING_DOWNLOADS || !(await this.#gate.open())) return;
    const queued = (await this.options.store.all())
      .filter((record) => record.status === 'queued' && !this.#running.has(record.trackId))
      .sort((a, b) => a.queuedAt - b.queuedAt);
    for (const record of queued.slice(0, MAX_RUNNING_DOWNLOADS - this.#running.size)) {
      const launched = (await this.#apply(record, { kind: 'launch' })).record;
      if (launched?.status === 'downloading') this.#launch(launched, false);
    }
  }

  /** Runs a download in the background of the command queue; `attach` follows a running background fetch. */
  #launch(record: DownloadRecord, attach: boolean): void {
    const controller = new AbortController();
    const settled = this.#run(record, controller.signal, attach).finally(() => {
      this.#running.delete(record.trackId);
      void this.#serial(() => this.#afterRun());
    });
    this.#running.set(record.trackId, { controller, settled });
  }

  async #afterRun(): Promise<void> {
    await this.#pump();
    if (this.#running.size > 0 || this.#completedSinceDrain.length === 0) return;
    const completed = this.#completedSinceDrain;
    this.#completedSinceDrain = [];
    const first = completed[0];
    const oneBatch = first && completed.every((batch) => batch?.id === first.id) ? first.name : null;
    await this.options.onDrained(completed.length, oneBatch);
  }

  /**
   * Runs one download to its end: its engine's outcome goes through `transition`, and where the
   * ladder's next rung runs at once, that engine runs in the same turn. Never throws.
   */
  async #run(record: DownloadRecord, signal: AbortSignal, attach: boolean): Promise<void> {
    let current: DownloadRecord | null = record;
    let following = attach;
    while (current) {
      const outcome =
        current.engine === 'background-fetch'
          ? await this.#runBackgroundFetch(current, signal, following)
          : await WORKER_ENGINES[current.engine](current, this.#sink, signal);
      following = false;
      // The engine wrote sizes and bytes as it went: the step starts from the record as stored.
      const latest = await this.options.store.get(current.trackId).catch(() => current);
      if (!latest) return; // canceled meanwhile
      const event: DownloadEvent =
        outcome.kind === 'interrupted'
          ? { ...outcome, offline: this.#offline(), progressed: latest.bytesReceived > current.bytesReceived }
          : outcome;
      const applied = await this.#apply(latest, event);
      current = applied.again ? applied.record : null;
      if (current && applied.afterMs !== undefined) {
        // A pause, a cancel or a new worker ends the wait, and the run with it: the command writes the state.
        const waited = await (this.options.sleep ?? sleep)(applied.afterMs, signal).then(
          () => true,
          () => false,
        );
        if (!waited) return;
        // Trying again: the words of the last cut-off go, its count stays.
        current = await this.options.store.update(current.trackId, { failure: null }).catch(() => current);
        if (current?.status !== 'downloading') return;
        this.options.broadcast.changed(current);
      }
    }
  }

  /** Whether the device is offline, as the worker or the last page to say so sees it. */
  #offline(): boolean {
    return !navigator.onLine || this.#pageOffline;
  }

  /**
   * The Background Fetch engine's run: hands the download to a new fetch (or follows its running one,
   * `attach`), then waits for the fetch's last event, whose handler (`backgroundFetchEnded`) writes
   * the outcome; a pause or cancel stops the fetch.
   */
  async #runBackgroundFetch(record: DownloadRecord, signal: AbortSignal, attach: boolean): Promise<Outcome> {
    if (!this.#waits) return { kind: 'gave-up', why: 'no-page' };
    const { trackId } = record;
    const fetchId =
      attach && record.backgroundFetchId ? record.backgroundFetchId : backgroundFetchId(trackId, Date.now());
    // A new version takes over: the fetch goes on, and the new worker follows it.
    const wait = this.#waits.expect(fetchId, signal, () => {
      if (signal.reason !== HANDED_OVER) void this.#abortBackgroundFetch(trackId);
    });
    if (!attach) {
      const outcome = await backgroundFetchEngine(this.options.askPage, fetchId)(record, this.#sink, signal);
      if (outcome.kind !== 'waiting') {
        wait.cancel();
        return outcome;
      }
      // Paused or canceled while a page was starting it: stop the fetch it just started.
      if (signal.aborted && signal.reason !== HANDED_OVER) await this.#abortBackgroundFetch(trackId);
      // Pages learn the size and the fetch to follow.
      const handed = await this.options.store.get(trackId);
      if (handed) await this.#apply(handed, outcome);
    }
    // Ended or stopped: the event's handler or the command writes the state.
    return (await wait.until()) === 'lost' ? { kind: 'lost' } : { kind: 'stopped' };
  }

  /** Stops a download's running background fetch; its abort event then stores the finished segments. */
  async #abortBackgroundFetch(trackId: number): Promise<void> {
    const current = await this.options.store.get(trackId);
    const id = current?.backgroundFetchId;
    const registration = id ? await this.options.backgroundFetch?.get(id) : undefined;
    await registration?.abort();
  }

  /**
   * Handles the last event of a background fetch: stores every finished segment, and writes what
   * the event means (`settleBackgroundFetch`) as any outcome is written. Works in a worker restarted
   * for this event too.
   * @returns the finished download, for the event's UI
   */
  async backgroundFetchEnded(
    end: BackgroundFetchEnd,
    registration: BackgroundFetchRegistrationLike,
  ): Promise<DownloadRecord | null> {
    this.#waits?.ending(registration.id);
    // Outside the command queue: starting queues work of its own, which would wait for us forever.
    await this.start();
    return this.#serial(async () => {
      const wake = this.#waits?.ended(registration.id);
      const trackId = trackIdOfBackgroundFetch(registration.id);
      const record = trackId === null ? undefined : await this.options.store.get(trackId);
      let result: DownloadRecord | null = null;
      // A fetch of a canceled download, or an old one a resume replaced, brings nothing to keep.
      if (record && record.backgroundFetchId === registration.id) {
        const outcome = await settleBackgroundFetch(
          end,
          registration,
          record,
          wake !== undefined,
          this.options.store,
        ).catch((error: unknown): Outcome => ({ kind: 'failed', failure: failureOf(error) }));
        const latest = (await this.options.store.get(record.trackId)) ?? null;
        if (latest) result = (await this.#apply(latest, outcome)).record;
      }
      if (wake) wake();
      else await this.#afterRun();
      return result?.status === 'completed' ? result : null;
    });
  }

  /**
   * Carries out what `transition` decides for `event` on `record`, tells every page, and counts a
   * finished file for "Downloads finished". Never throws: a step that storage refuses becomes a
   * failure, and should storage refuse even that (a disk full to its last byte), pages are told all
   * the same and the stored state is tried again on the next start — never a silent stall.
   */
  async #apply(record: DownloadRecord, event: DownloadEvent): Promise<Applied> {
    const step = transition(record, event, this.#running.has(record.trackId));
    const lostNetwork = step.write === 'fail' && step.failure.code === 'offline';
    let written: DownloadRecord | null;
    try {
      written = await this.#write(record, step);
    } catch (error) {
      if (step.write !== 'fail') return this.#apply(record, { kind: 'failed', failure: failureOf(error) });
      written = { ...record, status: 'failed', failure: step.failure };
    }
    if (written && (step.write !== 'none' || step.announce)) this.options.broadcast.changed(written);
    if (written && step.write === 'complete') this.#completedSinceDrain.push(written.batch ?? null);
    if (lostNetwork) await this.options.onNetworkLost?.();
    if (step.write === 'retry') return { record: written, again: true, afterMs: step.afterMs };
    return { record: written, again: step.write === 'rung' && step.run };
  }

  /** Writes one step; the only place a download's status is written. @returns the record as stored */
  async #write(record: DownloadRecord, step: Step): Promise<DownloadRecord | null> {
    const { store } = this.options;
    const { trackId } = record;
    switch (step.write) {
      case 'none':
        return record;
      case 'status':
        return store.update(trackId, {
          status: step.status,
          ...(step.fresh ? { failure: null, restarts: 0, tries: 0 } : {}),
          ...(step.forgetFetch ? { backgroundFetchId: null } : {}),
        });
      case 'complete':
        // An opaque answer is one piece in Cache Storage, with no chunks to join.
        return record.engine === 'opaque'
          ? store.update(trackId, { status: 'completed', completedAt: Date.now() })
          : store.complete(trackId, Date.now());
      case 'restart':
        return store.restart(trackId, { status: 'queued', backgroundFetchId: null }, { changed: true });
      case 'rung': {
        const patch = {
          engine: step.engine,
          backgroundFetchId: null,
          ...(step.run ? {} : { status: 'queued' as const }),
        };
        return step.keep === 'prefix' ? store.keepPrefix(trackId, patch) : store.restart(trackId, patch);
      }
      case 'retry':
        return store.update(trackId, { tries: step.tries, failure: step.failure });
      case 'remove':
        // The record first: an entry left by a worker stopped in between is swept at the next start.
        await store.remove(trackId);
        await deleteOpaque(trackId).catch(() => undefined);
        this.options.broadcast.removed(trackId);
        return null;
      case 'fail':
        if (!step.dropBytes) return store.update(trackId, { status: 'failed', failure: step.failure, tries: 0 });
        await store.dropChunks(trackId);
        return store.update(trackId, {
          status: 'failed',
          failure: step.failure,
          tries: 0,
          bytesReceived: 0,
          bytesTotal: null,
          validator: null,
        });
    }
  }
}
