import type { DownloadEngine, DownloadRecord } from '../../shared/downloads.ts';
import type { DownloadBroadcaster } from './broadcast.ts';
import type { DownloadStore } from './store.ts';
import type { Outcome } from './transition.ts';

/** What an engine may learn of its file and write: never the download's status, nor its engine. */
export type FilePatch = Partial<Pick<DownloadRecord, 'bytesTotal' | 'validator' | 'contentType' | 'backgroundFetchId'>>;

/**
 * Where an engine puts what it fetches: the stored bytes and sizes of its download (the store's
 * writes, every one atomic) and its progress. Engines never write a download's status, and never
 * throw its bytes away: a file that changed is an outcome (`changed`), which `transition` decides on.
 */
export interface DownloadSink extends Pick<
  DownloadStore,
  'appendChunk' | 'addSegment' | 'addSegments' | 'storedSpans' | 'resume'
> {
  update(trackId: number, patch: FilePatch): Promise<DownloadRecord | null>;
  /** Bytes arrived: `pending` of them are not stored yet. */
  progress(record: DownloadRecord, pending: number): void;
}

/**
 * One way to fetch a download, whole: the download core (`manager.ts`) knows engines only through
 * this contract, and nothing outside an engine's module knows how it works.
 *
 * - `run` fetches until the file is stored or the engine cannot go on, and says which (`Outcome`); it
 *   never throws. `signal` stops it (a pause, a cancel, a new worker). An engine whose fetch goes on
 *   outside the worker (Background Fetch, in the browser) ends its run with `waiting`; the core then
 *   follows it until its `Outside` half delivers the outcome.
 * - `remove`, `sweep` and `read` are for an engine that keeps a file outside IndexedDB (opaque
 *   answers, in Cache Storage): deleting it with its download, deleting what no download owns, and
 *   reading it back for playback.
 */
export interface Engine {
  readonly name: DownloadEngine;
  run(record: DownloadRecord, sink: DownloadSink, signal: AbortSignal): Promise<Outcome>;
  /** Where the engine's fetch goes on outside the worker; absent where it never does. */
  readonly outside?: Outside;
  /** Whether its finished file is kept outside IndexedDB (so there are no chunks to join). */
  readonly storesOutside?: boolean;
  remove?(trackId: number): Promise<void>;
  sweep?(records: readonly DownloadRecord[]): Promise<void>;
  read?(record: DownloadRecord): Promise<Response | undefined>;
}

/** The half of an engine whose fetch goes on outside the worker, in the browser. */
export interface Outside {
  /** Whether the download's fetch still goes on (a new worker then follows it rather than starting it again). */
  goesOn(record: DownloadRecord): Promise<boolean>;
  /**
   * Resolves once the fetch is gone without its end reaching this worker (a worker stopped in the
   * middle of handling it); never while it goes on. `signal` ends the watch.
   */
  lost(record: DownloadRecord, signal: AbortSignal): Promise<void>;
  /** Stops the download's fetch; its end, when it comes, stores what was finished. */
  stop(record: DownloadRecord): Promise<void>;
  /**
   * Resolves whether fetch `id`, which a page is starting (a page may go before it says so), appears
   * in the browser in time.
   */
  appeared(id: string): Promise<boolean>;
  /**
   * Resolves true once fetch `id` brought a byte or ended, false when it brought none within
   * `withinMs` (the browser holds it back).
   */
  moving(id: string, withinMs: number): Promise<boolean>;
  /**
   * Stops fetch `id`, which no download follows (a page on screen fetches them itself, or the worker
   * gave up on it); one the browser takes later is stopped as it shows.
   */
  abandon(id: string): Promise<void>;
}

export const STORED: Outcome = { kind: 'stored' };

/** The sink engines write to: the store's byte writes, and progress to every page. */
export function sinkOf(
  store: Pick<DownloadStore, 'appendChunk' | 'addSegment' | 'addSegments' | 'storedSpans' | 'resume' | 'update'>,
  broadcast: Pick<DownloadBroadcaster, 'progress'>,
): DownloadSink {
  return {
    appendChunk: (...args) => store.appendChunk(...args),
    addSegment: (...args) => store.addSegment(...args),
    addSegments: (...args) => store.addSegments(...args),
    storedSpans: (...args) => store.storedSpans(...args),
    resume: (...args) => store.resume(...args),
    update: (...args) => store.update(...args),
    progress: (record, pending) => broadcast.progress(record, pending),
  };
}
