import { newDownload, type Batch, type DownloadRecord } from '../../shared/downloads.ts';
import type { DownloadBroadcaster } from './broadcast.ts';
import type { Engine } from './engine.ts';
import { failureOf } from './outcome.ts';
import type { DownloadStore } from './store.ts';
import { transition, type Context, type DownloadEvent, type Step } from './transition.ts';

/** What carrying out a step needs of the store: the only writes of a download's state. */
export type StepStore = Pick<
  DownloadStore,
  'put' | 'setState' | 'complete' | 'restart' | 'keepPrefix' | 'remove' | 'removeAll' | 'dropChunks'
>;

export interface StepsOptions {
  readonly store: StepStore;
  readonly broadcast: Pick<DownloadBroadcaster, 'changed' | 'removed'>;
  /** The engine of each download, for what it keeps outside IndexedDB. */
  readonly engineOf: (record: DownloadRecord) => Engine;
  /** Called when a download failed for lack of network, to resume it when the network returns. */
  readonly onNetworkLost?: () => Promise<void>;
  /** Called once a download's file is whole, after pages were told. */
  readonly onCompleted?: (record: DownloadRecord) => void;
  readonly now?: () => number;
}

/**
 * A step carried out: the record as stored (null once it is gone), whether the run goes on
 * (`again`, after `afterMs` where it tries again after a cut-off), and whether a run is to follow the
 * download's fetch outside the worker (`follow`).
 */
export interface Applied {
  readonly record: DownloadRecord | null;
  readonly again: boolean;
  readonly afterMs?: number;
  readonly follow?: boolean;
}

/**
 * Carries out what `transition` decides: the one writer of a download's status (the only caller of
 * `DownloadStore.setState`). Tells every page, and counts each finished file for "Downloads finished".
 */
export class Steps {
  /** The batch of each download completed since `drainCompleted` was last called (null: none). */
  #completed: (Batch | null)[] = [];

  constructor(private readonly options: StepsOptions) {}

  /** The batches of the downloads completed since the last call, and forgets them. */
  drainCompleted(): (Batch | null)[] {
    const completed = this.#completed;
    this.#completed = [];
    return completed;
  }

  /**
   * Decides and carries out what `event` does to `record` (undefined: no download yet). Never throws:
   * a step that storage refuses becomes a failure, and should storage refuse even that (a disk full to
   * its last byte), pages are told all the same and the stored state is tried again on the next start
   * — never a silent stall.
   */
  async apply(record: DownloadRecord | undefined, event: DownloadEvent, context: Context): Promise<Applied> {
    const step = transition(record, event, context);
    let written: DownloadRecord | null;
    try {
      const result = await this.#write(record, step);
      if (typeof result === 'number') return this.apply(record, { kind: 'incomplete', bytes: result }, context);
      written = result;
    } catch (error) {
      if (!record) return { record: null, again: false };
      if (step.write !== 'fail') return this.apply(record, { kind: 'failed', failure: failureOf(error) }, context);
      written = { ...record, status: 'failed', failure: step.failure };
    }
    if (written && (step.write !== 'none' || step.announce)) this.options.broadcast.changed(written);
    if (written && step.write === 'complete') {
      this.#completed.push(written.batch ?? null);
      this.options.onCompleted?.(written);
    }
    if (step.write === 'fail' && step.failure.code === 'offline') await this.options.onNetworkLost?.();
    if (step.write === 'retry') return { record: written, again: true, afterMs: step.afterMs };
    if ((step.write === 'none' && step.follow) || step.write === 'follow') {
      return { record: written, again: false, follow: true };
    }
    const again = (step.write === 'rung' || step.write === 'restart') && step.run;
    return { record: written, again };
  }

  /**
   * "Delete all": every one of `records` that `transition` removes on Delete goes in one transaction
   * (all of them or none), then what their engines kept elsewhere.
   */
  async removeAll(records: readonly DownloadRecord[], context: Context): Promise<void> {
    const gone = records.filter((record) => transition(record, { kind: 'delete' }, context).write === 'remove');
    await this.options.store.removeAll(gone.map((record) => record.trackId));
    for (const record of gone) {
      await this.options
        .engineOf(record)
        .remove?.(record.trackId)
        .catch(() => undefined);
      this.options.broadcast.removed(record.trackId);
    }
  }

  /**
   * Writes one step. @returns the record as stored, or the bytes stored without a gap where a file
   * to complete holds fewer than its size
   */
  async #write(record: DownloadRecord | undefined, step: Step): Promise<DownloadRecord | null | number> {
    const { store } = this.options;
    const now = this.options.now ?? Date.now;
    if (step.write === 'create') {
      const created = newDownload(step.track, now(), step.pinned ?? 'range', step.batch, step.pinned);
      await store.put(created);
      return created;
    }
    if (!record) return null;
    const { trackId } = record;
    switch (step.write) {
      case 'none':
        return record;
      case 'status':
        if (step.stopOutside) await this.options.engineOf(record).outside?.stop(record);
        // Another engine continues from the bytes stored without a gap (segments may have left gaps).
        if (step.engine) {
          return store.keepPrefix(trackId, { status: step.status, engine: step.engine, backgroundFetchId: null });
        }
        return store.setState(trackId, {
          status: step.status,
          ...(step.fresh ? { failure: null, restarts: 0, tries: 0 } : {}),
          ...(step.forgetFetch ? { backgroundFetchId: null } : {}),
          ...(step.clearFailure ? { failure: null } : {}),
        });
      case 'complete': {
        // A file kept outside IndexedDB (an opaque answer) has no chunks to join.
        if (this.options.engineOf(record).storesOutside) {
          return store.setState(trackId, { status: 'completed', completedAt: now() });
        }
        const completion = await store.complete(trackId, now());
        if (completion.kind === 'incomplete') return completion.bytes;
        return completion.kind === 'completed' ? completion.record : null;
      }
      case 'restart':
        return store.restart(
          trackId,
          { status: step.run ? 'downloading' : 'queued', backgroundFetchId: null },
          { changed: true },
        );
      case 'rung': {
        const patch = {
          engine: step.engine,
          backgroundFetchId: null,
          ...(step.run ? {} : { status: 'queued' as const }),
        };
        return step.keep === 'prefix' ? store.keepPrefix(trackId, patch) : store.restart(trackId, patch);
      }
      case 'retry':
        return store.setState(trackId, { tries: step.tries, failure: step.failure });
      case 'remove':
        // The record first: what an engine kept elsewhere, left by a worker stopped in between, is swept at the next start.
        await store.remove(trackId);
        await this.options
          .engineOf(record)
          .remove?.(trackId)
          .catch(() => undefined);
        this.options.broadcast.removed(trackId);
        return null;
      case 'follow':
        return store.setState(trackId, {
          status: 'downloading',
          engine: 'background-fetch',
          backgroundFetchId: step.fetchId,
          failure: null,
        });
      case 'fail':
        if (!step.dropBytes) return store.setState(trackId, { status: 'failed', failure: step.failure, tries: 0 });
        // Over the quota, a transaction that also puts anything is refused: the chunks go on their own first.
        await store.dropChunks(trackId);
        return store.setState(trackId, {
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
