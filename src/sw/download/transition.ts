import type { DownloadEngine, DownloadFailure, DownloadRecord, DownloadStatus } from '../../shared/downloads.ts';
import { offlineFailure, unreachableFailure, unreadableError } from './http.ts';
import { dropsBytes, nextRung, type GiveUp } from './ladder.ts';

/** How a run of an engine (or a background fetch's last event) ended. */
export type Outcome =
  /** Every byte is stored: the file can be joined. */
  | { readonly kind: 'stored' }
  /** Paused, canceled or handed over: the command that stopped it writes the state. */
  | { readonly kind: 'stopped' }
  /** Background Fetch: the browser has the download now; its events bring the end. */
  | { readonly kind: 'waiting' }
  /** Nothing wrong, nothing finished (a fetch lost, a version nobody could confirm): back in the queue, every byte kept. */
  | { readonly kind: 'lost' }
  /** The file changed on the host: every stored byte goes, and it waits its turn to start from zero. */
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

/** What a person (or the queue) asks of a download. */
export type Command =
  | { readonly kind: 'pause' }
  /** Resume or Retry: the person asks again. */
  | { readonly kind: 'resume' }
  /** The queue gives it its turn. */
  | { readonly kind: 'launch' }
  /** A new worker found it "downloading" with nothing running it. */
  | { readonly kind: 'orphaned' }
  /** "Download only on Wi-Fi" and a metered connection: its run was stopped; it waits its turn again. */
  | { readonly kind: 'wait-for-wifi' }
  /** Cancel: a download not finished goes, bytes and all (its run was stopped first). */
  | { readonly kind: 'cancel' }
  /** Delete: the song goes, finished or not. */
  | { readonly kind: 'delete' };

export type DownloadEvent = Outcome | Command;

/** The one write a download's event leads to. */
export type Step =
  /** Nothing to write; `announce`: pages learn the stored record all the same (a fetch to follow). */
  | { readonly write: 'none'; readonly announce: boolean }
  | {
      readonly write: 'status';
      readonly status: Exclude<DownloadStatus, 'completed'>;
      /** Resume: the file may change as often again as a new download's, and the failure is over. */
      readonly fresh?: boolean;
      /** The background fetch it followed is over. */
      readonly forgetFetch?: boolean;
    }
  /** Join the stored chunks into the file and count it for "Downloads finished". */
  | { readonly write: 'complete' }
  /** Every byte goes; queued to start from zero. */
  | { readonly write: 'restart' }
  /** The ladder's next rung, keeping what it can use; `run`: at once, in the same turn; else queued. */
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
  | { readonly write: 'remove' };

/**
 * How long a download waits before each try after one was cut off: growing, and bounded, as
 * Chromium's own download service does. After the last, it fails in words with Retry: a host that
 * stays unreachable is not asked forever.
 */
export const RETRY_DELAYS_MS: readonly number[] = [1000, 2000, 4000, 8000];
/** Tries in a row, the first included, before a download that keeps being cut off fails. */
export const MAX_TRIES = RETRY_DELAYS_MS.length + 1;

const NOTHING: Step = { write: 'none', announce: false };

const RUN_NEWS: ReadonlySet<DownloadEvent['kind']> = new Set([
  'waiting',
  'lost',
  'changed',
  'paused-by-browser',
  'gave-up',
  'interrupted',
] as const);

/**
 * The download state machine, as one pure function: what an event does to a download in its state.
 * `running` tells whether a run of this worker holds it. Every status a download takes is decided
 * here (the manager only carries the step out), the preview-host ladder included.
 */
export function transition(record: DownloadRecord, event: DownloadEvent, running: boolean): Step {
  const { status } = record;
  if (event.kind === 'delete') return { write: 'remove' };
  // Only Delete removes a finished song: a Cancel sent from a view that had not seen it finish is too late.
  if (status === 'completed') return NOTHING;
  // A run's news moves only a download still running: a pause or a resume of the person's came
  // first. Bytes all stored and a failure in words are news in every state.
  if (status !== 'downloading' && RUN_NEWS.has(event.kind)) return NOTHING;
  switch (event.kind) {
    case 'pause':
      return status === 'downloading' || status === 'queued' ? { write: 'status', status: 'paused' } : NOTHING;
    case 'resume':
      // "downloading" with nothing running it: its failure could not be written (a full disk).
      return status === 'paused' || status === 'failed' || (status === 'downloading' && !running)
        ? { write: 'status', status: 'queued', fresh: true }
        : NOTHING;
    case 'launch':
      return status === 'queued' ? { write: 'status', status: 'downloading' } : NOTHING;
    case 'orphaned':
      return status === 'downloading' && !running ? { write: 'status', status: 'queued' } : NOTHING;
    case 'wait-for-wifi':
      // Every byte kept, like a pause; the queue starts it again when Wi-Fi is back.
      return status === 'downloading' && !running ? { write: 'status', status: 'queued' } : NOTHING;
    case 'cancel':
      return { write: 'remove' };
    case 'stopped':
      return NOTHING;
    case 'waiting':
      return { write: 'none', announce: true };
    case 'stored':
      return { write: 'complete' };
    case 'lost':
      return { write: 'status', status: 'queued', forgetFetch: true };
    case 'changed':
      return { write: 'restart' };
    case 'paused-by-browser':
      return { write: 'status', status: 'paused' };
    case 'gave-up': {
      const rung = nextRung(record.engine, event.why);
      if (!rung) {
        const failure = event.why === 'cors-refused' ? unreadableError().failure : unreachableFailure();
        return { write: 'fail', failure, dropBytes: false };
      }
      return { write: 'rung', engine: rung.engine, keep: rung.keep, run: !rung.requeue };
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
      // Background Fetch left a segment out: the next fetch asks for what is missing.
      if (event.failure.code === 'size-mismatch' && record.engine === 'background-fetch') {
        return { write: 'status', status: 'queued' };
      }
      return { write: 'fail', failure: event.failure, dropBytes: dropsBytes(event.failure) };
  }
}
