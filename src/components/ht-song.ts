import { LitElement, css, html, nothing } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { catalog } from '../catalog/index.ts';
import type { Track } from '../shared/catalog.ts';
import { albumHref } from '../controllers/route-controller.ts';
import { DownloadController } from '../controllers/download-controller.ts';
import { NetworkController } from '../controllers/network-controller.ts';
import { describeSongError, lostNetwork } from './search-messages.ts';
import { alertStyles, controlStyles, songListStyles } from './shared-styles.ts';
import './ht-track-row.ts';
import './ht-share-button.ts';
import { failureAlert } from './failure-alert.ts';

/**
 * One song by its id (`#/song/<id>`: a deep link, a share): from storage when it is downloaded, so
 * it opens and plays offline, else from the catalog; with its album one link away.
 */
export class HtSong extends LitElement {
  static override properties = { trackId: { attribute: false }, store: { attribute: false } };

  declare trackId: number | null;
  /** Another store than the person's, where a shared link came from (`Route.store`). */
  declare store: string | null;
  readonly #downloads = new DownloadController(this);
  readonly #network = new NetworkController(this, {
    due: () => this.#song.status === TaskStatus.ERROR,
    run: async () => {
      await this.#song.run();
      return this.#song.status === TaskStatus.ERROR && lostNetwork(this.#song.error);
    },
  });

  /** The catalog is asked only for a song not kept: a downloaded one is its own answer. */
  readonly #song = new Task(this, {
    // Whether it is kept, not the record itself: each download broadcast is a new object.
    task: ([trackId, , store], { signal }) =>
      trackId === null ? null : (this.#kept() ?? catalog.song(trackId, { signal, store })),
    args: () => [this.trackId, this.#kept() !== null, this.store] as const,
  });
  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.trackId = null;
    this.store = null;
  }

  /** The song as stored with its download, if it has one. */
  #kept(): Track | null {
    return this.trackId === null ? null : (this.#downloads.get(this.trackId)?.track ?? null);
  }

  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  static override styles = [
    controlStyles,
    alertStyles,
    songListStyles,
    css`
      :host {
        display: block;
      }
      h2:focus {
        outline: none;
      }
      .album {
        display: inline-flex;
        align-items: center;
        min-height: 44px;
      }
    `,
  ];

  override render() {
    const song = this.#song.status === TaskStatus.COMPLETE ? this.#song.value : null;
    return html`
      <h2 tabindex="-1">${song ? html`<bdi>${song.name}</bdi>` : msg('Song', { id: 'song.heading' })}</h2>
      ${this.#song.render({
        pending: () => html`<p role="status">${msg('Loading the song…', { id: 'song.loading' })}</p>`,
        complete: (loaded) => (loaded ? this._renderSong(loaded) : nothing),
        error: (error) => failureAlert(describeSongError(error), () => void this.#song.run(), true),
      })}
    `;
  }

  private _renderSong(track: Track) {
    return html`
      <ul aria-label=${msg('Song', { id: 'song.heading' })}>
        <li>
          <ht-track-row
            .track=${track}
            .download=${this.#downloads.get(track.id)}
            .online=${this.#network.online}
          ></ht-track-row>
        </li>
      </ul>
      <ht-share-button .item=${track}></ht-share-button>
      ${
        track.albumId === null || track.albumId === undefined
          ? nothing
          : html`<a class="album" href=${albumHref(track.albumId)}>${msg('Open the album', { id: 'song.album' })}</a>`
      }
    `;
  }
}

customElements.define('ht-song', HtSong);

declare global {
  interface HTMLElementTagNameMap {
    'ht-song': HtSong;
  }
}
