import type { DownloadRecord } from '../../shared/downloads.ts';
import type { DownloadStore } from './store.ts';
import type { Outcome } from './transition.ts';

/** What an engine may learn of its file and write: never the download's status. */
export type FilePatch = Partial<
  Pick<DownloadRecord, 'bytesTotal' | 'validator' | 'contentType' | 'engine' | 'backgroundFetchId'>
>;

/**
 * Where an engine puts what it fetches: the stored bytes and sizes of its download (the store's
 * writes, every one atomic) and its progress. Engines never write a download's status.
 */
export interface DownloadSink extends Pick<DownloadStore, 'appendChunk' | 'addSegment' | 'storedSpans' | 'resume'> {
  update(trackId: number, patch: FilePatch): Promise<DownloadRecord | null>;
  /** Every stored byte goes (`changed`: another version, counted; see `DownloadStore.restart`). */
  restart(trackId: number, patch?: FilePatch, options?: { changed?: boolean }): Promise<DownloadRecord | null>;
  /** Bytes arrived: `pending` of them are not stored yet. */
  progress(record: DownloadRecord, pending: number): void;
}

/**
 * A way to fetch a download: it runs until the download is stored or it cannot go on, and says
 * which (`Outcome`); it never throws. `signal` stops it (a pause, a cancel, a new worker).
 */
export type Engine = (record: DownloadRecord, sink: DownloadSink, signal: AbortSignal) => Promise<Outcome>;

export const STORED: Outcome = { kind: 'stored' };
