import type { DownloadRecord } from '../../shared/downloads.ts';
import type { DownloadSink } from './engine.ts';
import type { Engines } from './engines.ts';
import { failureOf } from './outcome.ts';
import { HANDED_OVER, Mailbox } from './outside.ts';
import type { Applied } from './steps.ts';
import type { DownloadStore } from './store.ts';
import type { DownloadEvent, Outcome } from './transition.ts';

export interface RunOptions {
  readonly store: Pick<DownloadStore, 'get'>;
  readonly sink: DownloadSink;
  readonly engines: Engines;
  /** Decides and carries out an event (the manager's way to `Steps.apply`). */
  readonly apply: (record: DownloadRecord, event: DownloadEvent) => Promise<Applied>;
  /** Whether the device is offline, as the worker or the last page to say so sees it. */
  readonly offline: () => boolean;
  /** A run ended: its place goes to the next queued download. */
  readonly ended: () => void;
  /** Waits before another try (a real timer unless a test says otherwise); rejects when `signal` aborts. */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** Waits `ms`, or rejects with the signal's reason once it aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
}

interface Running {
  readonly controller: AbortController;
  settled: Promise<void>;
  /** Following a fetch in the browser: it takes no place among the downloads the worker fetches. */
  following: boolean;
  /** Present while the run may follow a fetch outside the worker. */
  mailbox: Mailbox | null;
}

/**
 * The runs of this worker: one per download being fetched, each its engine's, whose outcome goes
 * through `transition` (`RunOptions.apply`). Where the ladder's next rung runs at once, or a cut-off
 * is tried again, that happens in the same run. A run whose engine fetches outside the worker follows
 * that fetch until its end is delivered (`deliver`), it is lost, or the run is stopped.
 */
export class Runs {
  readonly #running = new Map<number, Running>();
  /** Work the worker stays alive for beside the runs (a new download's artwork being kept). */
  readonly #alongside = new Set<Promise<unknown>>();
  /** Set once a new version takes over: this worker starts nothing more. */
  #handedOver = false;

  constructor(private readonly options: RunOptions) {}

  get size(): number {
    return this.#running.size;
  }

