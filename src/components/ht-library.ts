import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { DownloadController } from '../controllers/download-controller.ts';
import { StorageController } from '../controllers/storage-controller.ts';
import { VIEW_HREF, albumHref } from '../controllers/route-controller.ts';
import { formatBytes, formatCount, plural, pluralOf } from '../i18n/format.ts';
import type { Track } from '../shared/catalog.ts';
import { currentLocale } from '../i18n/localization.ts';
import { offlineArtworkPath } from '../shared/offline-urls.ts';
import { filterSongs } from './library-filter.ts';
import {
  albumsOf,
  artistsOf,
  keptSongs,
  sortedBy,
  type KeptAlbum,
  type KeptArtist,
  type KeptSong,
  type LibraryOrder,
} from './library-groups.ts';
import type { PlayRequestDetail } from './play-request.ts';
import { controlStyles, songListStyles } from './shared-styles.ts';
import { showPlaceholder } from './placeholder-artwork.ts';
import './ht-track-row.ts';

/** What the library lists: its songs, its albums, or its artists. */
type LibraryShow = 'songs' | 'albums' | 'artists';

/**
 * The Downloads view: every downloaded song with Play and Delete, or the albums and artists they
 * make (each album a link to its view, which works offline), sorted newest first, by name or by
 * artist; the downloads still running, how much storage is used and available, whether the browser
 * keeps it, and a filter that works offline. Plays send `ht-play-request` with the shown songs as
 * the queue.
 */
export class HtLibrary extends LitElement {
  static override properties = { _filter: { state: true }, _show: { state: true }, _order: { state: true } };

