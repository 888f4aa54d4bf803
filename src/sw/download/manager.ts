/// <reference lib="webworker" />
import { isTrack, type Track } from '../../shared/catalog.ts';
import {
  MAX_RUNNING_DOWNLOADS,
  newDownload,
  type DownloadFailure,
  type DownloadRecord,
} from '../../shared/downloads.ts';
import type { BackgroundFetchAnswer, HandOverCommand, PageToSw, SkipWaitingCommand } from '../../shared/messages.ts';
import type { DownloadBroadcaster } from './broadcast.ts';
import {
  backgroundFetchId,
  trackIdOfBackgroundFetch,
  type BackgroundFetchManagerLike,
  type BackgroundFetchRegistrationLike,
} from '../../shared/background-fetch.ts';
import { handOver, harvest, unchangedSince, type PageAsker } from './bg-fetch-engine.ts';
import { CorsRefused, DownloadError, errorForStatus, isAbort, networkError } from './http.ts';
import { dropsBytes, nextRung, type GiveUp } from './ladder.ts';
import { deleteOpaque, fetchOpaque } from './opaque-engine.ts';
import { fetchWithRanges } from './range-engine.ts';
import { quotaError } from './store.ts';
import type { DownloadStore } from './store.ts';

interface Running {
  readonly controller: AbortController;
  readonly settled: Promise<void>;
}

export interface ManagerOptions {
  readonly store: DownloadStore;
  readonly broadcast: DownloadBroadcaster;
  /** The catalog's origin, whose previews are allowed besides Apple's. */
  readonly catalogOrigin: string;
  /** Called when the last running download finished, with how many completed since the last time. */
  readonly onDrained: (completed: number) => Promise<void>;
  /** Called when a download failed for lack of network, to resume it when the network returns. */
  readonly onNetworkLost?: () => Promise<void>;
  /** The browser's Background Fetch, or null where there is none (the Range-chunk engine then). */
  readonly backgroundFetch: BackgroundFetchManagerLike | null;
  /** Asks an open page to start a background fetch. */
  readonly askPage: PageAsker;
  /** Keeps a new download's artwork beside it, for the library offline; never throws. */
  readonly keepArtwork?: (track: Track) => Promise<void>;
}

/** How often a waiting download checks that its background fetch still exists. */
const WATCHDOG_MS = 2000;

/** Why runs stop when a new version of the worker takes over: not a pause, the state stays "downloading". */
const HANDED_OVER = new DOMException('Handed over to a new version', 'AbortError');

/** What a failure means, in words. */
function failureOf(error: unknown): DownloadFailure {
  if (error instanceof DownloadError) return error.failure;
  // A full disk refusing a write of state rather than of bytes.
  if (error instanceof DOMException && error.name === 'QuotaExceededError') return quotaError().failure;
  const reason = error instanceof Error ? error.message : String(error);
  return { code: 'unknown', message: `Something went wrong: ${reason}` };
}

/** How a background fetch ended, as its events say. */
export type BackgroundFetchEnd = 'success' | 'fail' | 'abort';

/**
 * The single owner of download state. Pages send commands (every one idempotent) and render what it
 * broadcasts. Up to `MAX_RUNNING_DOWNLOADS` run at once; the rest wait as queued, in order. Every
 * state lives in IndexedDB, so a restarted worker picks up where the last one stopped.
 */
