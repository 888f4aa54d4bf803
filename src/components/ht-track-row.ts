import { LitElement, css, html, nothing } from 'lit';
import { until } from 'lit/directives/until.js';
import { serviceWorkerBridge } from '../bridge/sw-bridge.ts';
import { formatDuration, type Track } from '../shared/catalog.ts';
import { controlStyles } from './shared-styles.ts';
import { PLACEHOLDER_ARTWORK, showPlaceholder } from './placeholder-artwork.ts';
import { actionsFor, renderDownloadStatus, type RowAction } from './download-status.ts';
import type { ShownDownload } from '../bridge/download-bridge.ts';
import { offlineArtworkPath } from '../shared/offline-urls.ts';
import { albumHref } from '../controllers/route-controller.ts';

/**
 * Artwork loads once the worker controls the page, because the worker turns artwork that cannot
 * be had (offline, a host without CORS) into the placeholder, where the page would log an error.
 */
const artworkReady = serviceWorkerBridge.controlled();
let artworkIsReady = false;
void artworkReady.then(() => (artworkIsReady = true));

/**
 * One song in a list: artwork, name, artist, album, duration and its actions.
 *
 * @fires ht-download-action - the person asked for `detail.action` (start, pause, resume, cancel, retry,
 *   delete) on `detail.track`'s download
 * @fires ht-show-downloads - the person asked to free up space (the Downloads view)
 * @fires ht-play-request - the person asked to play `detail.track`: downloaded, or streamed
 *   (`detail.stream`)
 */
export class HtTrackRow extends LitElement {
  static override properties = {
    track: { attribute: false },
    download: { attribute: false },
    online: { attribute: false },
    showAlbum: { attribute: false },
  };

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
    this.online = true;
    this.showAlbum = true;
  }

  static override styles = [
    controlStyles,
    css`
      :host {
        display: grid;
        grid-template-columns: 56px 1fr;
        grid-template-areas: 'art meta' 'art actions';
        gap: 6px 12px;
        align-items: center;
        padding: 10px 12px;
      }
      @media (min-width: 520px) {
        :host {
          grid-template-columns: 56px 1fr auto;
          grid-template-areas: 'art meta actions';
        }
      }
      .actions {
        grid-area: actions;
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
      }
      img {
        grid-area: art;
        align-self: start;
        width: 56px;
        height: 56px;
        border-radius: 8px;
        object-fit: cover;
        background: var(--ht-border);
      }
      .meta {
        grid-area: meta;
        min-width: 0;
        display: grid;
      }
      .name {
        font-weight: 600;
        overflow-wrap: anywhere;
      }
      progress {
        appearance: none;
        width: 100%;
        height: 6px;
        margin-top: 6px;
        border: none;
        border-radius: 3px;
        background: var(--ht-border);
        color: var(--ht-accent);
      }
      progress::-webkit-progress-bar {
        background: var(--ht-border);
        border-radius: 3px;
      }
      progress::-webkit-progress-value {
        background: var(--ht-accent);
        border-radius: 3px;
      }
      progress::-moz-progress-bar {
        background: var(--ht-accent);
      }
      .state,
      .failure {
        margin: 4px 0 0;
        font-size: 0.875rem;
      }
      .failure {
        color: var(--ht-danger);
      }
      .by a {
        color: inherit;
      }
      .by,
      .state,
      .duration {
        color: var(--ht-muted);
        font-size: 0.875rem;
        overflow-wrap: anywhere;
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
        width="56"
        height="56"
        loading="lazy"
        decoding="async"
        referrerpolicy="no-referrer"
        @error=${showPlaceholder}
      />
      <div class="meta">
        <span class="name" id="name">${track.name}</span>
        <span class="by">${this._renderBy(track)}</span>
        ${
          track.durationMs === null
            ? nothing
            : html`<span class="duration"
                ><span class="visually-hidden">Duration </span>${formatDuration(track.durationMs)}</span
              >`
        }
        ${renderDownloadStatus(this.download)}
      </div>
      <div class="actions">
        ${actionsFor(this.download, this.online).map(
          ({ label, action, secondary }) =>
            html`<button
              type="button"
              class=${secondary ? 'secondary' : ''}
              aria-describedby="name"
              @click=${() => this._request(action)}
            >
              ${label}
            </button>`,
        )}
      </div>
    `;
  }

  /** The artist, the album (a link to its view where the catalog said which), the store's page. */
  private _renderBy(track: Track) {
    const album =
      !this.showAlbum || !track.album
        ? nothing
        : track.albumId
          ? html` — <a href=${albumHref(track.albumId)}>${track.album}</a>`
          : ` — ${track.album}`;
    const store = track.storeUrl
      ? html` ·
          <a href=${track.storeUrl} target="_blank" rel="noopener noreferrer" aria-describedby="name"
            >Apple Music<span class="visually-hidden"> (opens in a new tab)</span></a
          >`
      : nothing;
    return html`${track.artist}${album}${store}`;
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
