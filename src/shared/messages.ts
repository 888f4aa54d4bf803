/**
 * Every message between pages and the service worker. Commands (page → worker) are imperative,
 * events (worker → page) are past tense. Each side checks what it receives with the guards below:
 * `event.data` is never trusted.
 */

import type { Track } from './catalog.ts';
import { isBatch, type Batch, type DownloadRecord, type PinnedEngine } from './downloads.ts';
import { isWorkerWords, type WorkerWords } from './worker-words.ts';

/** Page → worker: take over now (the person accepted "Update available"). Workbox sends this shape. */
export interface SkipWaitingCommand {
  readonly type: 'SKIP_WAITING';
}

/**
 * Page → the active worker: the person accepted an update; stop running downloads where they are,
 * so the new version, which continues them, can take over at once.
 */
export interface HandOverCommand {
  readonly type: 'hand-over-downloads';
}

/**
 * Page → worker: download this song. `forceRange`: the Range-chunk engine only (`?engine=range`);
 * `engine`: the one engine to use whatever the moment (`?engine=range`, `?engine=background-fetch`, for
 * tests and people), absent from pages of older versions.
 */
export interface StartDownloadCommand {
  readonly type: 'start-download';
  readonly track: Track;
  readonly forceRange: boolean;
  readonly engine?: PinnedEngine;
  readonly batch?: Batch;
}

const PINNED_ENGINES: ReadonlySet<unknown> = new Set<PinnedEngine>(['range', 'background-fetch']);

/**
 * Page → worker: this page is starting background fetch `id` for the downloads `trackIds` (sent just
 * before it calls `backgroundFetch.fetch`, as it hides or closes: it may be gone before that resolves).
 * The worker adopts the fetch once the browser has it, or stops it where another page is visible.
 */
export interface BackgroundFetchLot {
  readonly type: 'background-fetch-lot';
  readonly id: string;
  readonly trackIds: readonly number[];
}

/** Page → worker: a command about one download. All are idempotent. */
export interface DownloadCommand {
  readonly type: 'pause-download' | 'resume-download' | 'cancel-download' | 'retry-download' | 'delete-download';
  readonly trackId: number;
}

/**
 * Page → worker: delete these songs, finished or not, at once (the person confirmed "Delete all"):
 * exactly the ones they were shown, in one step, with nothing of the queue started on the way.
 */
export interface DeleteDownloadsCommand {
  readonly type: 'delete-downloads';
  readonly trackIds: readonly number[];
}

/** The most songs one "Delete all" (or one background fetch) names. */
export const MAX_DELETE_ALL = 10_000;
/** The longest background fetch id a page may name. */
const MAX_FETCH_ID = 64;

/** Page → worker: send every download's state (a page just opened), and keep working. */
export interface ListDownloadsCommand {
  readonly type: 'list-downloads' | 'keep-alive';
}

/**
 * Page → worker: what became of a background fetch the worker asked this page to start, or of a lot
 * the page started as it hid (where it lives to hear the browser's answer).
 */
export type BackgroundFetchAnswer =
  | { readonly type: 'background-fetch-started'; readonly id: string }
  | { readonly type: 'background-fetch-refused'; readonly id: string };

/**
 * Page → worker: what the page knows of the connection (only pages are told it here), the person's
 * choices, and the page itself. `metered`: a mobile network, or Save-Data on. `online`: the page's
 * `navigator.onLine` (a worker's may lag behind it). `visible`: the page is on screen. `background`:
 * the person lets downloads go on when Half Tunes is closed (Settings) and the browser can (Background
 * Fetch). The last three are absent from pages of older versions.
 */
export interface DownloadConditions {
  readonly type: 'download-conditions';
  readonly wifiOnly: boolean;
  readonly metered: boolean;
  readonly online?: boolean;
  readonly visible?: boolean;
  readonly background?: boolean;
}

/** Page → worker: what the worker says to the person, in the language the page speaks now. */
export interface WorkerWordsCommand {
  readonly type: 'worker-words';
  readonly words: WorkerWords;
}

export type PageToSw =
  | SkipWaitingCommand
  | WorkerWordsCommand
  | DownloadConditions
  | HandOverCommand
  | StartDownloadCommand
  | DownloadCommand
  | DeleteDownloadsCommand
  | ListDownloadsCommand
  | BackgroundFetchAnswer
  | BackgroundFetchLot;

/** Worker → pages: the state of every download, for a page that just opened. */
export interface DownloadsListed {
  readonly type: 'downloads-listed';
  readonly downloads: readonly DownloadRecord[];
}

/**
 * Worker → pages: one download changed (state or progress). `download` is as stored; `pending` bytes
 * more are read and on their way to storage (progress shows both; a page hands the stored ones over).
 */
export interface DownloadChanged {
  readonly type: 'download-changed';
  readonly download: DownloadRecord;
  readonly pending?: number;
}

/** Worker → pages: a download was canceled or deleted; nothing of it is left. */
export interface DownloadRemoved {
  readonly type: 'download-removed';
  readonly trackId: number;
}

/** Worker → pages: the last running download finished (the web's `urlSessionDidFinishEvents`). */
export interface DownloadsFinished {
  readonly type: 'downloads-finished';
  readonly completed: number;
  /** The batch's name when every song that finished was of one batch. */
  readonly batch: string | null;
  readonly notified: boolean;
}

/**
 * Worker → one page: start this background fetch (only a page can). Each request is one Range
 * segment; the page answers with a `BackgroundFetchAnswer`.
 */
export interface BackgroundFetchRequested {
  readonly type: 'background-fetch-requested';
  readonly id: string;
  readonly url: string;
  /** `[start, end]` byte ranges, or empty for one request of the whole file (a host that ignores Range). */
  readonly segments: readonly (readonly [number, number])[];
  readonly downloadTotal: number;
  readonly title: string;
  /** The song's artwork, shown by the browser's download UI, when it has one. */
  readonly icon: string | null;
}

