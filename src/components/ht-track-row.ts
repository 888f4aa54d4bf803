import { LitElement, css, html, nothing } from 'lit';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { until } from 'lit/directives/until.js';
import { serviceWorkerBridge } from '../bridge/update.ts';
import type { Track } from '../shared/catalog.ts';
import { formatDuration } from '../i18n/format.ts';
import { controlStyles, visuallyHidden } from './shared-styles.ts';
import { PLACEHOLDER_ARTWORK, showPlaceholder } from './placeholder-artwork.ts';
import { actionsFor, downloadWords, renderDownloadBar, type RowAction } from './download-status.ts';
import { ICONS, icon } from './icons.ts';
import type { ShownDownload } from '../bridge/download.ts';
import { offlineArtworkPath } from '../shared/offline-urls.ts';
import { albumHref } from '../controllers/route-controller.ts';
import type { QueueRequestDetail } from './play-request.ts';

/**
 * Artwork loads once the worker controls the page, because the worker turns artwork that cannot
 * be had (offline, a host without CORS) into the placeholder, where the page would log an error.
 */
const artworkReady = serviceWorkerBridge.controlled();
let artworkIsReady = false;
void artworkReady.then(() => (artworkIsReady = true));

/** The icon of each button a row can show. */
const ACTION_ICONS: Record<RowAction['action'], string> = {
  start: ICONS.download,
  preview: ICONS.headphones,
  play: ICONS.play,
  pause: ICONS.pause,
  resume: ICONS.download,
  cancel: ICONS.close,
  retry: ICONS.retry,
  delete: ICONS.delete,
  'free-space': ICONS.storage,
};

/**
 * One song in a list: artwork, name, artist, album, duration and its actions.
 *
 * @fires ht-download-action - the person asked for `detail.action` (start, pause, resume, cancel, retry,
 *   delete) on `detail.track`'s download
 * @fires ht-show-downloads - the person asked to free up space (the Downloads view)
 * @fires ht-play-request - the person asked to play `detail.track`: downloaded, or streamed
 *   (`detail.stream`)
 * @fires ht-queue-request - the person asked to play the song next, or at the end of Up Next
 */
export class HtTrackRow extends LitElement {
  static override properties = {
    track: { attribute: false },
    download: { attribute: false },
    online: { attribute: false },
    showAlbum: { attribute: false },
    _queueOpen: { state: true },
  };

  /** Whether "Play next" and "Add to queue" show (a disclosure, so the row keeps one line of buttons). */
  declare _queueOpen: boolean;

