/// <reference lib="webworker" />
/** A yes or no that outlives the worker. */
export interface KeptFlag {
  load(): Promise<boolean>;
  save(value: boolean): Promise<void>;
}

/**
 * Whether downloads may run now: the one gate every launch passes, whatever woke the worker (a page's
 * command, Background Sync, a background fetch's event, a new version's start). "Download only on
 * Wi-Fi" on a metered connection closes it. A worker the browser starts with no page open learns the
 * wait from what the last one kept, before its first launch: the person's setting is never overruled
 * by a worker that has not heard of it yet.
 */
export class LaunchGate {
  #waiting: Promise<boolean> | null = null;

  constructor(private readonly kept?: KeptFlag) {}

  /** Whether downloads wait for Wi-Fi. A kept wait that cannot be read keeps them waiting, and is read again next time. */
  waiting(): Promise<boolean> {
    if (this.#waiting) return this.#waiting;
    const loading = this.kept ? this.kept.load() : Promise.resolve(false);
    this.#waiting = loading;
    loading.catch(() => {
      if (this.#waiting === loading) this.#waiting = null;
    });
    return loading.catch(() => true);
  }

  /** Whether a download may start now. */
  async open(): Promise<boolean> {
    return !(await this.waiting());
  }

  /**
   * Downloads wait for Wi-Fi, or no longer do, as a page says: kept for a worker started later.
   * @returns whether that changed anything
   */
  async set(waiting: boolean): Promise<boolean> {
    const before = await this.waiting();
    this.#waiting = Promise.resolve(waiting);
    if (before === waiting) return false;
    await this.kept?.save(waiting).catch(() => undefined);
    return true;
  }
}

/** What a page says of the connection (`download-conditions`). */
export interface PageConditions {
  readonly wifiOnly: boolean;
  readonly metered: boolean;
  readonly online?: boolean;
}

/**
 * What the worker knows of the device's network: "Download only on Wi-Fi" on a metered connection
 * (`LaunchGate`), and whether it is offline, as the worker sees it or as the last page to say so
 * does (a page can know it before the worker does).
 */
export class Conditions {
  readonly gate: LaunchGate;
  #pageOffline = false;

  constructor(kept?: KeptFlag) {
    this.gate = new LaunchGate(kept);
  }

  offline(): boolean {
    return !navigator.onLine || this.#pageOffline;
  }

  /**
   * A page's report. @returns whether "waits for Wi-Fi" changed, and whether the network is back as
   * this page sees it: it was offline for the last page to say so, or `failedOffline` says a download
   * failed as offline while this page is online (a worker whose network was not up yet).
   */
  async report(
    page: PageConditions,
    failedOffline: () => Promise<boolean>,
  ): Promise<{ readonly waiting: boolean; readonly changed: boolean; readonly back: boolean }> {
    const online = page.online !== false;
    const back = online && (this.#pageOffline || (await failedOffline()));
    this.#pageOffline = !online;
    const waiting = page.wifiOnly && page.metered;
    return { waiting, changed: await this.gate.set(waiting), back };
  }
}
