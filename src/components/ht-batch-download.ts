import { LitElement, css, html, nothing } from 'lit';
import { DownloadController } from '../controllers/download-controller.ts';
import type { Track } from '../shared/catalog.ts';
import type { Batch } from '../shared/downloads.ts';
import { controlStyles } from './shared-styles.ts';

/**
 * "Download album" / "Download all": downloads every song of a list not downloaded yet, in the list's
 * order, as one batch (one notification names it). While they run it says "Downloading 3 of 12"
 * (3 finished) and offers Cancel, which stops only what the batch started; then "Downloaded".
 */
export class HtBatchDownload extends LitElement {
  static override properties = {
    tracks: { attribute: false },
    batch: { attribute: false },
    label: {},
  };

  declare tracks: readonly Track[];
  declare batch: Batch | undefined;
  /** The button's words before anything is downloaded, e.g. "Download album". */
  declare label: string;
  readonly #downloads = new DownloadController(this);

  constructor() {
    super();
    this.tracks = [];
    this.label = 'Download all';
  }

  static override styles = [
    controlStyles,
    css`
      :host {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
        align-items: center;
      }
    `,
  ];

  /** Where focus goes once the buttons change under it, so a keyboard user keeps their place. */
  #focusNext: 'cancel' | 'start' | null = null;

  override render() {
    const { tracks, batch } = this;
    if (!batch || tracks.length === 0) return nothing;
    const statuses = tracks.map((track) => this.#downloads.get(track.id)?.status);
    const done = statuses.filter((status) => status === 'completed').length;
    const waiting = statuses.some((status) => status === undefined || status === 'failed');
    const ours = this.#downloads
      .all()
      .some((download) => download.batch?.id === batch.id && download.status !== 'completed');
    if (done === tracks.length) return html`<button type="button" disabled>Downloaded</button>`;
    if (ours) {
      return html`<button type="button" disabled>Downloading ${done} of ${tracks.length}</button>
        <button
          type="button"
          class="secondary cancel"
          aria-label="Cancel downloading ${batch.name}"
          @click=${this._cancel}
        >
          Cancel
        </button>`;
    }
    if (!waiting) return html`<button type="button" disabled>Downloading ${done} of ${tracks.length}</button>`;
    return html`<button type="button" class="start" @click=${this._start}>${this.label}</button>`;
  }

  protected override updated(): void {
    if (!this.#focusNext) return;
    const target = this.renderRoot.querySelector<HTMLButtonElement>(`button.${this.#focusNext}`);
    if (!target) return;
    this.#focusNext = null;
    target.focus();
  }

  private _start(): void {
    if (!this.batch) return;
    this.#focusNext = 'cancel';
    this.#downloads.startBatch(this.tracks, this.batch);
  }

  private _cancel(): void {
    if (!this.batch) return;
    this.#focusNext = 'start';
    this.#downloads.cancelBatch(this.batch.id);
  }
}

customElements.define('ht-batch-download', HtBatchDownload);

declare global {
  interface HTMLElementTagNameMap {
    'ht-batch-download': HtBatchDownload;
  }
}
