/// <reference lib="webworker" />
import { isTrack, type Track } from '../../shared/catalog.ts';
import { MAX_RUNNING_DOWNLOADS, newDownload, type DownloadRecord } from '../../shared/downloads.ts';
import type { PageToSw } from '../../shared/messages.ts';
import type { DownloadBroadcaster } from './broadcast.ts';
import { DownloadError, isAbort } from './http.ts';
import { deleteOpaque, fetchOpaque } from './opaque-engine.ts';
import { CorsRefused, fetchWithRanges } from './range-engine.ts';
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
}

/**
 * The single owner of download state. Pages send commands (every one idempotent) and render what it
 * broadcasts. Up to `MAX_RUNNING_DOWNLOADS` run at once; the rest wait as queued, in order. Every
 * state lives in IndexedDB, so a restarted worker picks up where the last one stopped.
 */
export class DownloadManager {
  readonly #running = new Map<number, Running>();
  #started: Promise<void> | null = null;
  #completedSinceDrain = 0;
  /** Serialises commands, so two clicks never race each other. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: ManagerOptions) {}

  /**
   * Picks up downloads a stopped worker left "downloading" (they continue from their stored bytes)
   * and starts the queue. Safe to call on every event.
   */
  start(): Promise<void> {
    this.#started ??= this.#serial(async () => {
      for (const record of await this.options.store.all()) {
        if (record.status === 'downloading' && !this.#running.has(record.trackId)) {
          await this.options.store.update(record.trackId, { status: 'queued' });
        }
      }
      await this.#pump();
    });
    return this.#started;
  }

  /** Resolves when no download is running: what the worker waits for to stay alive. */
  async whenIdle(): Promise<void> {
    await this.start();
    while (this.#running.size > 0) await Promise.all([...this.#running.values()].map((run) => run.settled));
  }

  /** Carries out one command from a page. */
  handle(command: Exclude<PageToSw, { type: 'SKIP_WAITING' }>): Promise<void> {
    return this.#serial(async () => {
      switch (command.type) {
        case 'start-download':
          return this.#startDownload(command.track);
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

  async #startDownload(track: Track): Promise<void> {
    if (!isTrack(track, this.options.catalogOrigin)) return;
    const existing = await this.options.store.get(track.id);
    if (existing?.status === 'failed') return this.#requeue(track.id);
    if (existing) return; // a second click on Download starts nothing new
    const record = newDownload(track, Date.now());
    await this.options.store.put(record);
    this.options.broadcast.changed(record);
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
    if (record?.status !== 'paused' && record?.status !== 'failed') return;
    const queued = await this.options.store.update(trackId, { status: 'queued', failure: null });
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
    if (this.#running.size >= MAX_RUNNING_DOWNLOADS) return;
    const queued = (await this.options.store.all())
      .filter((record) => record.status === 'queued' && !this.#running.has(record.trackId))
      .sort((a, b) => a.queuedAt - b.queuedAt);
    for (const record of queued.slice(0, MAX_RUNNING_DOWNLOADS - this.#running.size)) {
      const downloading = await this.options.store.update(record.trackId, { status: 'downloading' });
      if (!downloading) continue;
      this.options.broadcast.changed(downloading);
      const controller = new AbortController();
      const settled = this.#run(downloading, controller.signal).finally(() => {
        this.#running.delete(record.trackId);
        void this.#serial(() => this.#afterRun());
      });
      this.#running.set(record.trackId, { controller, settled });
    }
  }

  async #afterRun(): Promise<void> {
    await this.#pump();
    if (this.#running.size > 0 || this.#completedSinceDrain === 0) return;
    const completed = this.#completedSinceDrain;
    this.#completedSinceDrain = 0;
    await this.options.onDrained(completed);
  }

  /** Runs one download to its end; never throws (failures become the record's state). */
  async #run(record: DownloadRecord, signal: AbortSignal): Promise<void> {
    const { store, broadcast } = this.options;
    try {
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
      if (error instanceof CorsRefused) {
        // The host sends no CORS headers: take the last rung of the ladder.
        const opaque = await store.restart(record.trackId, { engine: 'opaque' });
        if (!opaque) return;
        broadcast.changed(opaque);
        return this.#run(opaque, signal);
      }
      const failure =
        error instanceof DownloadError
          ? error.failure
          : {
              code: 'unknown' as const,
              message: `Something went wrong: ${error instanceof Error ? error.message : String(error)}`,
            };
      if (failure.code === 'quota') await store.dropChunks(record.trackId);
      const failed = await store.update(record.trackId, { status: 'failed', failure });
      if (failed) broadcast.changed(failed);
      if (failure.code === 'network') await this.options.onNetworkLost?.();
    }
  }
}