export class DownloadManager {
  readonly #running = new Map<number, Running>();
  /**
   * Runs of the Background Fetch engine waiting for their fetch's last event, by fetch id: after a
   * quick pause and resume, the old fetch's abort event must not end the new fetch's run.
   */
  readonly #backgroundWaiters = new Map<string, () => void>();
  /** Background fetches whose last event is being handled; `get()` may no longer find them. */
  readonly #endingFetches = new Set<string>();
  /** Artwork being kept; the worker stays alive for it like for a download. */
  readonly #artwork = new Set<Promise<void>>();
  #started: Promise<void> | null = null;
  #completedSinceDrain = 0;
  /** Set once a new version takes over: this worker starts nothing more. */
  #handedOver = false;
  /** Serialises commands, so two clicks never race each other. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: ManagerOptions) {}

  /**
   * Picks up downloads a stopped worker left "downloading" (they continue from their stored bytes)
   * and starts the queue. Safe to call on every event.
   */
  start(): Promise<void> {
    if (this.#started) return this.#started;
    const starting = this.#serial(async () => {
      for (const record of await this.options.store.all()) {
        if (record.status !== 'downloading' || this.#running.has(record.trackId)) continue;
        // A background fetch goes on without us: wait for its events rather than start it again.
        const id = record.engine === 'background-fetch' ? record.backgroundFetchId : null;
        if (id && (this.#endingFetches.has(id) || (await this.options.backgroundFetch?.get(id)))) {
          this.#launch(record, true);
        } else await this.options.store.update(record.trackId, { status: 'queued' });
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

  /** Resolves when no download is running: what the worker waits for to stay alive. */
  async whenIdle(): Promise<void> {
    await this.start();
    while (this.#running.size > 0 || this.#artwork.size > 0) {
      await Promise.all([...this.#running.values()].map((run) => run.settled).concat([...this.#artwork]));
    }
  }

  /** Carries out one command from a page. */
  handle(command: Exclude<PageToSw, SkipWaitingCommand | HandOverCommand | BackgroundFetchAnswer>): Promise<void> {
    return this.#serial(async () => {
      switch (command.type) {
        case 'start-download':
          return this.#startDownload(command.track, command.forceRange);
        case 'pause-download':
          return this.#pause(command.trackId);
        case 'resume-download':
        case 'retry-download':
          return this.#requeue(command.trackId);
        case 'cancel-download':
        case 'delete-download':
          return this.#remove(command.trackId);
        case 'list-downloads':
          this.options.broadcast.listed(await this.options.store.all());
          return;
        case 'keep-alive':
          return;
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

  /** Resumes downloads that failed for lack of network (Background Sync says it is back). */
  resumeAfterNetworkLoss(): Promise<void> {
    return this.#serial(async () => {
      for (const record of await this.options.store.all()) {
        if (record.status === 'failed' && record.failure?.code === 'network') await this.#requeue(record.trackId);
      }
    });
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(work);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #startDownload(track: Track, forceRange: boolean): Promise<void> {
    if (!isTrack(track, this.options.catalogOrigin)) return;
    const existing = await this.options.store.get(track.id);
    if (existing?.status === 'failed') return this.#requeue(track.id);
    if (existing) return; // a second click on Download starts nothing new
    const engine = this.options.backgroundFetch && !forceRange ? 'background-fetch' : 'range';
    const record = newDownload(track, Date.now(), engine);
    await this.options.store.put(record);
    this.options.broadcast.changed(record);
    const keeping = this.options.keepArtwork?.(track);
    if (keeping) {
      this.#artwork.add(keeping);
      void keeping.finally(() => this.#artwork.delete(keeping));
    }
    await this.#pump();
  }

  async #stop(trackId: number): Promise<void> {
    const running = this.#running.get(trackId);
    if (!running) return;
    running.controller.abort(new DOMException('Stopped by the person', 'AbortError'));
    await running.settled;
  }

  async #pause(trackId: number): Promise<void> {
    const record = await this.options.store.get(trackId);
    if (record?.status !== 'downloading' && record?.status !== 'queued') return;
    await this.#stop(trackId);
    const paused = await this.options.store.update(trackId, { status: 'paused' });
    if (paused) this.options.broadcast.changed(paused);
    await this.#pump();
  }

  async #requeue(trackId: number): Promise<void> {
    const record = await this.options.store.get(trackId);
    // A download stored as running that nothing runs: its failure could not be written (a full disk).
    const stuck = record?.status === 'downloading' && !this.#running.has(trackId);
    if (record?.status !== 'paused' && record?.status !== 'failed' && !stuck) return;
    // The person asks again: the file may change as often again as a new download's.
    const queued = await this.options.store.update(trackId, { status: 'queued', failure: null, restarts: 0 });
    if (queued) this.options.broadcast.changed(queued);
    await this.#pump();
  }

  async #remove(trackId: number): Promise<void> {
    await this.#stop(trackId);
    const record = await this.options.store.get(trackId);
    await this.options.store.remove(trackId);
    if (record?.engine === 'opaque') await deleteOpaque(record.url);
    this.options.broadcast.removed(trackId);
    await this.#pump();
  }

  async #pump(): Promise<void> {
    if (this.#handedOver || this.#running.size >= MAX_RUNNING_DOWNLOADS) return;
    const queued = (await this.options.store.all())
      .filter((record) => record.status === 'queued' && !this.#running.has(record.trackId))
      .sort((a, b) => a.queuedAt - b.queuedAt);
    for (const record of queued.slice(0, MAX_RUNNING_DOWNLOADS - this.#running.size)) {
      const downloading = await this.options.store.update(record.trackId, { status: 'downloading' });
      if (!downloading) continue;
      this.options.broadcast.changed(downloading);
      this.#launch(downloading, false);
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
    if (this.#running.size > 0 || this.#completedSinceDrain === 0) return;
    const completed = this.#completedSinceDrain;
    this.#completedSinceDrain = 0;
    await this.options.onDrained(completed);
  }

  /**
   * Runs a download with Background Fetch: re-attaches to its running fetch, or hands the missing
   * segments to a new one, then waits for the fetch's last event (`backgroundFetchEnded`), or stops
   * it when paused or canceled. Returns false when the Range-chunk engine should take over.
   */
  async #runBackgroundFetch(record: DownloadRecord, signal: AbortSignal, attach: boolean): Promise<boolean> {
    if (!this.options.backgroundFetch) return false;
    const { trackId } = record;
    const fetchId =
      attach && record.backgroundFetchId ? record.backgroundFetchId : backgroundFetchId(trackId, Date.now());
    // Wait for the fetch's last event from before it starts: a small file can finish at once.
    const ended = new Promise<void>((resolve) => {
      this.#backgroundWaiters.set(fetchId, resolve);
      signal.addEventListener(
        'abort',
        () => {
          this.#backgroundWaiters.delete(fetchId);
          // A new version takes over: the fetch goes on, and the new worker follows it.
          if (signal.reason !== HANDED_OVER) void this.#abortBackgroundFetch(trackId);
          resolve();
        },
        { once: true },
      );
    });
    if (!attach) {
      const onProgress = (stored: DownloadRecord, pending: number): void =>
        this.options.broadcast.progress(stored, pending);
      const outcome = await handOver(
        record,
        fetchId,
        this.options.store,
        this.options.askPage,
        signal,
        onProgress,
      ).catch((error: unknown) => {
        this.#backgroundWaiters.delete(fetchId);
        throw error;
      });
      if (outcome !== 'started') this.#backgroundWaiters.delete(fetchId);
      if (outcome === 'unavailable') return false;
      if (outcome === 'stopped') return true;
      if (outcome === 'stored') {
        await this.#completeStored(trackId);
        return true;
      }
      // Paused or canceled while a page was starting it: stop the fetch it just started.
      if (signal.aborted && signal.reason !== HANDED_OVER) await this.#abortBackgroundFetch(trackId);
      // Pages learn the size and the fetch to follow.
      const handed = await this.options.store.get(trackId);
      if (handed) this.options.broadcast.changed(handed);
    }
    const lost = await Promise.race([ended.then(() => false), this.#watchBackgroundFetch(fetchId)]);
    if (lost) {
      // Its last event never reached us (a worker stopped in the middle of it): fetch what is missing again.
      this.#backgroundWaiters.delete(fetchId);
      const queued = await this.options.store.update(trackId, { status: 'queued', backgroundFetchId: null });
      if (queued) this.options.broadcast.changed(queued);
    }
    return true;
  }

  /**
   * Resolves true if a background fetch disappears without its last event reaching this worker, so a
   * download never waits forever; never resolves while it runs.
   */
  async #watchBackgroundFetch(id: string): Promise<boolean> {
    let missing = 0;
    while (this.#backgroundWaiters.has(id)) {
      await new Promise((resolve) => setTimeout(resolve, WATCHDOG_MS));
      const gone = !this.#endingFetches.has(id) && !(await this.options.backgroundFetch?.get(id));
      missing = gone ? missing + 1 : 0;
      if (missing >= 2 && this.#backgroundWaiters.has(id)) return true;
    }
    return new Promise<boolean>(() => undefined);
  }

  /** Stops a download's running background fetch; its abort event then stores the finished segments. */
  async #abortBackgroundFetch(trackId: number): Promise<void> {
    const current = await this.options.store.get(trackId);
    const id = current?.backgroundFetchId;
    const registration = id ? await this.options.backgroundFetch?.get(id) : undefined;
    await registration?.abort();
  }

  /** Joins the stored chunks into the finished file, counting it for "Downloads finished". */
  async #completeStored(trackId: number): Promise<DownloadRecord | null> {
    const done = await this.options.store.complete(trackId, Date.now());
    if (done) {
      this.#completedSinceDrain += 1;
      this.options.broadcast.changed(done);
    }
    return done;
  }

  /**
   * Handles the last event of a background fetch: stores every finished segment, then completes the
   * download, or pauses it (aborted in the browser's own UI), or fails it with words, or lets the
   * Range-chunk engine go on (a host without CORS, a changed file: the ladder). Works in a worker
   * restarted for this event too.
   * @returns the finished download, for the event's UI
   */
  async backgroundFetchEnded(
    end: BackgroundFetchEnd,
    registration: BackgroundFetchRegistrationLike,
  ): Promise<DownloadRecord | null> {
    this.#endingFetches.add(registration.id);
    // Outside the command queue: starting queues work of its own, which would wait for us forever.
    await this.start();
    return this.#serial(async () => {
      this.#endingFetches.delete(registration.id);
      const { store, broadcast } = this.options;
      const trackId = trackIdOfBackgroundFetch(registration.id);
      if (trackId === null) return null;
      const record = await store.get(trackId);
      const waiter = this.#backgroundWaiters.get(registration.id);
      this.#backgroundWaiters.delete(registration.id);
      let result: DownloadRecord | null = null;
      // A fetch of a canceled download, or an old one a resume replaced, brings nothing to keep.
      if (record && record.backgroundFetchId === registration.id) {
        result = await this.#settleBackgroundFetch(end, registration, record, waiter !== undefined).then(
          (settled) => {
            if (settled) broadcast.changed(settled);
            return settled;
          },
          (error: unknown) => this.#fail(record, failureOf(error)),
        );
      }
      if (waiter) waiter();
      else await this.#afterRun();
      return result?.status === 'completed' ? result : null;
    });
  }

  /** @param followed whether a run of this worker waited for this very fetch */
  async #settleBackgroundFetch(
    end: BackgroundFetchEnd,
    registration: BackgroundFetchRegistrationLike,
    record: DownloadRecord,
    followed: boolean,
  ): Promise<DownloadRecord | null> {
    const { store } = this.options;
    if (record.status === 'completed') return record;
    const { badStatus, changed, verified } = await harvest(registration, record, store);
    if (end === 'abort') {
      // Our own pause or cancel wrote the state already; an abort from the browser's UI, of the fetch
      // a run follows, is a pause. A run that is not following it was resumed meanwhile: it goes on.
      return record.status === 'downloading' && followed
        ? store.update(record.trackId, { status: 'paused' })
        : ((await store.get(record.trackId)) ?? null);
    }
    // Where the records could not show their version, a probe asks; should it get no answer (offline,
    // a host that hangs), the download waits in the queue with every byte kept, and its next run's
    // probe asks again before completing.
    const unchanged =
      end === 'success' && !changed && !verified ? await unchangedSince(record).catch(() => null) : true;
    if (unchanged === null) return store.update(record.trackId, { status: 'queued', backgroundFetchId: null });
    // The file changed between segments, or since the fetch began: every stored byte goes, and a new
    // fetch starts from zero.
    if (changed || !unchanged) {
      return store.restart(record.trackId, { backgroundFetchId: null, status: 'queued' }, { changed: true });
    }
    if (end === 'success') {
      try {
        const done = await store.complete(record.trackId, Date.now());
        if (done) this.#completedSinceDrain += 1;
        return done;
      } catch (error) {
        if (!(error instanceof DownloadError) || error.failure.code !== 'size-mismatch') throw error;
        return store.update(record.trackId, { status: 'queued' });
      }
    }
    if (registration.failureReason === 'bad-status' && badStatus !== null) {
      return store.update(record.trackId, { status: 'failed', failure: errorForStatus(badStatus).failure });
    }
    if (registration.failureReason === 'quota-exceeded') throw quotaError();
    // fetch-error (a host without CORS, a lost connection) or a size that grew: the next rung.
    return this.#climb(record, 'fetch-error');
  }

  /**
   * Moves a download to the ladder's next rung (`nextRung`), keeping what that rung can use of the
   * stored bytes. @returns the record as stored, or null when it is gone
   * @throws the reason when no rung is left
   */
  async #climb(record: DownloadRecord, why: GiveUp): Promise<DownloadRecord | null> {
    const rung = nextRung(record.engine, why);
    if (!rung) throw why === 'cors-refused' ? new CorsRefused() : networkError();
    const patch = {
      engine: rung.engine,
      backgroundFetchId: null,
      ...(rung.requeue ? { status: 'queued' as const } : {}),
    };
    return rung.keep === 'prefix'
      ? this.options.store.keepPrefix(record.trackId, patch)
      : this.options.store.restart(record.trackId, patch);
  }

  /** Runs one download to its end; never throws (failures become the record's state). */
  async #run(record: DownloadRecord, signal: AbortSignal, attach = false): Promise<void> {
    const { store, broadcast } = this.options;
    try {
      if (record.engine === 'background-fetch') {
        const handled = await this.#runBackgroundFetch(record, signal, attach);
        if (handled) return;
        // No page could start it, or the size is unknown: the next rung takes over.
        const next = await this.#climb(record, 'no-page');
        if (next) return this.#run(next, signal);
        return;
      }
      if (record.engine === 'opaque') {
        await fetchOpaque(record.url, signal);
      } else {
        await fetchWithRanges(record, store, {
          signal,
          onProgress: (stored, pending) => broadcast.progress(stored, pending),
        });
      }
      const done =
        record.engine === 'opaque'
          ? await store.update(record.trackId, { status: 'completed', completedAt: Date.now() })
          : await store.complete(record.trackId, Date.now());
      if (!done) return;
      this.#completedSinceDrain += 1;
      broadcast.changed(done);
    } catch (error) {
      if (isAbort(error) && signal.aborted) return; // paused or canceled: the command writes the state
      if (error instanceof CorsRefused && nextRung(record.engine, 'cors-refused')) {
        // The host sends no CORS headers: the next rung of the ladder.
        const next = await this.#climb(record, 'cors-refused');
        if (!next) return;
        broadcast.changed(next);
        return this.#run(next, signal);
      }
      const failure = failureOf(error);
      await this.#fail(record, failure);
      if (failure.code === 'network') await this.options.onNetworkLost?.();
    }
  }

  /**
   * Marks a download failed and tells every page, first deleting its bytes where they are worth
   * nothing. Never throws: should storage refuse even that (a disk full to its last byte), pages are
   * told all the same, and the stored state is tried again on the next start — never a silent stall.
   */
  async #fail(record: DownloadRecord, failure: DownloadFailure): Promise<DownloadRecord | null> {
    const { store, broadcast } = this.options;
    try {
      if (dropsBytes(failure)) await store.dropChunks(record.trackId);
      const failed = await store.update(record.trackId, { status: 'failed', failure });
      if (failed) broadcast.changed(failed);
      return failed;
    } catch {
      const shown: DownloadRecord = { ...record, status: 'failed', failure };
      broadcast.changed(shown);
      return shown;
    }
  }
}