  declare _filter: string;
  declare _show: LibraryShow;
  declare _order: LibraryOrder;
  readonly #downloads = new DownloadController(this);
  readonly #storage = new StorageController(this);

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this._filter = '';
    this._show = 'songs';
    this._order = 'recent';
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
      .arrange {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 8px 24px;
        margin: 8px 0;
      }
      fieldset {
        display: flex;
        flex-wrap: wrap;
        gap: 4px 16px;
        border: 0;
        margin: 0;
        padding: 0;
      }
      legend {
        float: inline-start;
        margin-inline-end: 8px;
        min-height: 44px;
        display: inline-flex;
        align-items: center;
      }
      .arrange label {
        display: inline-flex;
        align-items: center;
        gap: 6px;
        min-height: 44px;
      }
      .group {
        display: grid;
        grid-template-columns: 48px 1fr;
        gap: 2px 12px;
        align-items: center;
        padding: 8px 0;
      }
      .group img {
        grid-row: span 2;
        width: 48px;
        height: 48px;
        border-radius: var(--ht-radius);
        object-fit: cover;
      }
      .group a,
      .artist .name {
        font-weight: 600;
        display: inline-flex;
        align-items: center;
        min-height: 24px;
      }
      .group .about {
        color: var(--ht-muted);
      }
      .artist ul {
        margin: 0;
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
    const kept = filterSongs(keptSongs(finished), this._filter);
    const shown = sortedBy(kept, this._order, SONG_KEYS, currentLocale()).map((song) => song.track);
    const size = finished.reduce((sum, download) => sum + (download.bytesTotal ?? 0), 0);
    return html`
      <h2 id="downloads-heading" tabindex="-1">${msg('Downloads', { id: 'library.heading' })}</h2>
      ${this._renderStorage()}
      ${
        songs.length > 0
          ? html`<form role="search" @submit=${(event: Event) => event.preventDefault()}>
                <label for="filter">${msg('Filter downloads', { id: 'library.filter.label' })}</label>
                <input
                  id="filter"
                  type="search"
                  autocomplete="off"
                  placeholder=${msg('Song, artist or album', { id: 'library.filter.placeholder' })}
                  .value=${this._filter}
                  @input=${(event: Event) => (this._filter = (event.target as HTMLInputElement).value)}
                />
              </form>
              ${this._renderArrange()}`
          : nothing
      }
      <p class="status" role="status">${this._summary(songs.length, shown.length, size)}</p>
      ${this._show === 'albums' ? this._renderAlbums(albumsOf(kept)) : nothing}
      ${this._show === 'artists' ? this._renderArtists(artistsOf(albumsOf(kept))) : nothing}
      ${
        shown.length > 0 && this._show === 'songs'
          ? html`<ul aria-label=${msg('Downloaded songs', { id: 'library.downloaded.label' })}>
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
          ? html`<h3>${msg('In progress', { id: 'library.running.heading' })}</h3>
              <ul aria-label=${msg('Downloads in progress', { id: 'library.running.label' })}>
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

  /** Songs, albums or artists, and their order. */
  private _renderArrange() {
    const shows: [LibraryShow, string][] = [
      ['songs', msg('Songs', { id: 'library.show.songs' })],
      ['albums', msg('Albums', { id: 'library.show.albums' })],
      ['artists', msg('Artists', { id: 'library.show.artists' })],
    ];
    const orders: [LibraryOrder, string][] = [
      ['recent', msg('Recently added', { id: 'library.order.recent' })],
      ['name', msg('Name', { id: 'library.order.name' })],
      ['artist', msg('Artist', { id: 'library.order.artist' })],
    ];
    return html`<div class="arrange">
      <fieldset>
        <legend>${msg('Show', { id: 'library.show' })}</legend>
        ${shows.map(
          ([value, label]) =>
            html`<label
              ><input
                type="radio"
                name="show"
                .checked=${this._show === value}
                @change=${() => (this._show = value)}
              />${label}</label
            >`,
        )}
      </fieldset>
      <label
        >${msg('Sort by', { id: 'library.order' })}
        <select @change=${(event: Event) => (this._order = (event.target as HTMLSelectElement).value as LibraryOrder)}>
          ${orders.map(
            ([value, label]) => html`<option value=${value} ?selected=${this._order === value}>${label}</option>`,
          )}
        </select></label
      >
    </div>`;
  }

  private _renderAlbums(albums: readonly KeptAlbum[]) {
    if (albums.length === 0) return nothing;
    const sorted = sortedBy(albums, this._order, GROUP_KEYS, currentLocale());
    return html`<ul aria-label=${msg('Downloaded albums', { id: 'library.albums.label' })}>
      ${sorted.map((album) => html`<li class="group">${this._renderAlbum(album)}</li>`)}
    </ul>`;
  }

  private _renderAlbum(album: KeptAlbum) {
    const name = html`<bdi>${album.name}</bdi>`;
    const kept = formatCount(album.tracks.length);
    return html`<img
        src=${offlineArtworkPath(album.tracks[0]!.id)}
        alt=""
        width="48"
        height="48"
        referrerpolicy="no-referrer"
        @error=${showPlaceholder}
      />
      ${album.id === null ? html`<span class="name">${name}</span>` : html`<a href=${albumHref(album.id)}>${name}</a>`}
      <span class="about"
        ><bdi>${album.artist}</bdi> · ${msg(str`${kept} downloaded`, { id: 'library.album.kept' })}</span
      >`;
  }

  private _renderArtists(artists: readonly KeptArtist[]) {
    if (artists.length === 0) return nothing;
    const sorted = sortedBy(artists, this._order, ARTIST_KEYS, currentLocale());
    return html`<ul aria-label=${msg('Artists', { id: 'library.show.artists' })}>
      ${sorted.map((artist) => {
        const albums = formatCount(artist.albums.length);
        const songs = formatCount(artist.songs);
        return html`<li class="artist">
          <span class="name"><bdi>${artist.name}</bdi></span>
          <span class="about">${msg(str`Albums: ${albums} · Songs: ${songs}`, { id: 'library.artist.about' })}</span>
          <ul aria-label=${msg(str`Albums by ${artist.name}`, { id: 'library.artist.albums' })}>
            ${sortedBy(artist.albums, this._order, GROUP_KEYS, currentLocale()).map(
              (album) => html`<li class="group">${this._renderAlbum(album)}</li>`,
            )}
          </ul>
        </li>`;
      })}
    </ul>`;
  }

  private _renderStorage() {
    const { figures, persisted } = this.#storage;
    const used = figures
      ? msg(
          str`Storage: ${formatBytes(figures.usage)} used, ${formatBytes(Math.max(0, figures.quota - figures.usage))} available`,
          { id: 'library.storage' },
        )
      : null;
    const kept =
      persisted === null
        ? null
        : persisted
          ? msg('Persistent storage is on: the browser will not clear your downloads to make room.', {
              id: 'library.persistent.on',
            })
          : msg('Persistent storage is off: the browser may clear your downloads if the device runs low on space.', {
              id: 'library.persistent.off',
            });
    // A site cannot tell a private window for sure, so the person is told in every window.
    const privately = msg('In a private window, downloads are forgotten when the window is closed.', {
      id: 'library.private',
    });
    return html`${used ? html`<p class="storage">${used}</p>` : nothing}
      ${kept ? html`<p class="storage">${kept}</p>` : nothing}
      <p class="storage">${privately}</p>`;
  }

  /** What the list holds: how many songs and their size, how many the filter shows, or where to start. */
  private _summary(total: number, shown: number, bytes: number) {
    if (total === 0) {
      // The link's words are a message of their own, the sentence's value (a message holds no markup around words).
      const find = html`<a href=${VIEW_HREF.search}>${msg('Find a song', { id: 'library.empty.find' })}</a>`;
      return msg(html`No downloads yet. ${find} and choose Download.`, { id: 'library.empty' });
    }
    const count = formatCount(total);
    const size = formatBytes(bytes);
    const query = this._filter.trim();
    if (!query) {
      return plural(total, {
        zero: () => msg(str`${count} songs, ${size}`, { id: 'library.summary.zero' }),
        one: () => msg(str`${count} song, ${size}`, { id: 'library.summary.one' }),
        two: () => msg(str`${count} songs, ${size}`, { id: 'library.summary.two' }),
        few: () => msg(str`${count} songs, ${size}`, { id: 'library.summary.few' }),
        many: () => msg(str`${count} songs, ${size}`, { id: 'library.summary.many' }),
        other: () => msg(str`${count} songs, ${size}`, { id: 'library.summary.other' }),
      });
    }
    // The filter's words as the person typed them, set apart from ours.
    if (shown === 0) return msg(html`No downloaded song matches “<bdi>${query}</bdi>”.`, { id: 'library.no-match' });
    const matching = formatCount(shown);
    // As \`plural\` does, for sentences that hold markup (the filter's words in <bdi>).
    const matches: Record<Intl.LDMLPluralRule, () => TemplateResult> = {
      zero: () =>
        msg(html`${matching} of ${count} songs, ${size} match “<bdi>${query}</bdi>”.`, { id: 'library.matches.zero' }),
      one: () =>
        msg(html`${matching} of ${count} song, ${size} match “<bdi>${query}</bdi>”.`, { id: 'library.matches.one' }),
      two: () =>
        msg(html`${matching} of ${count} songs, ${size} match “<bdi>${query}</bdi>”.`, { id: 'library.matches.two' }),
      few: () =>
        msg(html`${matching} of ${count} songs, ${size} match “<bdi>${query}</bdi>”.`, { id: 'library.matches.few' }),
      many: () =>
        msg(html`${matching} of ${count} songs, ${size} match “<bdi>${query}</bdi>”.`, { id: 'library.matches.many' }),
      other: () =>
        msg(html`${matching} of ${count} songs, ${size} match “<bdi>${query}</bdi>”.`, {
          id: 'library.matches.other',
        }),
    };
    return matches[pluralOf(total)]();
  }

  /** Plays through the songs as shown (filtered, newest first). */
  private _playFrom(event: CustomEvent<PlayRequestDetail>, shown: readonly Track[]): void {
    event.detail.queue = shown;
  }
}

/** What "Name" and "Artist" sort by, for songs, albums and artists. */
const SONG_KEYS = { name: (song: KeptSong) => song.track.name, artist: (song: KeptSong) => song.track.artist };
const GROUP_KEYS = { name: (album: KeptAlbum) => album.name, artist: (album: KeptAlbum) => album.artist };
const ARTIST_KEYS = { name: (artist: KeptArtist) => artist.name, artist: (artist: KeptArtist) => artist.name };

customElements.define('ht-library', HtLibrary);

declare global {
  interface HTMLElementTagNameMap {
    'ht-library': HtLibrary;
  }
}
