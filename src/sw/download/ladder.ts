import type { DownloadEngine, DownloadFailure, DownloadRecord } from '../../shared/downloads.ts';

/** Why an engine gave a download up without failing it: the next rung may still fetch it. */
export type GiveUp =
  /** Background Fetch: no open page could start one, or the size is unknown. */
  | 'no-page'
  /** Background Fetch ended with `fetch-error` (a host without CORS, a lost connection) or a size that grew. */
  | 'fetch-error'
  /** The host answers, but with no CORS headers: its bytes cannot be read. */
  | 'cors-refused'
  /** Bytes are stored, but the host answers every request with the whole file: they cannot be continued. */
  | 'range-ignored';

/** The next rung: the engine to go on with, what of the stored bytes it keeps, and whether it waits its turn. */
export interface Rung {
  readonly engine: DownloadEngine;
  /** `prefix`: the bytes stored without a gap from the start; `nothing`: it starts from zero. */
  readonly keep: 'prefix' | 'nothing';
  /** Whether it goes back to the queue rather than run at once (the run that gave up has ended). */
  readonly requeue: boolean;
}

/** What the worker knows of the pages and the browser when a download gets its turn. */
export interface Moment {
  /** A page of the app is on screen. */
  readonly pageVisible: boolean;
  /** A page of the app is open, on screen or not: only a page can start a background fetch. */
  readonly pageOpen: boolean;
  /** The person lets downloads go on when Half Tunes is closed (Settings). */
  readonly backgroundAllowed: boolean;
  /** The browser has Background Fetch. */
  readonly backgroundFetch: boolean;
}

/**
 * The engine that fits the moment a download gets its turn: the worker's own stream while a page is
 * on screen (no start-up delay, no notification per song, the link's full speed); Background Fetch
 * when no page is, where the person allows it and an open page can start one (it goes on once the app
 * is closed); the engine a page pinned; and an opaque download stays opaque (its host allows nothing else).
 */
export function engineFor(record: Pick<DownloadRecord, 'engine' | 'pinned'>, moment: Moment): DownloadEngine {
  if (record.engine === 'opaque') return 'opaque';
  if (record.pinned === 'range' || !moment.backgroundFetch) return 'range';
  if (record.pinned === 'background-fetch') return 'background-fetch';
  return !moment.pageVisible && moment.pageOpen && moment.backgroundAllowed ? 'background-fetch' : 'range';
}

/**
 * The preview-host ladder, in one place: Background Fetch → Range requests (keeping the prefix) →
 * opaque (from zero: its bytes cannot be read, so none can be joined). Null where no rung is left:
 * the download fails.
 */
export function nextRung(engine: DownloadEngine, why: GiveUp): Rung | null {
  switch (why) {
    case 'no-page':
      return engine === 'background-fetch' ? { engine: 'range', keep: 'prefix', requeue: false } : null;
    case 'fetch-error':
      return engine === 'background-fetch' ? { engine: 'range', keep: 'prefix', requeue: true } : null;
    case 'cors-refused':
      // Whichever engine learnt it (Background Fetch's size probe too), only an opaque request is left.
      return engine === 'opaque' ? null : { engine: 'opaque', keep: 'nothing', requeue: false };
    case 'range-ignored':
      // The same engine, from zero: the whole body is read as it comes.
      return engine === 'opaque' ? null : { engine, keep: 'nothing', requeue: false };
  }
}

/** A full disk, or bytes that are not audio: nothing stored of a failed download is worth keeping. */
export const dropsBytes = (failure: DownloadFailure): boolean =>
  failure.code === 'quota' || failure.code === 'not-audio';