/**
 * Worker → pages: a new version's storage upgrade waits (`blocked`) for a connection of the old
 * version (a tab or window left on the old app) to close, or no longer waits.
 */
export interface StorageUpgrade {
  readonly type: 'storage-upgrade';
  readonly blocked: boolean;
}

/** Worker → pages: downloads wait for Wi-Fi (queued ones start when it is back), or no longer wait. */
export interface WifiWait {
  readonly type: 'wifi-wait';
  readonly waiting: boolean;
}

/**
 * Worker → the page that sent it: a command the worker could not take (it failed `isPageToSw`, e.g.
 * sent by a page of another version). The page says so in words instead of waiting for nothing.
 */
export interface CommandRefused {
  readonly type: 'command-refused';
  /** The refused command's `type`, when it had one. */
  readonly command: string;
}

export type SwToPage =
  | CommandRefused
  | DownloadsListed
  | DownloadChanged
  | DownloadRemoved
  | DownloadsFinished
  | BackgroundFetchRequested
  | StorageUpgrade
  | WifiWait;

/** The longest command type a refusal repeats. */
const MAX_COMMAND_TYPE = 64;

/** What the worker tells the sender of something it refused: the command's type, if it names one. */
export function refusalOf(data: unknown): CommandRefused {
  const type = hasType(data) && typeof data.type === 'string' ? data.type.slice(0, MAX_COMMAND_TYPE) : '';
  return { type: 'command-refused', command: type };
}

/** The channel every page listens on; progress reaches all open pages. */
export const DOWNLOADS_CHANNEL = 'half-tunes-downloads';

const DOWNLOAD_COMMANDS = new Set([
  'pause-download',
  'resume-download',
  'cancel-download',
  'retry-download',
  'delete-download',
]);

function hasType(data: unknown): data is { type: unknown } & Record<string, unknown> {
  return typeof data === 'object' && data !== null && 'type' in data;
}

const isTrackId = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0;

/**
 * Checks a message a page sent. The track inside `start-download` is checked by the worker against
 * its allowed hosts (`isTrack`), which need the catalog's origin.
 */
export function isPageToSw(data: unknown): data is PageToSw {
  if (!hasType(data)) return false;
  switch (data.type) {
    case 'SKIP_WAITING':
    case 'hand-over-downloads':
    case 'list-downloads':
    case 'keep-alive':
      return true;
    case 'start-download':
      return (
        typeof data.track === 'object' &&
        data.track !== null &&
        typeof data.forceRange === 'boolean' &&
        (data.engine === undefined || PINNED_ENGINES.has(data.engine)) &&
        (data.batch === undefined || isBatch(data.batch))
      );
    case 'background-fetch-started':
    case 'background-fetch-refused':
      return typeof data.id === 'string';
    case 'delete-downloads':
      return Array.isArray(data.trackIds) && data.trackIds.length <= MAX_DELETE_ALL && data.trackIds.every(isTrackId);
    case 'download-conditions':
      return (
        typeof data.wifiOnly === 'boolean' &&
        typeof data.metered === 'boolean' &&
        [data.online, data.visible, data.background].every((flag) => flag === undefined || typeof flag === 'boolean')
      );
    case 'worker-words':
      return isWorkerWords(data.words);
    case 'background-fetch-lot':
      return (
        typeof data.id === 'string' &&
        data.id.length <= MAX_FETCH_ID &&
        Array.isArray(data.trackIds) &&
        data.trackIds.length <= MAX_DELETE_ALL &&
        data.trackIds.every(isTrackId)
      );
    default:
      return typeof data.type === 'string' && DOWNLOAD_COMMANDS.has(data.type) && isTrackId(data.trackId);
  }
}

function isRecordLike(value: unknown): value is DownloadRecord {
  if (typeof value !== 'object' || value === null) return false;
  const raw = value as Record<string, unknown>;
  return (
    isTrackId(raw.trackId) &&
    typeof raw.status === 'string' &&
    typeof raw.bytesReceived === 'number' &&
    typeof raw.track === 'object' &&
    raw.track !== null
  );
}

/** Checks a message from the worker. */
export function isSwToPage(data: unknown): data is SwToPage {
  if (!hasType(data)) return false;
  switch (data.type) {
    case 'downloads-listed':
      return Array.isArray(data.downloads) && data.downloads.every(isRecordLike);
    case 'download-changed':
      return (
        isRecordLike(data.download) &&
        (data.pending === undefined || (Number.isSafeInteger(data.pending) && (data.pending as number) >= 0))
      );
    case 'download-removed':
      return isTrackId(data.trackId);
    case 'storage-upgrade':
      return typeof data.blocked === 'boolean';
    case 'wifi-wait':
      return typeof data.waiting === 'boolean';
    case 'command-refused':
      return typeof data.command === 'string' && data.command.length <= MAX_COMMAND_TYPE;
    case 'downloads-finished':
      return (
        typeof data.completed === 'number' &&
        typeof data.notified === 'boolean' &&
        (data.batch === null || (typeof data.batch === 'string' && data.batch.length <= 300))
      );
    case 'background-fetch-requested':
      return (
        typeof data.id === 'string' &&
        typeof data.url === 'string' &&
        typeof data.title === 'string' &&
        (data.icon === null || typeof data.icon === 'string') &&
        typeof data.downloadTotal === 'number' &&
        Array.isArray(data.segments) &&
        data.segments.every(
          (segment: unknown) =>
            Array.isArray(segment) && segment.length === 2 && segment.every((n: unknown) => Number.isSafeInteger(n)),
        )
      );
    default:
      return false;
  }
}
