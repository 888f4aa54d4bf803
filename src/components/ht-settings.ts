import { LitElement, css, html, nothing } from 'lit';
import { DownloadController } from '../controllers/download-controller.ts';
import { StorageController } from '../controllers/storage-controller.ts';
import { backgroundDownloadsSetting, chooseBackgroundDownloads } from '../settings/background-downloads.ts';
import { connectionTypeKnown } from '../bridge/conditions.ts';
import { chooseWifiOnly, wifiOnlyChosen } from '../settings/wifi-only.ts';
import {
  STORE_COUNTRIES,
  browserLanguages,
  storeFromLanguages,
  chooseCountry,
  chosenCountry,
  storeCountry,
} from '../catalog/store-country.ts';
import { formatBytes } from '../shared/downloads.ts';
import { controlStyles } from './shared-styles.ts';

/**
 * Country names in the person's language. Made on first use and never at load: a language tag Intl
 * refuses (WebKitGTK under automation reports one) must not stop the app; English is the fallback.
 */
let countryNames: Intl.DisplayNames | null | undefined;
function nameOf(country: string): string {
  if (countryNames === undefined) {
    countryNames = null;
    for (const locales of [[...browserLanguages()], ['en']]) {
      try {
        countryNames = new Intl.DisplayNames(locales, { type: 'region' });
        break;
      } catch {
        // The next choice.
      }
    }
  }
  return countryNames?.of(country) ?? country;
}

let sortedCountries: readonly string[] | undefined;
/** The store countries by name, sorted once (Settings renders again on every download's progress). */
function countriesByName(): readonly string[] {
  sortedCountries ??= [...STORE_COUNTRIES].sort((a, b) => nameOf(a).localeCompare(nameOf(b)));
  return sortedCountries;
}

/** Where the browser can download in the background (Background Fetch), so the choice means something. */
const hasBackgroundFetch = typeof self !== 'undefined' && 'BackgroundFetchManager' in self;

/**
 * Settings (`#/settings`), in plain words: the store searches ask, how songs download, what the
 * browser keeps, and deleting every download (after a confirmation that says what it frees).
 */
export class HtSettings extends LitElement {
  static override properties = { _confirming: { state: true }, _news: { state: true } };

  declare _confirming: boolean;
  /** What the last action did, for the status line. */
  declare _news: string;
  readonly #downloads = new DownloadController(this);
  readonly #storage = new StorageController(this);

