import { LitElement, css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { DownloadController } from '../controllers/download-controller.ts';
import { StorageController } from '../controllers/storage-controller.ts';
import { VIEW_HREF } from '../controllers/route-controller.ts';
import { formatBytes } from '../shared/downloads.ts';
import type { Track } from '../shared/catalog.ts';
import { filterSongs } from './library-filter.ts';
import type { PlayRequestDetail } from './play-request.ts';
import { controlStyles, songListStyles } from './shared-styles.ts';
import './ht-track-row.ts';

/**
 * The Downloads view: every downloaded song, newest first, with Play and Delete, the downloads still
 * running, how much storage is used and available, whether the browser keeps it, and a filter that
 * works offline. Plays send `ht-play-request` with the shown songs as the queue.
 */
export class HtLibrary extends LitElement {
  static override properties = { _filter: { state: true } };

  declare _filter: string;
  readonly #downloads = new DownloadController(this);
  readonly #storage = new StorageController(this);

  constructor() {
    super();
    this._filter = '';
  }

  static override styles = [
    controlStyles,
    songListStyles,
    css`
      :host {
        display: block;
      }
      h2 {
        font-size: 1.25rem;
        margin: 8px 0;
      }
      h2:focus {
        outline: none;
      }
      h3 {
        font-size: 1rem;
        margin: 16px 0 8px;
      }
      .storage,
      .status {
        color: var(--ht-muted);
        margin: 4px 0;
      }
      a {
        color: var(--ht-accent);
      }
    `,
  ];

  /** Moves focus to the view's heading, for a person who just switched to it. */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  override render() {
    const downloads = this.#downloads.all();
    const finished = downloads.filter((download) => download.status === 'completed');
    const running = downloads.filter((download) => download.status !== 'completed');
    const songs = finished.map((download) => download.track);
    const shown = filterSongs(songs, this._filter);
    const size = finished.reduce((sum, download) => sum + (download.bytesTotal ?? 0), 0);
    return html`
      <h2 id="downloads-heading" tabindex="-1">Downloads</h2>
      ${this._renderStorage()}
      ${
        songs.length > 0
          ? html`<form role="search" @submit=${(event: Event) => event.preventDefault()}>
              <label for="filter">Filter downloads</label>
              <input
                id="filter"
                type="search"
                autocomplete="off"
                placeholder="Song, artist or album"
                .value=${this._filter}
                @input=${(event: Event) => (this._filter = (event.target as HTMLInputElement).value)}
              />
            </form>`
          : nothing
      }
      <p class="status" role="status">${this._summary(songs.length, shown.length, size)}</p>
      ${
        shown.length > 0
          ? html`<ul aria-label="Downloaded songs">
              ${repeat(
                shown,
                (track) => track.id,
                (track) =>
                  html`<li>
                    <ht-track-row
                      .track=${track}
                      .download=${this.#downloads.get(track.id)}
                      @ht-play-request=${(event: CustomEvent<PlayRequestDetail>) => this._playFrom(event, shown)}
                    ></ht-track-row>
                  </li>`,
              )}
            </ul>`
          : nothing
      }
      ${
        running.length > 0
          ? html`<h3>In progress</h3>
              <ul aria-label="Downloads in progress">
                ${repeat(
                  running,
                  (download) => download.trackId,
                  (download) =>
                    html`<li><ht-track-row .track=${download.track} .download=${download}></ht-track-row></li>`,
                )}
              </ul>`
          : nothing
      }
    `;
  }

  private _renderStorage() {
    const { figures, persisted } = this.#storage;
    const used = figures
      ? `Storage: ${formatBytes(figures.usage)} used, ${formatBytes(Math.max(0, figures.quota - figures.usage))} available`
      : null;
    const kept =
      persisted === null
        ? null
        : persisted
          ? 'Persistent storage is on: the browser will not clear your downloads to make room.'
          : 'Persistent storage is off: the browser may clear your downloads if the device runs low on space.';
    // A site cannot tell a private window for sure, so the person is told in every window.
    return html`${used ? html`<p class="storage">${used}</p>` : nothing}
      ${kept ? html`<p class="storage">${kept}</p>` : nothing}
      <p class="storage">In a private window, downloads are forgotten when the window is closed.</p>`;
  }

  private _summary(total: number, shown: number, bytes: number) {
    if (total === 0) {
      return html`No downloads yet. <a href=${VIEW_HREF.search}>Find a song</a> and choose Download.`;
    }
    const all = `${total} ${total === 1 ? 'song' : 'songs'}, ${formatBytes(bytes)}`;
    if (!this._filter.trim()) return all;
    return shown === 0
      ? `No downloaded song matches “${this._filter.trim()}”.`
      : `${shown} of ${all} match “${this._filter.trim()}”.`;
  }

  /** Plays through the songs as shown (filtered, newest first). */
  private _playFrom(event: CustomEvent<PlayRequestDetail>, shown: readonly Track[]): void {
    event.detail.queue = shown;
  }
}

customElements.define('ht-library', HtLibrary);

declare global {
  interface HTMLElementTagNameMap {
    'ht-library': HtLibrary;
  }
}
