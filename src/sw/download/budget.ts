/// <reference lib="webworker" />
import { quotaError } from './quota.ts';

/** Where the browser cannot say how much it would store: no preview comes near this. */
const UNKNOWN_AVAILABLE_BYTES = 4 * 1024 ** 3;

/**
 * How many more bytes this origin may store, as the browser says (quota less usage). Asked once per
 * run, so a host cannot make a download outgrow the disk whatever size it claims or omits. (Chromium's
 * DevTools quota override is enforced but not shown here: there, IndexedDB's own refusal stops it.)
 */
export async function availableBytes(): Promise<number> {
  try {
    const { quota, usage } = await navigator.storage.estimate();
    if (quota === undefined || usage === undefined) return UNKNOWN_AVAILABLE_BYTES;
    return Math.max(0, quota - usage);
  } catch {
    return UNKNOWN_AVAILABLE_BYTES;
  }
}

/**
 * The bytes a download may still store in this run, and the check that it stays within them. A size
 * that is no size (not a safe integer) or more than the disk holds fails at once with "Not enough
 * storage", before a byte of it is fetched; a body of unknown length fails the same way once it
 * outgrows the budget.
 */
export class StorageBudget {
  /** @param stored bytes already stored when the run began; @param available what the browser still allows */
  constructor(
    private readonly stored: number,
    private readonly available: number,
  ) {}

  static async measure(stored: number): Promise<StorageBudget> {
    return new StorageBudget(stored, await availableBytes());
  }

  /** The most bytes the whole file may have. */
  get limit(): number {
    return this.stored + this.available;
  }

  /** @throws quotaError when a file of `total` bytes cannot be stored */
  assertFits(total: number): void {
    if (!Number.isSafeInteger(total) || total < 0 || total > this.limit) throw quotaError();
  }
}
