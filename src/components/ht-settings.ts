import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
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
import { formatBytes, formatCount, plural } from '../i18n/format.ts';
import { chooseLanguage, chosenLanguage, currentLocale } from '../i18n/localization.ts';
import { LANGUAGES, languageFor, type Locale } from '../i18n/locales.ts';
import { controlStyles } from './shared-styles.ts';

/** The store countries named in one language, and sorted by those names. */
interface CountryNames {
  readonly of: (country: string) => string;
  readonly sorted: readonly string[];
}

/** Per language: Settings renders again on every download's progress, so each language names and sorts once. */
const countryNamesIn = new Map<string, CountryNames>();

/**
 * Country names in the app's language. Made on first use and never at load: a language tag Intl
 * refuses (WebKitGTK under automation reports one) must not stop the app; English is the fallback.
 */
function countryNames(): CountryNames {
  const locale = currentLocale();
  let names = countryNamesIn.get(locale);
  if (!names) {
    let regions: Intl.DisplayNames | null = null;
    for (const locales of [[locale], ['en']]) {
      try {
        regions = new Intl.DisplayNames(locales, { type: 'region' });
        break;
      } catch {
        // The next choice.
      }
    }
    const of = (country: string): string => regions?.of(country) ?? country;
    const collator = new Intl.Collator(regions?.resolvedOptions().locale);
    const sorted = [...STORE_COUNTRIES].sort((a, b) => collator.compare(of(a), of(b)));
    names = { of, sorted };
    countryNamesIn.set(locale, names);
  }
  return names;
}

/** A country's name in the app's language ("Germany", "Deutschland", "ドイツ"). */
const nameOf = (country: string): string => countryNames().of(country);

/** What a language calls itself ("Deutsch"); the pseudo-locale, never offered, by its tag. */
const nativeName = (locale: Locale): string => LANGUAGES.find((language) => language.locale === locale)?.name ?? locale;

/** Where the browser can download in the background (Background Fetch), so the choice means something. */
const hasBackgroundFetch = typeof self !== 'undefined' && 'BackgroundFetchManager' in self;

/** What the status line says: words asked for at render, so they follow a change of language. */
type News = () => string;

/**
 * Settings (`#/settings`), in plain words: the language Half Tunes speaks, the store searches ask, how
 * songs download, what the browser keeps, and deleting every download (after a confirmation that
 * says what it frees).
 */
export class HtSettings extends LitElement {
  static override properties = { _confirming: { state: true }, _news: { state: true } };