  /** The song shown; the row renders nothing without one. */
  declare track: Track | undefined;
  /** Its download, if the person started one. */
  declare download: ShownDownload | undefined;
  /** Whether a song not downloaded can be streamed. */
  declare online: boolean;
  /** Whether the album's name is shown (and links to its view); not inside the album's own view. */
  declare showAlbum: boolean;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.online = true;
    this.showAlbum = true;
    this._queueOpen = false;
  }

  static override styles = [
    controlStyles,
    css`
      /* Name and artist beside the buttons, the album, duration and store below them, the bar under all. */
      :host {
        display: grid;
        grid-template-columns: 44px minmax(0, 1fr) auto;
        grid-template-areas: 'art name actions' 'art by actions' 'art details details' 'art bar bar';
        column-gap: 8px;
        align-items: center;
        padding: 8px;
      }
      img {
        grid-area: art;
        width: 44px;
        height: 44px;
        border-radius: 6px;
        object-fit: cover;
        background: var(--ht-border);
      }
      /* A long name takes a second line before it is cut; the artist wraps whole. */
      .name {
        grid-area: name;
        font-weight: 600;
        display: -webkit-box;
        -webkit-box-orient: vertical;
        -webkit-line-clamp: 2;
        line-clamp: 2;
        overflow: hidden;
        overflow-wrap: anywhere;
      }
      .by {
        grid-area: by;
        overflow-wrap: anywhere;
      }
      .by,
      .details {
        color: var(--ht-muted);
        font-size: 0.875rem;
      }
      /* The download's words move to a line of their own rather than split ("960 / KB"). */
      .state {
        display: inline-block;
      }
      .details {
        grid-area: details;
        line-height: 24px;
        overflow-wrap: anywhere;
      }
      /* Links in the line are 24 px tall to the finger, as the lines are. */
      .details a {
        color: inherit;
        padding-block: 4px;
      }
      .actions {
        grid-area: actions;
        display: flex;
        gap: 6px;
      }
      .actions button {
        position: relative;
        display: inline-flex;
        align-items: center;
        justify-content: center;
        gap: 6px;
        padding: 0 10px;
      }
      /* On a phone the buttons show their icons; their words stay their names. */
      @media (max-width: 639px) {
        .actions button {
          padding: 0;
          min-width: 40px;
          min-height: 40px;
        }
        .actions .words {
          ${visuallyHidden}
        }
      }
      progress,
      .failure {
        grid-area: bar;
      }
      .queue {
        grid-column: 2 / -1;
        display: flex;
        flex-wrap: wrap;
        gap: 6px;
        margin-top: 6px;
      }
      .queue button {
        display: inline-flex;
        align-items: center;
        gap: 6px;
        padding: 0 10px;
      }
      progress {
        appearance: none;
        width: 100%;
        height: 4px;
        margin-top: 4px;
        border: none;
        border-radius: 2px;
        background: var(--ht-border);
        color: var(--ht-accent);
      }
      progress::-webkit-progress-bar {
        background: var(--ht-border);
        border-radius: 2px;
      }
      progress::-webkit-progress-value {
        background: var(--ht-accent);
        border-radius: 2px;
      }
      progress::-moz-progress-bar {
        background: var(--ht-accent);
      }
      .failure {
        margin: 2px 0 0;
        font-size: 0.875rem;
        color: var(--ht-danger);
      }
    `,
  ];

  override render() {
    const track = this.track;
    if (!track) return nothing;
    // A downloaded song shows the artwork stored with it, the same offline.
    const artwork = this.download?.status === 'completed' ? offlineArtworkPath(track.id) : track.artworkUrl;
    return html`
      <img
        src=${
          !artwork
            ? PLACEHOLDER_ARTWORK
            : artworkIsReady
              ? artwork
              : until(
                  artworkReady.then(() => artwork),
                  PLACEHOLDER_ARTWORK,
                )
        }
        alt=""
        width="44"
        height="44"
        loading="lazy"
        decoding="async"
        referrerpolicy="no-referrer"
        @error=${showPlaceholder}
      />
      <span class="name" id="name"><bdi>${track.name}</bdi></span>
      <span class="by"><bdi>${track.artist}</bdi></span>
      <span class="details">${this._renderDetails(track)}</span>
      ${renderDownloadBar(this.download)}
      <div class="actions">
        ${actionsFor(this.download, this.online).map(
          ({ label, action, secondary }) =>
            html`<button
              type="button"
              class=${secondary ? 'secondary' : ''}
              aria-describedby="name"
              @click=${() => this._request(action)}
            >
              ${icon(ACTION_ICONS[action])}<span class="words">${label}</span>
            </button>`,
        )}
        ${
          this._queueable()
            ? html`<button
                type="button"
                class="secondary"
                aria-describedby="name"
                aria-expanded=${this._queueOpen ? 'true' : 'false'}
                aria-controls="queue"
                @click=${() => (this._queueOpen = !this._queueOpen)}
              >
                ${icon(ICONS.queue)}<span class="words">${msg('Up Next', { id: 'row.up-next' })}</span>
              </button>`
            : nothing
        }
      </div>
      ${
        this._queueOpen && this._queueable()
          ? html`<div class="queue" id="queue" role="group" aria-labelledby="name">
              <button type="button" class="secondary" @click=${() => this._queue('next')}>
                ${icon(ICONS.playNext)}${msg('Play next', { id: 'row.play-next' })}
              </button>
              <button type="button" class="secondary" @click=${() => this._queue('end')}>
                ${icon(ICONS.queue)}${msg('Add to queue', { id: 'row.add-to-queue' })}
              </button>
            </div>`
          : nothing
      }
    `;
  }

  /** A song can be queued when it can play: downloaded, or streamed while online. */
  private _queueable(): boolean {
    return this.download?.status === 'completed' || (this.online && this.download === undefined);
  }

  private async _queue(where: QueueRequestDetail['where']): Promise<void> {
    this._queueOpen = false;
    const detail: QueueRequestDetail = { tracks: [this.track!], where, name: this.track!.name };
    this.dispatchEvent(new CustomEvent('ht-queue-request', { detail, bubbles: true, composed: true }));
    // The button pressed is gone with the group: focus returns to the one that opened it.
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('button[aria-controls="queue"]')?.focus();
  }

  /**
   * The album (a link to its view where the catalog said which), the duration, the store's page and how
   * far its download is; the album leads, so its link is never cut off.
   */
  private _renderDetails(track: Track) {
    const duration = track.durationMs === null ? null : formatDuration(Math.round(track.durationMs / 1000));
    const newTab = msg('(opens in a new tab)', { id: 'row.store.new-tab' });
    const parts = [
      !this.showAlbum || !track.album
        ? null
        : track.albumId
          ? html`<a href=${albumHref(track.albumId)}><bdi>${track.album}</bdi></a>`
          : html`<bdi>${track.album}</bdi>`,
      duration === null
        ? null
        : html`<span class="visually-hidden">${msg('Duration', { id: 'row.duration' })} </span>${duration}`,
      track.storeUrl
        ? html`<a href=${track.storeUrl} target="_blank" rel="noopener noreferrer" aria-describedby="name"
            >${msg('Apple Music', { id: 'row.store' })}<span class="visually-hidden"> ${newTab}</span></a
          >`
        : null,
      this._renderWords(),
    ].filter((part) => part !== null);
    // The dots are for the eye; a screen reader pauses between the parts without reading them.
    return parts.map((part, index) => (index === 0 ? part : html`<span aria-hidden="true"> · </span>${part}`));
  }

  /** How far its download is, in an element of its own within the details line. */
  private _renderWords() {
    const words = downloadWords(this.download);
    return words === null ? null : html`<span class="state">${words}</span>`;
  }

  private _request(action: RowAction['action']): void {
    if (action === 'free-space') {
      this.dispatchEvent(new CustomEvent('ht-show-downloads', { bubbles: true, composed: true }));
      return;
    }
    const play = action === 'play' || action === 'preview';
    const detail = play ? { track: this.track, stream: action === 'preview' } : { action, track: this.track };
    const type = play ? 'ht-play-request' : 'ht-download-action';
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

customElements.define('ht-track-row', HtTrackRow);

declare global {
  interface HTMLElementTagNameMap {
    'ht-track-row': HtTrackRow;
  }
}
