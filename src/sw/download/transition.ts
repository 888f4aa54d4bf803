/**
 * The download state machine, as one pure function (`transition`): what an event does to a download
 * in its state. Every status a download takes is decided here, and written by one module only
 * (`steps.ts`, the only caller of `DownloadStore.setState`; `tests/unit/sw/one-writer.test.ts` checks
 * that). Public states are few (`DownloadStatus`: queued, downloading, paused, completed, failed);
 * the events are a person's commands, the queue's turns, what a new worker finds, the network, and
 * each engine run's outcome.
 *
 *   (none) ──start──▶ queued ──launch──▶ downloading ──stored──▶ completed
 *                       ▲  ▲                │  │  │
 *                       │  └──resume────────┘  │  └─pause──▶ paused ──resume──▶ queued
 *                       │     (orphaned, lost,  └─failed / cut off too often──▶ failed ──retry──▶ queued
 *                       │      wait for Wi-Fi,                                   (network back too)
 *                       │      lot missed)
 *   cancel: anything not completed goes; delete: anything goes.
 */
import type {
  Batch,
  DownloadEngine,
  DownloadFailure,
  DownloadRecord,
  DownloadStatus,
  PinnedEngine,
} from '../../shared/downloads.ts';
import type { Track } from '../../shared/catalog.ts';
import { offlineFailure, unreachableFailure, unreadableError } from './http.ts';
import { dropsBytes, engineFor, nextRung, type GiveUp, type Moment } from './ladder.ts';

/** How a run of an engine (or the end of its fetch outside the worker) ended. */
export type Outcome =
  /** Every byte is stored: the file can be completed. */
  | { readonly kind: 'stored' }
  /** Paused, canceled or handed over: the command that stopped it writes the state. */
  | { readonly kind: 'stopped' }
  /** The browser has the download now (Background Fetch); the end of its fetch brings the outcome. */
  | { readonly kind: 'waiting' }
  /** Nothing wrong, nothing finished (a fetch lost, a version nobody could confirm): back in the queue, every byte kept. */
  | { readonly kind: 'lost' }
  /** The file changed on the host (or is no longer the size stored): every stored byte goes, and it starts from zero. */
  | { readonly kind: 'changed' }
  /** Paused in the browser's own download UI. */
  | { readonly kind: 'paused-by-browser' }
  /** The engine cannot fetch it, but another rung of the ladder may. */
  | { readonly kind: 'gave-up'; readonly why: GiveUp }
  /**
   * Cut off by something another try may not meet (a dropped connection, a busy server). The manager
   * adds what it knows of the run: `offline`, whether the device was offline then; `progressed`,
   * whether this try stored any byte.
   */
  | {
      readonly kind: 'interrupted';
      readonly failure: DownloadFailure;
      readonly offline?: boolean;
      readonly progressed?: boolean;
    }
  | { readonly kind: 'failed'; readonly failure: DownloadFailure };

/** What a person, the queue, a new worker or the network asks of a download. */
export type Command =
  /** Download: a new download (or a failed one asked again); `pinned`: the page's choice of engine. */
  | { readonly kind: 'start'; readonly track: Track; readonly batch?: Batch; readonly pinned?: PinnedEngine }
  | { readonly kind: 'pause' }
  /** Resume or Retry: the person asks again. */
  | { readonly kind: 'resume' }
  /** The queue gives it its turn. */
  | { readonly kind: 'launch' }
  /**
   * A new worker found it "downloading" with nothing of its own running it; `outside`: its engine's
   * fetch goes on in the browser.
   */
  | { readonly kind: 'orphaned'; readonly outside: boolean }
  /** "Download only on Wi-Fi" and a metered connection: its run was stopped; it waits its turn again. */
  | { readonly kind: 'wait-for-wifi' }
  /**
   * The last page on screen hid or closed and started background fetch `fetchId` for the rest of
   * this download (and others): the browser fetches it now (its run, if any, was stopped first).
   */
  | { readonly kind: 'handed-over'; readonly fetchId: string }
  /**
   * Its run was stopped for a page's lot that the browser never took (the page went first, or it
   * refused), or that a page still on screen does not need: it waits its turn again, every byte kept.
   */
  | { readonly kind: 'lot-missed' }
  /** The wait after a cut-off is over: the run tries again. */
  | { readonly kind: 'try-again' }
  /** The network came back (Background Sync, or a page saw it): a download it failed is asked again. */
  | { readonly kind: 'network-back' }
  /** Completing found fewer bytes stored without a gap than the file holds. */
  | { readonly kind: 'incomplete'; readonly bytes: number }
  /** Cancel: a download not finished goes, bytes and all (its run was stopped first). */
  | { readonly kind: 'cancel' }
  /** Delete: the song goes, finished or not. */
  | { readonly kind: 'delete' };