  declare _confirming: boolean;
  /** What the last action did, for the status line, or null. */
  declare _news: News | null;
  readonly #downloads = new DownloadController(this);
  readonly #storage = new StorageController(this);

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this._confirming = false;
    this._news = null;
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
        margin-block: 12px;
        margin-inline: 0;
      }
      h2:focus {
        outline: none;
      }
      h3 {
        font-size: 1rem;
        margin-block: 20px 6px;
        margin-inline: 0;
      }
      p {
        margin-block: 6px;
        margin-inline: 0;
        color: var(--ht-muted);
      }
      label {
        font-weight: 600;
      }
      select {
        font: inherit;
        min-height: 44px;
        padding-block: 0;
        padding-inline: 12px;
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
    return html`
      <h2 tabindex="-1">${msg('Settings', { id: 'settings.heading' })}</h2>
      <p role="status">${this._news?.() ?? ''}</p>

      ${this._renderLanguage()} ${this._renderStore()}
      ${
        hasBackgroundFetch || connectionTypeKnown()
          ? html`<h3>${msg('Downloads', { id: 'settings.downloads.heading' })}</h3>`
          : nothing
      }
      ${connectionTypeKnown() ? this._renderWifiOnly() : nothing} ${hasBackgroundFetch ? this._renderEngine() : nothing}
      ${this._renderStorage()}
    `;
  }

  /**
   * The language Half Tunes speaks: the browser's (the first of its languages Half Tunes knows), or
   * one chosen here, each offered by its own name.
   */
  private _renderLanguage() {
    const chosen = chosenLanguage();
    const automatic = nativeName(languageFor(browserLanguages()));
    return html`<label for="language">${msg('Language', { id: 'settings.language.label' })}</label>
      <p id="language-help">
        ${msg('Half Tunes follows your browser’s languages unless you choose one here.', {
          id: 'settings.language.help',
        })}
      </p>
      <select id="language" aria-describedby="language-help" @change=${this._chooseLanguage}>
        <option value="" ?selected=${chosen === null}>
          ${msg(str`Automatic (${automatic})`, { id: 'settings.language.automatic' })}
        </option>
        ${LANGUAGES.map(
          ({ locale, name }) =>
            html`<option value=${locale} lang=${locale} ?selected=${chosen === locale}>${name}</option>`,
        )}
      </select>`;
  }

  private _renderStore() {
    const chosen = chosenCountry();
    const suggested = storeFromLanguages(browserLanguages());
    const { sorted } = countryNames();
    return html`<h3>${msg('Store', { id: 'settings.store.heading' })}</h3>
      <label for="country">${msg('Store country', { id: 'settings.store.label' })}</label>
      <p id="country-help">
        ${msg('Searches and albums show what this country’s Apple store sells.', { id: 'settings.store.help' })}
        ${
          suggested.unlisted
            ? msg(
                str`Your language names ${nameOf(suggested.unlisted)}, which has no Apple store of its own, so it suggests ${nameOf(suggested.country)}.`,
                { id: 'settings.store.unlisted' },
              )
            : nothing
        }
      </p>
      <select id="country" aria-describedby="country-help" @change=${this._chooseCountry}>
        <option value="" ?selected=${chosen === null}>
          ${msg(str`As my language suggests (${nameOf(suggested.country)})`, { id: 'settings.store.suggested' })}
        </option>
        ${sorted.map((code) => html`<option value=${code} ?selected=${chosen === code}>${nameOf(code)}</option>`)}
      </select>`;
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
        ${msg('Download only on Wi-Fi', { id: 'settings.wifi.label' })}
      </label>
      <p id="wifi-help">
        ${msg(
          'On a mobile network, or with data saving on, downloads wait and start by themselves when you are on Wi-Fi again. A song already downloading stops where it is and goes on from there.',
          { id: 'settings.wifi.help' },
        )}
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
        ${msg('Download in the background, even when Half Tunes is closed', { id: 'settings.background.label' })}
      </label>
      <p id="engine-help">
        ${msg(
          'On: downloads go on when Half Tunes is closed: the browser finishes them and shows them in its downloads. Off: they run only while Half Tunes is open, and go on where they stopped when you open it again.',
          { id: 'settings.background.help' },
        )}
      </p>`;
  }

  private _renderStorage() {
    const { figures, persisted } = this.#storage;
    const all = this.#downloads.all();
    const bytes = all.reduce((sum, download) => sum + (download.bytesTotal ?? download.bytesReceived), 0);
    return html`<h3>${msg('Storage', { id: 'settings.storage.heading' })}</h3>
      ${
        figures
          ? html`<p>
              ${msg(
                str`${formatBytes(figures.usage)} used, ${formatBytes(Math.max(0, figures.quota - figures.usage))} available.`,
                { id: 'settings.storage.figures' },
              )}
            </p>`
          : nothing
      }
      <p>${this._kept(persisted)}</p>
      ${
        all.length === 0
          ? html`<p>${msg('No downloads to delete.', { id: 'settings.delete.none' })}</p>`
          : this._confirming
            ? this._renderConfirm(all.length, bytes)
            : html`<button type="button" class="secondary ask" @click=${this._ask}>
                ${msg('Delete all downloads', { id: 'settings.delete.ask' })}
              </button>`
      }`;
  }

  /** Whether the browser keeps the downloads when space runs low. */
  private _kept(persisted: boolean | null): string {
    if (persisted === null) {
      return msg('This browser does not say whether it keeps your downloads when the device runs low on space.', {
        id: 'settings.persistent.unknown',
      });
    }
    return persisted
      ? msg('Persistent storage is on: the browser will not clear your downloads to make room.', {
          id: 'settings.persistent.on',
        })
      : msg(
          'Persistent storage is off: the browser may clear your downloads if the device runs low on space. It turns on when the browser trusts Half Tunes, for example once it is installed.',
          { id: 'settings.persistent.off' },
        );
  }

  /** The confirmation: how many songs go and what that frees; the safe choice, Keep them, gets focus. */
  private _renderConfirm(songs: number, bytes: number): TemplateResult {
    const count = formatCount(songs);
    const size = formatBytes(bytes);
    const question = plural(songs, {
      zero: () =>
        msg(str`Delete all ${count} songs? This frees about ${size}. You can download them again.`, {
          id: 'settings.delete.confirm.zero',
        }),
      one: () =>
        msg(str`Delete all ${count} song? This frees about ${size}. You can download them again.`, {
          id: 'settings.delete.confirm.one',
        }),
      two: () =>
        msg(str`Delete all ${count} songs? This frees about ${size}. You can download them again.`, {
          id: 'settings.delete.confirm.two',
        }),
      few: () =>
        msg(str`Delete all ${count} songs? This frees about ${size}. You can download them again.`, {
          id: 'settings.delete.confirm.few',
        }),
      many: () =>
        msg(str`Delete all ${count} songs? This frees about ${size}. You can download them again.`, {
          id: 'settings.delete.confirm.many',
        }),
      other: () =>
        msg(str`Delete all ${count} songs? This frees about ${size}. You can download them again.`, {
          id: 'settings.delete.confirm.other',
        }),
    });
    const confirm = plural(songs, {
      zero: () => msg(str`Delete all ${count} songs`, { id: 'settings.delete.button.zero' }),
      one: () => msg(str`Delete all ${count} song`, { id: 'settings.delete.button.one' }),
      two: () => msg(str`Delete all ${count} songs`, { id: 'settings.delete.button.two' }),
      few: () => msg(str`Delete all ${count} songs`, { id: 'settings.delete.button.few' }),
      many: () => msg(str`Delete all ${count} songs`, { id: 'settings.delete.button.many' }),
      other: () => msg(str`Delete all ${count} songs`, { id: 'settings.delete.button.other' }),
    });
    return html`<div class="confirm" role="group" aria-labelledby="confirm-words">
      <p id="confirm-words">${question}</p>
      <button type="button" class="danger" @click=${this._deleteAll}>${confirm}</button>
      <button type="button" class="secondary keep" @click=${this._keep}>
        ${msg('Keep them', { id: 'settings.delete.keep' })}
      </button>
    </div>`;
  }

  /** The language chosen applies at once: every element renders again in it, no reload. */
  private async _chooseLanguage(event: Event): Promise<void> {
    const value = (event.target as HTMLSelectElement).value;
    const language = LANGUAGES.find((known) => known.locale === value)?.locale ?? null;
    try {
      await chooseLanguage(language);
    } catch {
      // Its messages did not load (offline before the app was kept): the language stays as it was.
      this._news = () =>
        msg('That language could not be loaded. Check the connection and try again.', {
          id: 'settings.language.failed',
        });
      return;
    }
    // Said in the language now spoken, which names itself.
    this._news = language
      ? () => msg(str`Half Tunes now speaks ${nativeName(currentLocale())}.`, { id: 'settings.language.chosen' })
      : () =>
          msg(str`Half Tunes now follows your browser’s languages and speaks ${nativeName(currentLocale())}.`, {
            id: 'settings.language.automatic-chosen',
          });
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
    this._news = chosen
      ? () => msg('Songs now download only on Wi-Fi.', { id: 'settings.wifi.on' })
      : () => msg('Songs now download on any network.', { id: 'settings.wifi.off' });
  }

  private _chooseCountry(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    chooseCountry(value || null);
    this._news = () => msg(str`Searches now ask the ${nameOf(storeCountry())} store.`, { id: 'settings.store.chosen' });
  }

  private async _ask(): Promise<void> {
    this._confirming = true;
    this._news = null;
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
    this._news = () => msg('All downloads deleted.', { id: 'settings.delete.done' });
    this.focusHeading();
  }
}

customElements.define('ht-settings', HtSettings);

declare global {
  interface HTMLElementTagNameMap {
    'ht-settings': HtSettings;
  }
}
