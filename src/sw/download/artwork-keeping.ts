import type { Track } from '../../shared/catalog.ts';
import type { DownloadRecord } from '../../shared/downloads.ts';

/**
 * When a download's artwork is kept: once its file is whole and no other download is being fetched
 * (the queue drained), so on a phone's link no audio shares its bandwidth with artwork. A library
 * shown before then fetches the artwork it lacks itself (`routeOfflineArtwork`).
 */
export class ArtworkKeeping {
  /** Songs whose file is whole, waiting for the queue to drain. */
  readonly #waiting = new Map<number, Track>();

  /**
   * @param keep keeps one song's artwork; never throws (none: artwork is not kept)
   * @param alongside keeps the worker alive for `work`
   */
  constructor(
    private readonly keep: ((track: Track) => Promise<void>) | undefined,
    private readonly alongside: (work: Promise<unknown>) => void,
  ) {}

  completed(record: DownloadRecord): void {
    if (this.keep) this.#waiting.set(record.trackId, record.track);
  }

  /** The queue drained: every waiting song's artwork is kept now. */
  drained(): void {
    for (const track of this.#waiting.values()) if (this.keep) this.alongside(this.keep(track));
    this.#waiting.clear();
  }
}
