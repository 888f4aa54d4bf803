import type { DownloadEngine, DownloadRecord } from '../../shared/downloads.ts';
import type { Engine } from './engine.ts';

/**
 * The engines a worker has, by the name a download records. A download recorded with an engine this
 * browser lacks (Background Fetch, after a move to a browser without it) is fetched by the
 * Range-chunk engine, which every browser has.
 */
export class Engines {
  readonly #byName = new Map<DownloadEngine, Engine>();

  constructor(engines: readonly Engine[]) {
    for (const engine of engines) this.#byName.set(engine.name, engine);
    if (!this.#byName.has('range')) throw new Error('The Range-chunk engine is every browser’s: it must be given.');
  }

  has(name: DownloadEngine): boolean {
    return this.#byName.has(name);
  }

  of(name: DownloadEngine): Engine {
    return this.#byName.get(name) ?? this.#byName.get('range')!;
  }

  /** Lets each engine delete what it keeps outside IndexedDB for downloads that are gone; never throws. */
  async sweep(records: readonly DownloadRecord[]): Promise<void> {
    for (const engine of this.#byName.values()) await engine.sweep?.(records).catch(() => undefined);
  }
}
