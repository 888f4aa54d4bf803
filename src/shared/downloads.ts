import type { Track } from './catalog.ts';

/**
 * How many downloads run at once; the rest wait as "queued", in order. Each new request waits a round
 * trip with the link idle where the runs before it ended together: with 3, ten previews on the phone
 * link waited three (1.08× plain, which asks six at a time); with 5, one (1.00–1.02×). Not 6, a
 * browser's connections to one host: a search on the catalog's host keeps one.
 */
export const MAX_RUNNING_DOWNLOADS = 5;

/**
 * The smallest piece the Range-chunk engine writes to IndexedDB (on a phone's link, each piece; on a
 * fast one, pieces grow), and the first chunk Background Fetch's size probe stores itself.
 */
export const CHUNK_BYTES = 256 * 1024;

/** Progress events per download per second, at most. */
export const PROGRESS_EVENTS_PER_SECOND = 10;

/**
 * queued → downloading → completed, with paused and failed (bytes kept, Resume or Retry queue it
 * again) on the way; a canceled download is removed altogether, chunks and all. Every transition is
 * `transition` in `src/sw/download/transition.ts`.
 */
export type DownloadStatus = 'queued' | 'downloading' | 'paused' | 'completed' | 'failed';

/**
 * How the bytes are fetched (`src/sw/download/`, one folder per engine):
 * - `background-fetch`: the browser's Background Fetch, in Range segments; goes on with the tab
 *   closed; paused by aborting it and keeping the finished segments;
 * - `range`: the worker's own streaming request, `Range: bytes=<stored>-`, resumable (a host that
 *   ignores Range is read whole, from zero);
 * - `opaque`: the host sends no CORS headers, so the bytes cannot be read: the response is kept in
 *   Cache Storage as it is, with no progress and no resume.
 */
export type DownloadEngine = 'background-fetch' | 'range' | 'opaque';

/** An engine a page may ask every run of a download to use, whatever the moment (`?engine=…`). */
export type PinnedEngine = Exclude<DownloadEngine, 'opaque'>;

/**
 * Why a download failed: `code` for code and for the words a page shows (in the person's language,
 * `failureWords`), with the facts those words need; `message` in English, for logs and tests.
 */
export interface DownloadFailure {
  readonly code:
    | 'not-found'
    | 'refused'
    | 'server'
    | 'network'
    | 'offline'
    | 'unreachable'
    | 'size-mismatch'
    | 'quota'
    | 'unreadable'
    | 'not-audio'
    | 'bad-answer'
    | 'unknown';
  readonly message: string;
  /** The HTTP status that said it (not-found, refused, server). */
  readonly status?: number;
  /** A bad answer's kind: the file kept changing, or (no-CORS host) it did not arrive in time. */
  readonly reason?: 'kept-changing' | 'too-slow';
  /** What the host or the browser said, as it said it (not-audio: the type; unknown: the error). */
  readonly detail?: string;
  /** A size mismatch's bytes stored and bytes announced. */
  readonly stored?: number;
  readonly total?: number;
}

/** The server's validator, so resumed bytes never mix two versions of a file. */
export interface Validator {
  readonly etag: string | null;
  readonly lastModified: string | null;
}

/** Songs asked for together ("Download album", "Download all"): one notification names them. */
export interface Batch {
  /** e.g. `album:900101`; a batch's Cancel stops only the downloads it started. */
  readonly id: string;
  /** What the notification calls it: the album's name, or the search. */
  readonly name: string;
}

/** The most a batch's id or name may hold, in UTF-16 units, as the worker checks it. */
const MAX_BATCH_TEXT = 300;
/** The most of a batch's name a notification shows, in characters: a long search is shortened, never refused. */
const MAX_BATCH_NAME = 80;

/** `text` cut to at most `max` characters (whole code points), with "…" where it was cut. */
function shortened(text: string, max: number): string {
  const characters = Array.from(text);
  return characters.length <= max ? text : `${characters.slice(0, max - 1).join('')}…`;
}

/**
 * A batch for songs asked for together, its id and name kept within what the worker accepts:
 * however long the search, "Download all" starts every song.
 */
export function batchOf(id: string, name: string): Batch {
  return { id: shortened(id, MAX_BATCH_TEXT / 2), name: shortened(name, MAX_BATCH_NAME) };
}

/** Checks a batch that crossed a boundary. */
export function isBatch(value: unknown): value is Batch {
  if (typeof value !== 'object' || value === null) return false;
  const { id, name } = value as Record<string, unknown>;
  return (
    typeof id === 'string' &&
    id.length > 0 &&
    id.length <= MAX_BATCH_TEXT &&
    typeof name === 'string' &&
    name.length > 0 &&
    name.length <= MAX_BATCH_TEXT
  );
}

/** Everything about one download; lives in IndexedDB, so a reload or a stopped worker loses nothing. */
export interface DownloadRecord {
  readonly trackId: number;
  /** What the row shows, kept so downloads render with no network. */
  readonly track: Track;
  readonly url: string;
  readonly status: DownloadStatus;
  readonly engine: DownloadEngine;
  /** Bytes stored so far (the chunks in IndexedDB). */
  readonly bytesReceived: number;
  /** Size of the file, once the server said. */
  readonly bytesTotal: number | null;
  readonly validator: Validator | null;
  readonly contentType: string | null;
  readonly failure: DownloadFailure | null;
  /** Orders the queue. */
  readonly queuedAt: number;
  readonly completedAt: number | null;
  /** The running background fetch, for the Background Fetch engine. */
  readonly backgroundFetchId: string | null;
  /** Times in a row the file changed on the server and the download started again (absent: none). */
  readonly restarts?: number;
  /**
   * Tries in a row that were cut off (a dropped connection, a busy server) with no byte stored between
   * them (absent: none). While it is "downloading", `failure` says what cut the last one off.
   */
  readonly tries?: number;
  /** The batch that started it, if one did. */
  readonly batch?: Batch;
  /** The engine every run uses, where the page asked for one (absent: the one that fits the moment). */
  readonly pinned?: PinnedEngine;
}

/** Creates the record of a download the person just asked for. */
export function newDownload(
  track: Track,
  now: number,
  engine: DownloadEngine = 'range',
  batch?: Batch,
  pinned?: PinnedEngine,
): DownloadRecord {
  return {
    ...(batch ? { batch } : {}),
    ...(pinned ? { pinned } : {}),
    trackId: track.id,
    track,
    url: track.previewUrl,
    status: 'queued',
    engine,
    bytesReceived: 0,
    bytesTotal: null,
    validator: null,
    contentType: null,
    failure: null,
    queuedAt: now,
    completedAt: null,
    backgroundFetchId: null,
  };
}
