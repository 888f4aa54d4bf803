import { LitElement, css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { Task, TaskStatus } from '@lit/task';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { catalog } from '../catalog/index.ts';
import type { Album, Track } from '../shared/catalog.ts';
import { batchOf } from '../shared/downloads.ts';
import { DownloadController } from '../controllers/download-controller.ts';
import { NetworkController } from '../controllers/network-controller.ts';
import { formatCount, formatYear, plural } from '../i18n/format.ts';
import { describeAlbumError, lostNetwork } from './search-messages.ts';
import { alertStyles, controlStyles, songListStyles } from './shared-styles.ts';
import { PLACEHOLDER_ARTWORK, showPlaceholder } from './placeholder-artwork.ts';
import { keptSongs, storedAlbum } from './library-groups.ts';
import type { PlayRequestDetail, QueueRequestDetail } from './play-request.ts';
import './ht-batch-download.ts';
import './ht-track-row.ts';
import './ht-share-button.ts';
import { failureAlert } from './failure-alert.ts';

/**
 * An album of the catalog (`#/album/<id>`): its songs in track order, "Download album" for every song
 * not downloaded yet, and its page in Apple's store. Playing a downloaded song plays on through the
 * album's downloaded songs in order.
 */
export class HtAlbum extends LitElement {
  static override properties = {
    albumId: { attribute: false },
    markedTrackId: { attribute: false },
    store: { attribute: false },
  };

  declare albumId: number | null;
  /** The song a link or a share pointed at (`#/album/<id>/song/<trackId>`), marked among the others. */
  declare markedTrackId: number | null;
  /** Another store than the person's, where a shared link came from (`Route.store`). */
  declare store: string | null;
  readonly #downloads = new DownloadController(this);
  /** When the network returns, an album that failed for lack of it loads again by itself. */
  readonly #network: NetworkController = new NetworkController(this, {
    due: () => this.#album.status === TaskStatus.ERROR,
    run: async () => {
      await this.#album.run();
      return this.#album.status === TaskStatus.ERROR && lostNetwork(this.#album.error);
    },
  });

  /**
   * From the catalog; where it cannot be reached (offline, a host that is gone), from the album's
   * downloaded songs (`storedAlbum`), once the worker has listed them.
   */
  readonly #album: Task<readonly [number | null, string | null], Album | null> = new Task(this, {
    task: async ([albumId, store], { signal }): Promise<Album | null> => {
      if (albumId === null) return null;
      try {
        return await catalog.album(albumId, { signal, store });
      } catch (error) {
        if (!lostNetwork(error)) throw error;
        await this.#downloads.whenListed();
        const kept = storedAlbum(albumId, keptSongs(this.#downloads.all()));
        if (kept) return kept;
        throw error;
      }
    },
    args: (): readonly [number | null, string | null] => [this.albumId, this.store],
  });

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.albumId = null;
    this.markedTrackId = null;
    this.store = null;
  }

  /** Moves focus to the view's heading, for a person who just switched to it. */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  /** The marked song last brought into sight: once, so the person scrolls freely after. */
  #shownMark: number | null = null;

  protected override updated(): void {
    const marked = this.renderRoot.querySelector('li.marked');
    if (!marked || this.#shownMark === this.markedTrackId) return;
    this.#shownMark = this.markedTrackId;
    marked.scrollIntoView({ block: 'nearest' });
  }

  static override styles = [
    controlStyles,
    songListStyles,
    alertStyles,
    css`
      :host {
        display: block;
      }
      .queue {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
        margin-block: 8px;
      }
      li.marked {
        border-inline-start: 4px solid var(--ht-accent);
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
      <h2 tabindex="-1">${album ? html`<bdi>${album.name}</bdi>` : msg('Album', { id: 'album.heading' })}</h2>
      ${this.#album.render({
        pending: () => html`<p role="status">${msg('Loading the album…', { id: 'album.loading' })}</p>`,
        complete: (loaded) => (loaded ? this._renderAlbum(loaded) : nothing),
        error: (error) => failureAlert(describeAlbumError(error), () => void this.#album.run(), true),
      })}
    `;
  }

  private _renderAlbum(album: Album) {
    const year = formatYear(album.releaseDate);
    const kept = this.#kept(album.tracks).length;
    const count = album.tracks.length;
    const n = formatCount(count);
    const songs = plural(count, {
      zero: () => msg(str`${n} songs`, { id: 'album.songs.zero' }),
      one: () => msg(str`${n} song`, { id: 'album.songs.one' }),
      two: () => msg(str`${n} songs`, { id: 'album.songs.two' }),
      few: () => msg(str`${n} songs`, { id: 'album.songs.few' }),
      many: () => msg(str`${n} songs`, { id: 'album.songs.many' }),
      other: () => msg(str`${n} songs`, { id: 'album.songs.other' }),
    });
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
        <p><bdi>${album.artist}</bdi>${year ? ` · ${year}` : ''} · ${songs}${this._renderKept(kept, album)}</p>
        ${album.storeUrl ? html`<p>${this._renderStoreLink(album.storeUrl, album.name)}</p>` : nothing}
        <ht-share-button .item=${album}></ht-share-button>
      </div>
      <ht-batch-download
        .label=${
          kept === 0
            ? msg('Download album', { id: 'album.download' })
            : msg('Download the rest', { id: 'album.download-rest' })
        }
        .tracks=${album.tracks}
        .batch=${batchOf(`album:${album.id}`, album.name)}
      ></ht-batch-download>
      <div class="queue">
        ${
          kept > 0
            ? html`<button type="button" @click=${() => this._play(album)}>
                  ${msg('Play album', { id: 'album.play' })}
                </button>
                <button type="button" class="secondary" @click=${() => this._delete(album)}>
                  ${msg('Delete album', { id: 'album.delete' })}
                </button>`
            : nothing
        }
        <button type="button" class="secondary" @click=${() => this._queue(album, 'next')}>
          ${msg('Play album next', { id: 'album.play-next' })}
        </button>
        <button type="button" class="secondary" @click=${() => this._queue(album, 'end')}>
          ${msg('Add album to queue', { id: 'album.add-to-queue' })}
        </button>
      </div>
      <ul aria-label=${msg(str`Songs of ${album.name}`, { id: 'album.songs.label' })}>
        ${repeat(
          album.tracks,
          (track) => track.id,
          (track) =>
            html`<li
              class=${track.id === this.markedTrackId ? 'marked' : ''}
              aria-current=${track.id === this.markedTrackId ? 'true' : nothing}
            >
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

  /** The album's page in Apple's store: "<name> in Apple Music", the name as the catalog wrote it. */
  private _renderStoreLink(href: string, name: string) {
    const named = msg(html`<bdi>${name}</bdi> in Apple Music`, { id: 'album.store' });
    const newTab = msg('(opens in a new tab)', { id: 'album.store.new-tab' });
    return html`<a href=${href} target="_blank" rel="noopener noreferrer"
      >${named}<span class="visually-hidden"> ${newTab}</span></a
    >`;
  }

  /** The album's songs in track order to Up Next: downloaded ones from storage, the others streamed. */
  private _queue(album: Album, where: QueueRequestDetail['where']): void {
    // Offline, only what is stored can play.
    const tracks = this.#network.online ? album.tracks : this.#kept(album.tracks);
    const detail: QueueRequestDetail = { tracks, where, name: album.name };
    this.dispatchEvent(new CustomEvent('ht-queue-request', { detail, bubbles: true, composed: true }));
  }

  /** The downloaded songs among `tracks`, in their order. */
  #kept(tracks: readonly Track[]): Track[] {
    return tracks.filter((track) => this.#downloads.get(track.id)?.status === 'completed');
  }

  /** " · 3 of 6 downloaded", or nothing where none is. */
  private _renderKept(kept: number, album: Album) {
    if (kept === 0) return nothing;
    const of = formatCount(kept);
    const all = formatCount(album.tracks.length);
    return ` · ${msg(str`${of} of ${all} downloaded`, { id: 'album.kept' })}`;
  }

  /** Plays the album's downloaded songs from the first, in track order (offline too). */
  private _play(album: Album): void {
    const kept = this.#kept(album.tracks);
    const [first] = kept;
    if (!first) return;
    const detail: PlayRequestDetail = { track: first, stream: false, queue: kept };
    this.dispatchEvent(new CustomEvent('ht-play-request', { detail, bubbles: true, composed: true }));
  }

  /** Deletes the album's downloaded songs, with one Undo for them all (the app moves focus to it). */
  private _delete(album: Album): void {
    this.#downloads.deleteTogether(this.#kept(album.tracks), { key: `album:${album.id}`, name: album.name });
    this.dispatchEvent(new CustomEvent('ht-deleted', { bubbles: true, composed: true }));
  }

  /** Plays on through the album's downloaded songs, in track order. */
  private _playFrom(event: CustomEvent<PlayRequestDetail>, tracks: readonly Track[]): void {
    event.detail.queue = this.#kept(tracks);
  }
}

customElements.define('ht-album', HtAlbum);

declare global {
  interface HTMLElementTagNameMap {
    'ht-album': HtAlbum;
  }
}
