/** Apple's search allows about 20 requests a minute; past that it answers 403. */
export const SEARCHES_PER_MINUTE = 20;

/**
 * Searches kept for Enter: once fewer than this many are left in the minute, typing no longer
 * searches by itself, so a person typing never spends what a search they ask for needs.
 */
export const KEPT_FOR_ENTER = 8;

const MINUTE_MS = 60_000;

/** The requests sent to the catalog in the last minute, against Apple's limit. */
export class SearchBudget {
  #sent: number[] = [];

  constructor(
    private readonly now: () => number = () => Date.now(),
    private readonly perMinute = SEARCHES_PER_MINUTE,
  ) {}

  /** A request goes to the catalog. */
  spend(): void {
    this.#sent.push(this.now());
  }

  /** Requests the minute still allows. */
  get left(): number {
    const since = this.now() - MINUTE_MS;
    this.#sent = this.#sent.filter((at) => at > since);
    return Math.max(0, this.perMinute - this.#sent.length);
  }

  /** Whether a pause in typing may search: enough are left besides those kept for Enter. */
  get allowsTyping(): boolean {
    return this.left > KEPT_FOR_ENTER;
  }
}
