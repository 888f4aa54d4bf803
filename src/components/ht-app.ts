import { LitElement, css, html, nothing } from 'lit';
import { DownloadController } from '../controllers/download-controller.ts';
import { chooseRangeEngine, rangeEngineChosen } from '../bridge/engine-setting.ts';
import type { Track } from '../shared/catalog.ts';
import './ht-install-button.ts';
import './ht-search.ts';
import './ht-update-toast.ts';

/** The app shell: header, search and the service worker's news. */
export class HtApp extends LitElement {
  static override properties = { _playing: { state: true } };

  /** The downloaded song playing, if any (the full player comes with the library). */
  declare _playing: Track | null;
  readonly #downloads = new DownloadController(this);

  constructor() {
    super();
    this._playing = null;
    this.addEventListener('ht-play-request', (event) => {
      this._playing = (event as CustomEvent<{ track: Track }>).detail.track;
    });
  }

  static override styles = css`
    :host {
      display: block;
      max-width: 760px;
      margin: 0 auto;
      padding: 12px 16px 96px;
    }
    header {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 12px;
      flex-wrap: wrap;
      margin-bottom: 8px;
    }
    h1 {
      font-size: 1.5rem;
      margin: 8px 0;
      color: var(--ht-accent);
    }
    .notice {
      margin: 0;
      min-height: 1.4em;
      color: var(--ht-muted);
    }
    .now-playing {
      position: sticky;
      top: 0;
      z-index: 1;
      display: grid;
      gap: 4px;
      padding: 8px 0;
      background: var(--ht-bg);
    }
    audio {
      width: 100%;
    }
    footer {
      margin-top: 24px;
      color: var(--ht-muted);
      font-size: 0.875rem;
    }
    footer label {
      display: inline-flex;
      gap: 8px;
      align-items: center;
      min-height: 44px;
    }
    footer input {
      width: 20px;
      height: 20px;
    }
  `;

  override render() {
    return html`
      <header>
        <h1>Half Tunes</h1>
        <ht-install-button></ht-install-button>
      </header>
      <main>
        <p class="notice" role="status">${this.#downloads.finishedNews}</p>
        ${
          this._playing
            ? html`<section class="now-playing" aria-label="Now playing">
                <span>${this._playing.name} — ${this._playing.artist}</span>
                <audio controls autoplay src="/offline-audio/${this._playing.id}" aria-label="Player"></audio>
              </section>`
            : nothing
        }
        <ht-search></ht-search>
      </main>
      <footer>
        <label>
          <input
            type="checkbox"
            .checked=${rangeEngineChosen()}
            @change=${(event: Event) => chooseRangeEngine((event.target as HTMLInputElement).checked)}
          />
          Download with plain Range requests instead of Background Fetch
        </label>
      </footer>
      <ht-update-toast></ht-update-toast>
    `;
  }
}

customElements.define('ht-app', HtApp);

declare global {
  interface HTMLElementTagNameMap {
    'ht-app': HtApp;
  }
}