  constructor() {
    super();
    this._confirming = false;
    this._news = '';
  }

  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
      }
      h2 {
        font-size: 1.25rem;
        margin: 12px 0;
      }
      h2:focus {
        outline: none;
      }
      h3 {
        font-size: 1rem;
        margin: 20px 0 6px;
      }
      p {
        margin: 6px 0;
        color: var(--ht-muted);
      }
      label {
        font-weight: 600;
      }
      select {
        font: inherit;
        min-height: 44px;
        padding: 0 12px;
        border-radius: var(--ht-radius);
        border: 2px solid var(--ht-border);
        background: var(--ht-surface);
        color: var(--ht-text);
        max-width: 100%;
      }
      .check {
        display: flex;
        gap: 10px;
        align-items: center;
        min-height: 44px;
      }
      .check input {
        width: 24px;
        height: 24px;
        margin: 0;
        flex: none;
      }
      .confirm {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
        align-items: center;
        padding: 12px;
        border-radius: var(--ht-radius);
        background: var(--ht-danger-bg);
        color: var(--ht-danger);
      }
      .confirm p {
        color: inherit;
        flex-basis: 100%;
        margin: 0;
      }
      button.danger {
        background: var(--ht-danger);
        border-color: var(--ht-danger);
        color: #fff;
      }
    `,
  ];

  override render() {
    const chosen = chosenCountry();
    const suggested = storeFromLanguages(browserLanguages());
    const countries = countriesByName();
    return html`
      <h2 tabindex="-1">Settings</h2>
      <p role="status">${this._news}</p>

      <h3>Store</h3>
      <label for="country">Store country</label>
      <p id="country-help">
        Searches and albums show what this country’s Apple store
        sells.${
          suggested.unlisted
            ? ` Your language names ${nameOf(suggested.unlisted)}, which has no Apple store of its own, so it suggests ${nameOf(suggested.country)}.`
            : ''
        }
      </p>
      <select id="country" aria-describedby="country-help" @change=${this._chooseCountry}>
        <option value="" ?selected=${chosen === null}>As my language suggests (${nameOf(suggested.country)})</option>
        ${countries.map((code) => html`<option value=${code} ?selected=${chosen === code}>${nameOf(code)}</option>`)}
      </select>

      ${hasBackgroundFetch || connectionTypeKnown() ? html`<h3>Downloads</h3>` : nothing}
      ${connectionTypeKnown() ? this._renderWifiOnly() : nothing} ${hasBackgroundFetch ? this._renderEngine() : nothing}
      ${this._renderStorage()}
    `;
  }

  /** Offered only where the browser tells Wi-Fi from a mobile network. */
  private _renderWifiOnly() {
    return html`<label class="check">
        <input
          type="checkbox"
          aria-describedby="wifi-help"
          .checked=${wifiOnlyChosen()}
          @change=${this._chooseWifiOnly}
        />
        Download only on Wi-Fi
      </label>
      <p id="wifi-help">
        On a mobile network, or with data saving on, downloads wait and start by themselves when you are on Wi-Fi again.
        A song already downloading stops where it is and goes on from there.
      </p>`;
  }

  private _renderEngine() {
    return html`<label class="check">
        <input
          type="checkbox"
          aria-describedby="engine-help"
          .checked=${backgroundDownloadsSetting()}
          @change=${this._chooseBackground}
        />
        Download in the background, even when Half Tunes is closed
      </label>
      <p id="engine-help">
        On: downloads go on when Half Tunes is closed: the browser finishes them and shows them in its downloads. Off:
        they run only while Half Tunes is open, and go on where they stopped when you open it again.
      </p>`;
  }

  private _renderStorage() {
    const { figures, persisted } = this.#storage;
    const all = this.#downloads.all();
    const bytes = all.reduce((sum, download) => sum + (download.bytesTotal ?? download.bytesReceived), 0);
    const songs = all.length === 1 ? '1 song' : `${all.length} songs`;
    return html`<h3>Storage</h3>
      ${
        figures
          ? html`<p>
              ${formatBytes(figures.usage)} used, ${formatBytes(Math.max(0, figures.quota - figures.usage))} available.
            </p>`
          : nothing
      }
      <p>
        ${
          persisted === null
            ? 'This browser does not say whether it keeps your downloads when the device runs low on space.'
            : persisted
              ? 'Persistent storage is on: the browser will not clear your downloads to make room.'
              : 'Persistent storage is off: the browser may clear your downloads if the device runs low on space. It turns on when the browser trusts Half Tunes, for example once it is installed.'
        }
      </p>
      ${
        all.length === 0
          ? html`<p>No downloads to delete.</p>`
          : this._confirming
            ? html`<div class="confirm" role="group" aria-labelledby="confirm-words">
                <p id="confirm-words">
                  Delete all ${songs}? This frees about ${formatBytes(bytes)}. You can download them again.
                </p>
                <button type="button" class="danger" @click=${this._deleteAll}>Delete all ${songs}</button>
                <button type="button" class="secondary keep" @click=${this._keep}>Keep them</button>
              </div>`
            : html`<button type="button" class="secondary ask" @click=${this._ask}>Delete all downloads</button>`
      }`;
  }

  private _chooseBackground(event: Event): void {
    chooseBackgroundDownloads((event.target as HTMLInputElement).checked);
    // The worker hears of the choice now: a page that hides next hands its downloads over, or not.
    this.#downloads.settingsChanged();
  }

  private _chooseWifiOnly(event: Event): void {
    const chosen = (event.target as HTMLInputElement).checked;
    chooseWifiOnly(chosen);
    this.#downloads.settingsChanged();
    this._news = chosen ? 'Songs now download only on Wi-Fi.' : 'Songs now download on any network.';
  }

  private _chooseCountry(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    chooseCountry(value || null);
    this._news = `Searches now ask the ${nameOf(storeCountry())} store.`;
  }

  private async _ask(): Promise<void> {
    this._confirming = true;
    this._news = '';
    await this.updateComplete;
    // The safe choice first.
    this.renderRoot.querySelector<HTMLButtonElement>('button.keep')?.focus();
  }

  private async _keep(): Promise<void> {
    this._confirming = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('button.ask')?.focus();
  }

  private _deleteAll(): void {
    this.#downloads.deleteAll();
    this._confirming = false;
    this._news = 'All downloads deleted.';
    this.focusHeading();
  }
}

customElements.define('ht-settings', HtSettings);

declare global {
  interface HTMLElementTagNameMap {
    'ht-settings': HtSettings;
  }
}