export type DownloadEvent = Outcome | Command;

/** What the manager knows beside the record. */
export interface Context {
  /** A run of this worker holds the download. */
  readonly running: boolean;
  /** "Download only on Wi-Fi" on a metered connection: nothing may start fetching. */
  readonly waitingForWifi?: boolean;
  /** The pages and the browser, for the engine a launch takes (absent: a page on screen, no Background Fetch). */
  readonly moment?: Moment;
}

/** A page on screen, in a browser without Background Fetch: the worker's own stream. */
const ON_SCREEN: Moment = { pageVisible: true, pageOpen: true, backgroundAllowed: false, backgroundFetch: false };

/** The one write a download's event leads to, and what the run does next. */
export type Step =
  /**
   * Nothing to write. `announce`: pages learn the stored record all the same (a fetch to follow);
   * `follow`: a run follows the fetch the download's engine has going on outside the worker.
   */
  | { readonly write: 'none'; readonly announce?: boolean; readonly follow?: boolean }
  /** A new download, queued; `pinned`: the engine every run of it uses. */
  | { readonly write: 'create'; readonly track: Track; readonly batch?: Batch; readonly pinned?: PinnedEngine }
  | {
      readonly write: 'status';
      readonly status: Exclude<DownloadStatus, 'completed'>;
      /** Fetched by this engine from now on (keeping the bytes stored without a gap). */
      readonly engine?: DownloadEngine;
      /** Resume: the file may change as often again as a new download's, and the failure is over. */
      readonly fresh?: boolean;
      /** The fetch it followed outside the worker is over. */
      readonly forgetFetch?: boolean;
      /** The words of the last cut-off go (its count stays). */
      readonly clearFailure?: boolean;
      /** Its fetch outside the worker is stopped first (its end still stores what was finished). */
      readonly stopOutside?: boolean;
    }
  /** Complete the file from what is stored, and count it for "Downloads finished". */
  | { readonly write: 'complete' }
  /** Every byte goes (another version: counted in `restarts`); `run`: it starts from zero in the same run. */
  | { readonly write: 'restart'; readonly run: boolean }
  /** The ladder's next rung, keeping what it can use; `run`: at once, in the same run; else queued. */
  | {
      readonly write: 'rung';
      readonly engine: DownloadEngine;
      readonly keep: 'prefix' | 'nothing';
      readonly run: boolean;
    }
  /** Tried again after `afterMs`, in the same run: the `tries`th cut-off in a row, for `failure`. */
  | { readonly write: 'retry'; readonly tries: number; readonly afterMs: number; readonly failure: DownloadFailure }
  | { readonly write: 'fail'; readonly failure: DownloadFailure; readonly dropBytes: boolean }
  /** The download goes, with everything stored of it. */
  | { readonly write: 'remove' }
  /** Background fetch `fetchId` has it: "downloading" by Background Fetch, which a run follows. */
  | { readonly write: 'follow'; readonly fetchId: string };

/**
 * How long a download waits before each try after one was cut off: growing, and bounded, as
 * Chromium's own download service does. After the last, it fails in words with Retry: a host that
 * stays unreachable is not asked forever.
 */
export const RETRY_DELAYS_MS: readonly number[] = [1000, 2000, 4000, 8000];
/** Tries in a row, the first included, before a download that keeps being cut off fails. */
export const MAX_TRIES = RETRY_DELAYS_MS.length + 1;
/** How often in a row a download starts again because its file changed, before it fails. */
export const MAX_VERSION_RESTARTS = 3;

/** Failures that end when the network comes back: asked again then, once. */
const NETWORK_FAILURES: ReadonlySet<DownloadFailure['code']> = new Set(['offline', 'unreachable', 'network']);

const NOTHING: Step = { write: 'none' };

/** Outcomes of a run: news only for a download still running (a pause or a resume of the person's came first). */
const RUN_NEWS: ReadonlySet<DownloadEvent['kind']> = new Set([
  'waiting',
  'lost',
  'changed',
  'paused-by-browser',
  'gave-up',
  'interrupted',
] as const);

const keptChanging = (): DownloadFailure => ({
  code: 'bad-answer',
  message: 'The preview kept changing on the server while it downloaded.',
  reason: 'kept-changing',
});

