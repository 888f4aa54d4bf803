import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { DownloadController } from '../controllers/download-controller.ts';
import { RouteController, VIEW_HREF, type View } from '../controllers/route-controller.ts';
import type { DownloadAction } from '../bridge/download.ts';
import type { Track } from '../shared/catalog.ts';
import { loadedPlayer, whenPlayerLoaded, withPlayer } from '../player/player-loader.ts';
import type { Player } from '../player/player.ts';
import { markLibrarySeen } from '../bridge/app-badge.ts';
import type { PlayRequestDetail, QueueRequestDetail } from './play-request.ts';
import { controlStyles, alertStyles } from './shared-styles.ts';
import { formatCount, plural } from '../i18n/format.ts';
import type { HtAlbum } from './ht-album.ts';
import type { HtLibrary } from './ht-library.ts';
import type { HtSearch } from './ht-search.ts';
import type { HtSettings } from './ht-settings.ts';
import type { HtSong } from './ht-song.ts';
import './ht-install-button.ts';
import './ht-search.ts';
import { loadPlayerBar, loadView } from './views.ts';
import { dismissSharedLinkRefusal, sharedLinkRefused } from '../share/share-refusal.ts';
import './ht-update-toast.ts';

/** The app shell: header and views, the player bar, and the service worker's news. */
export class HtApp extends LitElement {
  readonly #downloads = new DownloadController(this);
  readonly #route = new RouteController(this, (view) => void this._focusView(view));

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    // "Free up space": the Downloads view, where songs can be deleted (focus moves there too).
    this.addEventListener('ht-show-downloads', () => {
      if (this.#route.view === 'downloads') void this._focusView('downloads');
      else location.hash = VIEW_HREF.downloads;
    });
    this.addEventListener('ht-download-action', (event) => {
      const { action, track } = (event as CustomEvent<{ action: DownloadAction; track: Track }>).detail;
      this.#downloads.act(action, track);
      if (action === 'delete') void this._focusUndo();
    });
    // An album deleted together: keyboard users land on its Undo.
    this.addEventListener('ht-deleted', () => void this._focusUndo());
    this.addEventListener('ht-queue-request', (event) => {
      const { tracks, where, name } = (event as CustomEvent<QueueRequestDetail>).detail;
      const items = tracks.map((track) => ({ track, offline: this.#downloads.get(track.id)?.status === 'completed' }));
      if (items.length === 0) return;
      withPlayer((player) => (where === 'next' ? player.playNext(items) : player.addToQueue(items)));
      this.#queueNews =
        where === 'next'
          ? msg(html`“<bdi>${name}</bdi>” plays next.`, { id: 'app.queue.next' })
          : msg(html`“<bdi>${name}</bdi>” added to Up Next.`, { id: 'app.queue.end' });
      this.requestUpdate();
    });
    this.addEventListener('ht-play-request', (event) => {
      const { track, stream, queue } = (event as CustomEvent<PlayRequestDetail>).detail;
      if (stream) {
        withPlayer((player) => player.play({ track, offline: false }));
        return;
      }
      const songs = (queue ?? this.#downloads.library()).map((song) => ({ track: song, offline: true }));
      withPlayer((player) => player.play({ track, offline: true }, songs));
    });
  }

  static override styles = [
    controlStyles,
    alertStyles,
    css`
      :host {
        display: block;
        max-width: 760px;
        margin: 0 auto;
        padding: 12px 16px 160px;
      }
      header {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: 8px 12px;
        flex-wrap: wrap;
        margin-bottom: 8px;
      }
      h1 {
        font-size: 1.5rem;
        margin: 8px 0;
        color: var(--ht-accent);
      }
      nav {
        display: flex;
        gap: 4px;
      }
      nav a {
        display: inline-flex;
        align-items: center;
        min-height: 44px;
        padding: 0 14px;
        border-radius: 999px;
        color: var(--ht-accent);
        font-weight: 600;
        text-decoration: none;
      }
      nav a[aria-current='page'] {
        background: var(--ht-accent);
        color: var(--ht-accent-text);
      }
      .notice {
        margin: 0;
        min-height: 1.4em;
        color: var(--ht-muted);
      }
      /* Only a phone on a mobile network ever says this: no line kept for it otherwise. */
      .notice.wifi:empty,
      .notice.queued:empty {
        min-height: 0;
      }
      .undo {
        position: fixed;
        inset: auto 12px 188px 12px;
        z-index: 3;
        display: grid;
        justify-items: center;
        gap: 8px;
        pointer-events: none;
      }
      .undo p {
        pointer-events: auto;
        display: flex;
        gap: 12px;
        align-items: center;
        margin: 0;
        padding-block: 8px;
        padding-inline: 16px 8px;
        border-radius: var(--ht-radius);
        background: var(--ht-text);
        color: var(--ht-bg);
      }
      .undo button {
        background: var(--ht-bg);
        color: var(--ht-text);
        border-color: var(--ht-bg);
      }
    `,
  ];

  /** What the last "Play next" or "Add to queue" did, said once. */
  #queueNews: TemplateResult | string = '';

  /** How many songs were finished when the library was last marked seen (-1: not yet). */
  #seenFinished = -1;

  /** The library in view: its songs are seen, and the badge goes (again when more finish meanwhile). */
  #markLibrarySeen(): void {
    if (this.#route.view !== 'downloads' || document.visibilityState !== 'visible') {
      this.#seenFinished = -1;
      return;
    }
    const finished = this.#downloads.library().length;
    if (finished === this.#seenFinished) return;
    this.#seenFinished = finished;
    void markLibrarySeen(navigator).catch(() => undefined);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.#onVisibility);
    whenPlayerLoaded(this.#playerLoaded);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.#onVisibility);
    loadedPlayer()?.removeEventListener('change', this.#onPlayer);
  }

  readonly #playerLoaded = (player: Player): void => {
    if (!this.isConnected) return;
    player.addEventListener('change', this.#onPlayer);
    this.#onPlayer();
    // Songs deleted meanwhile leave the order it restored (`updated`).
    this.requestUpdate();
  };

  /** The player bar's code comes with the first song played (or one a reload kept). */
  readonly #onPlayer = (): void => {
    const player = loadedPlayer();
    if (!player?.current) return;
    player.removeEventListener('change', this.#onPlayer);
    void loadPlayerBar();
  };

  protected override willUpdate(): void {
    if (this.#route.view !== 'search') void loadView(this.#route.view);
  }

  readonly #onVisibility = (): void => {
    this.#seenFinished = -1;
    this.#markLibrarySeen();
  };

  protected override updated(): void {
    // The window's title in the app's language (the page's own <title> says it in English until now).
    const title = msg('Half Tunes', { id: 'app.title' });
    if (document.title !== title) document.title = title;
    this.#markLibrarySeen();
    // Songs deleted for good leave the player's queue; the one playing stops (its file is gone).
    // Songs whose deletion can still be undone are skipped by Next and Previous, but the one playing plays on.
    // Until the worker lists the downloads, a song kept in Up Next across a reload is not yet known: not gone.
    const player = loadedPlayer();
    if (!this.#downloads.listed || !player) return;
    const deleting = new Set(this.#downloads.deleting.map((track) => track.id));
    const playing = player.current?.track.id;
    player.forget(
      ({ track, offline }) =>
        offline && (deleting.has(track.id) ? track.id !== playing : !this.#downloads.get(track.id)),
    );
  }

  override render() {
    const view = this.#route.view;
    const link = (target: keyof typeof VIEW_HREF, label: string) =>
      html`<a href=${VIEW_HREF[target]} aria-current=${view === target ? 'page' : 'false'}>${label}</a>`;
    const reload = msg('Reload', { id: 'app.reload' });
    return html`
      <header>
        <h1>${msg('Half Tunes', { id: 'app.name' })}</h1>
        <nav aria-label=${msg('Views', { id: 'app.nav.label' })}>
          ${link('search', msg('Search', { id: 'app.nav.search' }))}
          ${link('downloads', msg('Downloads', { id: 'app.nav.downloads' }))}
          ${link('settings', msg('Settings', { id: 'app.nav.settings' }))}
        </nav>
        <ht-install-button></ht-install-button>
      </header>
      <main>
        ${
          this.#downloads.upgradeBlocked
            ? html`<div class="alert" role="alert">
                <span>
                  ${msg(
                    'Half Tunes is updating its storage and waits for another Half Tunes tab or window still on the old version. Close or reload the other Half Tunes tabs; your downloads are safe.',
                    { id: 'app.upgrade-blocked' },
                  )}
                </span>
                <button type="button" class="secondary" @click=${() => location.reload()}>${reload}</button>
              </div>`
            : nothing
        }
        ${
          this.#downloads.refused
            ? html`<div class="alert" role="alert">
                <span>
                  ${msg('Half Tunes could not do what this page asked. Reload the page, then try again.', {
                    id: 'app.refused',
                  })}
                </span>
                <button type="button" @click=${() => location.reload()}>${reload}</button>
                <button type="button" class="secondary" @click=${() => this.#downloads.dismissRefusal()}>
                  ${msg('Dismiss', { id: 'app.refused.dismiss' })}
                </button>
              </div>`
            : nothing
        }
        ${
          sharedLinkRefused()
            ? html`<div class="alert" role="alert">
                <span>
                  ${msg('Half Tunes opens links to songs and albums of Apple Music. What was shared is neither.', {
                    id: 'share.refused',
                  })}
                </span>
                <button
                  type="button"
                  class="secondary"
                  @click=${() => {
                    dismissSharedLinkRefusal();
                    this.requestUpdate();
                  }}
                >
                  ${msg('Dismiss', { id: 'app.refused.dismiss' })}
                </button>
              </div>`
            : nothing
        }
        <p class="notice" role="status">${this.#downloads.finishedNews}</p>
        <p class="notice queued" role="status">${this.#queueNews}</p>
        <p class="notice wifi" role="status">${this._renderWifiWait()}</p>
        <div ?hidden=${view !== 'search'}><ht-search></ht-search></div>
        <div ?hidden=${view !== 'downloads'}><ht-library></ht-library></div>
        ${view === 'album' ? html`<ht-album .albumId=${this.#route.albumId} .markedTrackId=${this.#route.trackId} .store=${this.#route.store}></ht-album>` : nothing}
        ${view === 'song' ? html`<ht-song .trackId=${this.#route.trackId} .store=${this.#route.store}></ht-song>` : nothing}
        ${view === 'settings' ? html`<ht-settings></ht-settings>` : nothing}
      </main>
      <div
        class="undo"
        role="status"
        @focusin=${() => this.#downloads.holdDeletes(true)}
        @focusout=${() => this.#downloads.holdDeletes(false)}
        @pointerenter=${() => this.#downloads.holdDeletes(true)}
        @pointerleave=${() => this.#downloads.holdDeletes(false)}
      >
        ${this.#downloads.deletions.map(({ key, name }) => {
          const deleted = msg(html`“<bdi>${name}</bdi>” deleted.`, { id: 'app.undo.deleted' });
          const id = `deleted-${key.replace(':', '-')}`;
          return html`<p>
            <span id=${id}>${deleted}</span>
            <button type="button" aria-describedby=${id} @click=${() => this._undo(key)}>
              ${msg('Undo', { id: 'app.undo' })}
            </button>
          </p>`;
        })}
      </div>
      <ht-player></ht-player>
      <ht-update-toast></ht-update-toast>
    `;
  }

  /** Why downloads do not start, and the way to change it. */
  private _renderWifiWait() {
    if (!this.#downloads.waitingForWifi) return nothing;
    const waiting = this.#downloads.all().filter((download) => download.status === 'queued').length;
    if (waiting === 0) return nothing;
    const n = formatCount(waiting);
    const words = plural(waiting, {
      zero: () =>
        msg(str`${n} downloads wait for Wi-Fi and start by themselves when you are on Wi-Fi again.`, {
          id: 'app.wifi-wait.zero',
        }),
      one: () =>
        msg(str`${n} download waits for Wi-Fi and starts by itself when you are on Wi-Fi again.`, {
          id: 'app.wifi-wait.one',
        }),
      two: () =>
        msg(str`${n} downloads wait for Wi-Fi and start by themselves when you are on Wi-Fi again.`, {
          id: 'app.wifi-wait.two',
        }),
      few: () =>
        msg(str`${n} downloads wait for Wi-Fi and start by themselves when you are on Wi-Fi again.`, {
          id: 'app.wifi-wait.few',
        }),
      many: () =>
        msg(str`${n} downloads wait for Wi-Fi and start by themselves when you are on Wi-Fi again.`, {
          id: 'app.wifi-wait.many',
        }),
      other: () =>
        msg(str`${n} downloads wait for Wi-Fi and start by themselves when you are on Wi-Fi again.`, {
          id: 'app.wifi-wait.other',
        }),
    });
    const change = msg('Change this in Settings', { id: 'app.wifi-wait.settings' });
    return html`${words} <a href=${VIEW_HREF.settings}>${change}</a>`;
  }

  private _undo(key: string): void {
    this.#downloads.undoDeletion(key);
    // The Undo button is gone: focus returns to the start of the view.
    void this._focusView(this.#route.view);
  }

  /** Keyboard users land on the Undo they may want, not on the page's start (the row is gone). */
  private async _focusUndo(): Promise<void> {
    await this.updateComplete;
    [...this.renderRoot.querySelectorAll<HTMLButtonElement>('.undo button')].at(-1)?.focus();
  }

  /** After switching views, focus goes to the new view's start. */
  private async _focusView(view: View): Promise<void> {
    await this.updateComplete;
    await loadView(view);
    const shown = async <T extends LitElement>(tag: string): Promise<T | null> => {
      const element = this.renderRoot.querySelector<T>(tag);
      await element?.updateComplete;
      return element;
    };
    if (view === 'downloads') (await shown<HtLibrary>('ht-library'))?.focusHeading();
    else if (view === 'album') (await shown<HtAlbum>('ht-album'))?.focusHeading();
    else if (view === 'song') (await shown<HtSong>('ht-song'))?.focusHeading();
    else if (view === 'settings') (await shown<HtSettings>('ht-settings'))?.focusHeading();
    else (await shown<HtSearch>('ht-search'))?.focusField();
  }
}

customElements.define('ht-app', HtApp);

declare global {
  interface HTMLElementTagNameMap {
    'ht-app': HtApp;
  }
}
