import type { DownloadEngine, DownloadFailure } from '../../shared/downloads.ts';

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

/**
 * The engine a new download starts with: Background Fetch where the browser has it (it goes on with
 * the app closed), unless the person or the page asked for the Range-chunk engine.
 */
export function firstEngine({
  backgroundFetch,
  forceRange,
}: {
  backgroundFetch: boolean;
  forceRange: boolean;
}): DownloadEngine {
  return backgroundFetch && !forceRange ? 'background-fetch' : 'range';
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