/** The one step `event` leads to for `record` (undefined: no download of that song exists). */
export function transition(record: DownloadRecord | undefined, event: DownloadEvent, context: Context): Step {
  if (!record) {
    if (event.kind !== 'start') return NOTHING;
    const { track, batch, pinned } = event;
    return { write: 'create', track, ...(batch ? { batch } : {}), ...(pinned ? { pinned } : {}) };
  }
  const { status } = record;
  const { running } = context;
  if (event.kind === 'delete') return { write: 'remove' };
  // Only Delete removes a finished song: a Cancel sent from a view that had not seen it finish is too late.
  if (status === 'completed') return NOTHING;
  // Bytes all stored and a failure in words are news in every state.
  if (status !== 'downloading' && RUN_NEWS.has(event.kind)) return NOTHING;
  switch (event.kind) {
    case 'start':
      // A second tap on Download starts nothing new; a failed download is asked again.
      return status === 'failed' ? { write: 'status', status: 'queued', fresh: true } : NOTHING;
    case 'pause':
      return status === 'downloading' || status === 'queued' ? { write: 'status', status: 'paused' } : NOTHING;
    case 'resume':
      // "downloading" with nothing running it: its failure could not be written (a full disk).
      return status === 'paused' || status === 'failed' || (status === 'downloading' && !running)
        ? { write: 'status', status: 'queued', fresh: true }
        : NOTHING;
    case 'launch': {
      if (status !== 'queued' || context.waitingForWifi) return NOTHING;
      const engine = engineFor(record, context.moment ?? ON_SCREEN);
      return { write: 'status', status: 'downloading', ...(engine !== record.engine ? { engine } : {}) };
    }
    case 'handed-over':
      return (status === 'downloading' && !running) || status === 'queued'
        ? { write: 'follow', fetchId: event.fetchId }
        : NOTHING;
    case 'orphaned':
      if (status !== 'downloading' || running) return NOTHING;
      // A fetch the browser carried on with no worker: followed, or stopped where Wi-Fi is awaited.
      if (event.outside && !context.waitingForWifi) return { write: 'none', follow: true };
      return { write: 'status', status: 'queued', ...(event.outside ? { stopOutside: true } : {}) };
    case 'wait-for-wifi':
    case 'lot-missed':
      // Every byte kept, like a pause; the queue starts it again (for Wi-Fi: once it is back).
      return status === 'downloading' && !running ? { write: 'status', status: 'queued' } : NOTHING;
    case 'try-again':
      return status === 'downloading' ? { write: 'status', status: 'downloading', clearFailure: true } : NOTHING;
    case 'network-back':
      return status === 'failed' && NETWORK_FAILURES.has(record.failure?.code ?? 'unknown')
        ? { write: 'status', status: 'queued', fresh: true }
        : NOTHING;
    case 'cancel':
      return { write: 'remove' };
    case 'stopped':
      return NOTHING;
    case 'waiting':
      return { write: 'none', announce: true };
    case 'stored':
      return { write: 'complete' };
    case 'incomplete':
      // Background Fetch left a segment out: the next fetch asks for what is missing.
      if (record.engine === 'background-fetch') return { write: 'status', status: 'queued' };
      return {
        write: 'fail',
        failure: {
          code: 'size-mismatch',
          message: `The stored file is ${event.bytes} bytes, the server said ${record.bytesTotal}.`,
          stored: event.bytes,
          ...(record.bytesTotal !== null ? { total: record.bytesTotal } : {}),
        },
        dropBytes: false,
      };
    case 'lost':
      return { write: 'status', status: 'queued', forgetFetch: true };
    case 'changed':
      // A host whose file changes at every answer would otherwise be fetched forever.
      if ((record.restarts ?? 0) >= MAX_VERSION_RESTARTS)
        return { write: 'fail', failure: keptChanging(), dropBytes: false };
      // In the same run, unless a background fetch brought the news: the moment decides the engine then.
      return { write: 'restart', run: running && record.engine !== 'background-fetch' };
    case 'paused-by-browser':
      return { write: 'status', status: 'paused' };
    case 'gave-up': {
      const rung = nextRung(record.engine, event.why);
      if (!rung) {
        const failure = event.why === 'cors-refused' ? unreadableError().failure : unreachableFailure();
        return { write: 'fail', failure, dropBytes: false };
      }
      return { write: 'rung', engine: rung.engine, keep: rung.keep, run: running && !rung.requeue };
    }
    case 'interrupted': {
      // Offline no try can help: it waits for the network to come back (Background Sync, or a page).
      if (event.offline) return { write: 'fail', failure: offlineFailure(), dropBytes: false };
      // Bytes stored since the last cut-off start the count again: a long file on a flaky link still ends.
      const tries = event.progressed ? 1 : (record.tries ?? 0) + 1;
      const afterMs = RETRY_DELAYS_MS[tries - 1];
      if (afterMs !== undefined) return { write: 'retry', tries, afterMs, failure: event.failure };
      const failure = event.failure.code === 'network' ? unreachableFailure() : event.failure;
      return { write: 'fail', failure, dropBytes: false };
    }
    case 'failed':
      return { write: 'fail', failure: event.failure, dropBytes: dropsBytes(event.failure) };
  }
}
