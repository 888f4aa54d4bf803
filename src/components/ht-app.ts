import { LitElement, css, html } from 'lit';
import type { Track } from '../shared/catalog.ts';
import './ht-install-button.ts';
import './ht-search.ts';
import './ht-update-toast.ts';

/** The app shell: header, search and the service worker's news. */
export class HtApp extends LitElement {
  static override properties = { _notice: { state: true } };

  declare _notice: string;

  constructor() {
    super();
    this._notice = '';
    this.addEventListener('ht-download-request', (event) => {
      const { track } = (event as CustomEvent<{ track: Track }>).detail;
      this._notice = `Downloading “${track.name}” arrives in the next version of Half Tunes.`;
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
  `;

  override render() {
    return html`
      <header>
        <h1>Half Tunes</h1>
        <ht-install-button></ht-install-button>
      </header>
      <main>
        <p class="notice" role="status">${this._notice}</p>
        <ht-search></ht-search>
      </main>
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