  /** Runs the worker fetches itself: those following a fetch in the browser aside. */
  get fetching(): number {
    return [...this.#running.values()].filter((run) => !run.following).length;
  }

  /** Whether new runs may start (not after a hand-over to a new version). */
  get accepting(): boolean {
    return !this.#handedOver;
  }

  has(trackId: number): boolean {
    return this.#running.has(trackId);
  }

  trackIds(): number[] {
    return [...this.#running.keys()];
  }

  /** Whether a run follows the download's fetch outside the worker (or is about to). */
  isFollowing(trackId: number): boolean {
    return (this.#running.get(trackId)?.mailbox ?? null) !== null;
  }

  /** Whether nothing runs, nor any work beside the runs. */
  get idle(): boolean {
    return this.#running.size === 0 && this.#alongside.size === 0;
  }

  allSettled(): Promise<unknown> {
    return Promise.all([...[...this.#running.values()].map((run) => run.settled), ...this.#alongside]);
  }

  /** Work to stay alive for beside the runs, until it settles. */
  alongside(work: Promise<unknown>): void {
    const settled = work.catch(() => undefined);
    this.#alongside.add(settled);
    void settled.finally(() => this.#alongside.delete(settled));
  }

  /** Runs a download in the background of the command queue; `follow`: its fetch goes on outside the worker. */
  launch(record: DownloadRecord, follow: boolean): void {
    const controller = new AbortController();
    const running: Running = { controller, settled: Promise.resolve(), mailbox: null, following: false };
    this.#running.set(record.trackId, running);
    running.settled = this.#run(record, running, follow).finally(() => {
      this.#running.delete(record.trackId);
      this.options.ended();
    });
  }

  /** Stops a download's run, if one holds it, and waits until it let go. */
  async stop(trackId: number): Promise<void> {
    const running = this.#running.get(trackId);
    if (!running) return;
    running.controller.abort(new DOMException('Stopped by the person', 'AbortError'));
    await running.settled;
  }

  /**
   * An outcome from outside the worker for a download a run follows: the run carries it out.
   * @returns the download as stored after it
   */
  deliver(trackId: number, outcome: Outcome): Promise<DownloadRecord | null> {
    return this.#running.get(trackId)?.mailbox?.deliver(outcome) ?? Promise.resolve(null);
  }

  /**
   * A download's fetch outside the worker ended (a background fetch's last event): `settle` stores
   * what it brought and says the outcome, which the run following the download carries out, or this
   * call where none does (a worker started for the event; its end is a run's end). Call it in turn
   * with the commands.
   * @returns the download as stored after it, null when it is gone or `settle` had nothing to say
   */
  async settleOutside(
    trackId: number,
    settle: (record: DownloadRecord, followed: boolean) => Promise<Outcome | null>,
  ): Promise<DownloadRecord | null> {
    const record = await this.options.store.get(trackId);
    if (!record) return null;
    const followed = this.isFollowing(trackId);
    const outcome = await settle(record, followed).catch((error: unknown): Outcome => ({
      kind: 'failed',
      failure: failureOf(error),
    }));
    if (outcome === null) return null;
    if (followed) return this.deliver(trackId, outcome);
    const latest = await this.options.store.get(trackId);
    const applied = latest ? await this.options.apply(latest, outcome) : null;
    this.options.ended();
    return applied?.record ?? null;
  }

  /** A new version takes over: every run stops where it is, its state left "downloading". */
  async handOver(): Promise<void> {
    this.#handedOver = true;
    const runs = [...this.#running.values()];
    for (const run of runs) run.controller.abort(HANDED_OVER);
    await Promise.all(runs.map((run) => run.settled));
  }

  /** @returns whether this worker had handed its runs over, and now takes them back */
  takeBack(): boolean {
    const was = this.#handedOver;
    this.#handedOver = false;
    return was;
  }

  /** Runs one download to its end. Never throws. */
  async #run(record: DownloadRecord, running: Running, follow: boolean): Promise<void> {
    const { signal } = running.controller;
    let current: DownloadRecord | null = record;
    let following = follow;
    while (current) {
      const engine = this.options.engines.of(current.engine);
      // Ready before the fetch starts: a small file's end can come before the run hears it started.
      running.mailbox = engine.outside ? new Mailbox() : null;
      let outcome: Outcome = following ? { kind: 'waiting' } : await engine.run(current, this.options.sink, signal);
      if (outcome.kind === 'waiting') {
        // The fetch to follow is the one the engine recorded; pages learn it, and the size.
        const handed = following ? current : await this.#announce(current);
        const { mailbox, controller } = running;
        running.following = true;
        outcome =
          mailbox && engine.outside
            ? await mailbox.follow(handed ?? current, engine.outside, controller.signal)
            : { kind: 'lost' };
        running.following = false;
      }
      following = false;
      const mailbox = running.mailbox;
      running.mailbox = null;
      // The engine wrote sizes and bytes as it went: the step starts from the record as stored.
      const latest = await this.options.store.get(current.trackId).catch(() => current);
      if (!latest) {
        mailbox?.applied(null);
        return; // canceled meanwhile
      }
      const event: DownloadEvent =
        outcome.kind === 'interrupted'
          ? {
              ...outcome,
              offline: this.options.offline(),
              progressed: latest.bytesReceived > current.bytesReceived,
            }
          : outcome;
      const applied = await this.options.apply(latest, event);
      mailbox?.applied(applied.record);
      current = applied.again ? applied.record : null;
      if (current && applied.afterMs !== undefined)
        current = await this.#waitToTryAgain(current, applied.afterMs, signal);
    }
  }

  /** @returns the download as stored once its engine handed it to the browser */
  async #announce(record: DownloadRecord): Promise<DownloadRecord | null> {
    const handed = await this.options.store.get(record.trackId);
    return handed ? (await this.options.apply(handed, { kind: 'waiting' })).record : null;
  }

  /**
   * Waits before trying again after a cut-off. A pause, a cancel or a new worker ends the wait, and
   * the run with it: the command writes the state. @returns the record to try again, or null
   */
  async #waitToTryAgain(record: DownloadRecord, afterMs: number, signal: AbortSignal): Promise<DownloadRecord | null> {
    const waited = await (this.options.sleep ?? sleep)(afterMs, signal).then(
      () => true,
      () => false,
    );
    if (!waited) return null;
    const latest = await this.options.store.get(record.trackId).catch(() => record);
    if (!latest) return null;
    const { record: current } = await this.options.apply(latest, { kind: 'try-again' });
    return current?.status === 'downloading' ? current : null;
  }
}
