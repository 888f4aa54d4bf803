import { LitElement, css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { Task, TaskStatus } from '@lit/task';
import { catalog } from '../catalog/index.ts';
import type { Album, Track } from '../shared/catalog.ts';
import { batchOf } from '../shared/downloads.ts';
import { VIEW_HREF } from '../controllers/route-controller.ts';
import { DownloadController } from '../controllers/download-controller.ts';
import { NetworkController } from '../controllers/network-controller.ts';
import { describeAlbumError, lostNetwork } from './search-messages.ts';
import { alertStyles, controlStyles, songListStyles } from './shared-styles.ts';
import { PLACEHOLDER_ARTWORK, showPlaceholder } from './placeholder-artwork.ts';
import type { PlayRequestDetail } from './play-request.ts';
import './ht-batch-download.ts';
import './ht-track-row.ts';

/**
 * An album of the catalog (`#/album/<id>`): its songs in track order, "Download album" for every song
 * not downloaded yet, and its page in Apple's store. Playing a downloaded song plays on through the
 * album's downloaded songs in order.
 */
export class HtAlbum extends LitElement {
  static override properties = { albumId: { attribute: false } };

  declare albumId: number | null;
  readonly #downloads = new DownloadController(this);
  /** When the network returns, an album that failed for lack of it loads again by itself. */
  readonly #network = new NetworkController(this, {
    due: () => this.#album.status === TaskStatus.ERROR,
    run: async () => {
      await this.#album.run();
      return this.#album.status === TaskStatus.ERROR && lostNetwork(this.#album.error);
    },
  });

  readonly #album = new Task(this, {
    task: ([albumId], { signal }) => (albumId === null ? null : catalog.album(albumId, { signal })),
    args: () => [this.albumId] as const,
  });

  constructor() {
    super();
    this.albumId = null;
  }

  /** Moves focus to the view's heading, for a person who just switched to it. */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  static override styles = [
    controlStyles,
    songListStyles,
    alertStyles,
    css`
      :host {
        display: block;
      }
      .about {
        display: grid;
        grid-template-columns: 96px 1fr;
        gap: 4px 16px;
        align-items: center;
        margin: 12px 0;
      }
      .about img {
        grid-row: span 2;
        width: 96px;
        height: 96px;
        border-radius: var(--ht-radius);
        object-fit: cover;
      }
      h2 {
        margin: 12px 0 0;
        font-size: 1.25rem;
      }
      h2:focus {
        outline: none;
      }
      p {
        margin: 0;
        color: var(--ht-muted);
      }
      a {
        color: var(--ht-accent);
        display: inline-flex;
        align-items: center;
        min-height: 24px;
      }
      ht-batch-download {
        margin: 8px 0 12px;
      }
    `,
  ];

  override render() {
    const album = this.#album.status === TaskStatus.COMPLETE ? this.#album.value : null;
    // One heading throughout, so focus moved to it on arrival stays there when the album loads.
    return html`
      <h2 tabindex="-1">${album?.name ?? 'Album'}</h2>
      ${this.#album.render({
        pending: () => html`<p role="status">Loading the album…</p>`,
        complete: (loaded) => (loaded ? this._renderAlbum(loaded) : nothing),
        error: (error) =>
          html`<div class="alert" role="alert">
            <span>${describeAlbumError(error)}</span>
            <button type="button" class="secondary" @click=${() => void this.#album.run()}>Try again</button>
            <a href=${VIEW_HREF.search}>Back to search</a>
          </div>`,
      })}
    `;
  }

  private _renderAlbum(album: Album) {
    const year = album.releaseDate?.slice(0, 4);
    const songs = album.tracks.length === 1 ? '1 song' : `${album.tracks.length} songs`;
    return html`
      <div class="about">
        <img
          src=${album.artworkUrl ?? PLACEHOLDER_ARTWORK}
          alt=""
          width="96"
          height="96"
          referrerpolicy="no-referrer"
          @error=${showPlaceholder}
        />
        <p>${album.artist}${year ? ` · ${year}` : ''} · ${songs}</p>
        ${
          album.storeUrl
            ? html`<p>
                <a href=${album.storeUrl} target="_blank" rel="noopener noreferrer"
                  >${album.name} in Apple Music<span class="visually-hidden"> (opens in a new tab)</span></a
                >
              </p>`
            : nothing
        }
      </div>
      <ht-batch-download
        label="Download album"
        .tracks=${album.tracks}
        .batch=${batchOf(`album:${album.id}`, album.name)}
      ></ht-batch-download>
      <ul aria-label="Songs of ${album.name}">
        ${repeat(
          album.tracks,
          (track) => track.id,
          (track) =>
            html`<li>
              <ht-track-row
                .track=${track}
                .download=${this.#downloads.get(track.id)}
                .online=${this.#network.online}
                .showAlbum=${false}
                @ht-play-request=${(event: CustomEvent<PlayRequestDetail>) => this._playFrom(event, album.tracks)}
              ></ht-track-row>
            </li>`,
        )}
      </ul>
    `;
  }

  /** Plays on through the album's downloaded songs, in track order. */
  private _playFrom(event: CustomEvent<PlayRequestDetail>, tracks: readonly Track[]): void {
    event.detail.queue = tracks.filter((track) => this.#downloads.get(track.id)?.status === 'completed');
  }
}

customElements.define('ht-album', HtAlbum);

declare global {
  interface HTMLElementTagNameMap {
    'ht-album': HtAlbum;
  }
}
