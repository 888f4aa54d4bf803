import { LitElement, css, html, nothing } from 'lit';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { DownloadController } from '../controllers/download-controller.ts';
import type { Track } from '../shared/catalog.ts';
import type { Batch } from '../shared/downloads.ts';
import { formatCount } from '../i18n/format.ts';
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
  /** The button's words before anything is downloaded, e.g. "Download album" (absent: "Download all"). */
  declare label: string | undefined;
  readonly #downloads = new DownloadController(this);

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.tracks = [];
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
    if (done === tracks.length) {
      return html`<button type="button" disabled>${msg('Downloaded', { id: 'batch.downloaded' })}</button>`;
    }
    const counted = msg(str`Downloading ${formatCount(done)} of ${formatCount(tracks.length)}`, {
      id: 'batch.progress',
    });
    const progress = html`<button type="button" disabled>${counted}</button>`;
    if (ours) {
      // The batch's name (an album's, a search's) as it came: a value of the sentence, never translated.
      return html`${progress}
        <button
          type="button"
          class="secondary cancel"
          aria-label=${msg(str`Cancel downloading ${batch.name}`, { id: 'batch.cancel.label' })}
          @click=${this._cancel}
        >
          ${msg('Cancel', { id: 'batch.cancel' })}
        </button>`;
    }
    if (!waiting) return progress;
    const label = this.label ?? msg('Download all', { id: 'batch.start' });
    return html`<button type="button" class="start" @click=${this._start}>${label}</button>`;
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
