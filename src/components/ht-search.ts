import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { repeat } from 'lit/directives/repeat.js';
import { Task, TaskStatus } from '@lit/task';
import { catalog } from '../catalog/index.ts';
import { SEARCHES_PER_MINUTE } from '../catalog/search-budget.ts';
import type { Track } from '../shared/catalog.ts';
import { batchOf } from '../shared/downloads.ts';
import { describeSearchError, lostNetwork } from './search-messages.ts';
import { controlStyles, songListStyles, alertStyles } from './shared-styles.ts';
import './ht-batch-download.ts';
import './ht-track-row.ts';
import { DownloadController } from '../controllers/download-controller.ts';
import { NetworkController } from '../controllers/network-controller.ts';
import { formatCount, pluralOf } from '../i18n/format.ts';
import { currentLocale } from '../i18n/localization.ts';
import { directionOf } from '../i18n/locales.ts';
import { failureAlert } from './failure-alert.ts';

/** How long typing must pause before a search starts; Enter searches at once. */
const TYPING_PAUSE_MS = 400;

/**
 * A search term inside a sentence kept as plain text (a batch's name, which the worker's notification
 * shows too), set apart where the language is written right to left: the text twin of `<bdi>`
 * (U+2068 … U+2069). Left to right, it stays exactly as it came.
 */
const isolated = (term: string): string => (directionOf(currentLocale()) === 'rtl' ? `\u2068${term}\u2069` : term);

/**
 * The search field and its results. A new search aborts the one in flight, and a late answer to an
 * old search never replaces newer results. A failed search keeps the results already shown.
 */
export class HtSearch extends LitElement {
  static override properties = { _term: { state: true }, _waitingForEnter: { state: true } };

  declare _term: string;
  /** A term typed while the search budget is low: it waits for Enter. */
  declare _waitingForEnter: string;
  readonly #downloads = new DownloadController(this);
  /** When the network returns, a search that failed for lack of it runs again by itself. */
  readonly #network = new NetworkController(this, {
    due: () => this.#search.status === TaskStatus.ERROR,
    run: async () => {
      await this.#search.run();
      return this.#search.status === TaskStatus.ERROR && lostNetwork(this.#search.error);
    },
  });
  #typingTimer: ReturnType<typeof setTimeout> | undefined;
  /** The last successful results, kept on screen while a newer search fails. */
  #shown: { term: string; tracks: readonly Track[] } | null = null;

  readonly #search = new Task(this, {
    task: ([term], { signal }) => catalog.search(term, { signal }),
    args: () => [this._term] as const,
    autoRun: false,
    // Called for the latest run only, so a late answer to an old search never lands here.
    onComplete: (tracks) => {
      this.#shown = { term: this._term, tracks };
    },
  });

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this._term = '';
    this._waitingForEnter = '';
  }

  /** Moves focus to the search field, for a person who just switched to this view. */
  focusField(): void {
    this.renderRoot.querySelector<HTMLInputElement>('#term')?.focus();
  }

  static override styles = [
    controlStyles,
    songListStyles,
    alertStyles,
    css`
      :host {
        display: block;
      }
      /* "Download all" beside the count where the line has room, to leave the screen to the songs. */
      .summary {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: 0 12px;
        margin-bottom: 8px;
      }
      .status {
        color: var(--ht-muted);
        font-size: 0.875rem;
        margin: 8px 0;
        min-height: 1.4em;
      }
      ul[aria-busy='true'] {
        opacity: 0.6;
      }
    `,
  ];

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#typingTimer);
  }

  override render() {
    const status = this.#search.status;
    const shown = this.#shown;
    return html`
      <form role="search" @submit=${this._onSubmit}>
        <label for="term">${msg('Search', { id: 'search.label' })}</label>
        <input
          id="term"
          name="term"
          type="search"
          autocomplete="off"
          enterkeyhint="search"
          placeholder=${msg('Songs, artists or albums', { id: 'search.placeholder' })}
          @input=${this._onInput}
        />
      </form>
      <div class="summary">
        <p class="status" role="status">${this._statusText()}</p>
        ${
          shown && shown.tracks.length > 0
            ? html`<ht-batch-download
                .tracks=${shown.tracks}
                .batch=${batchOf(
                  `search:${shown.term}`,
                  msg(str`Songs for “${isolated(shown.term)}”`, { id: 'search.batch.name' }),
                )}
              ></ht-batch-download>`
            : nothing
        }
      </div>
      ${
        status === TaskStatus.ERROR
          ? failureAlert(describeSearchError(this.#search.error), this._retry, false)
          : nothing
      }
      ${
        shown && shown.tracks.length > 0
          ? html`<ul
              aria-label=${msg('Search results', { id: 'search.results.label' })}
              aria-busy=${status === TaskStatus.PENDING ? 'true' : 'false'}
            >
              ${repeat(
                shown.tracks,
                (track) => track.id,
                (track) =>
                  html`<li>
                    <ht-track-row
                      .track=${track}
                      .download=${this.#downloads.get(track.id)}
                      .online=${this.#network.online}
                    ></ht-track-row>
                  </li>`,
              )}
            </ul>`
          : nothing
      }
    `;
  }

  /** What the search is doing, in a whole sentence; the term, as typed, set apart in `<bdi>`. */
  private _statusText(): string | TemplateResult {
    if (!this.#network.online && this.#search.status !== TaskStatus.PENDING) {
      return msg('You are offline. Search needs a connection; your downloads play offline.', {
        id: 'search.status.offline',
      });
    }
    if (this._waitingForEnter) {
      const waiting = this._waitingForEnter;
      const perMinute = formatCount(SEARCHES_PER_MINUTE);
      // One line (prettier-ignore): a line break of the source would be a translator's too.
      // prettier-ignore
      return msg(
        html`Press Enter to search for “<bdi>${waiting}</bdi>”. The catalog allows about ${perMinute} searches a minute, so typing waits for you now.`,
        { id: 'search.status.press-enter' },
      );
    }
    const term = this._term;
    switch (this.#search.status) {
      case TaskStatus.INITIAL:
        return msg('Find a song by its name, artist or album.', { id: 'search.status.initial' });
      case TaskStatus.PENDING:
        return msg(html`Searching for “<bdi>${term}</bdi>”…`, { id: 'search.status.searching' });
      case TaskStatus.COMPLETE: {
        const count = this.#search.value?.length ?? 0;
        if (count === 0) return msg(html`No songs found for “<bdi>${term}</bdi>”.`, { id: 'search.status.none' });
        return this._found(count, term);
      }
      case TaskStatus.ERROR: {
        if (!this.#shown) return '';
        const earlier = this.#shown.term;
        return msg(html`Showing earlier results for “<bdi>${earlier}</bdi>”.`, { id: 'search.status.earlier' });
      }
    }
  }

  /**
   * "10 songs found for “love”." in the language's plural form for `count` (what `plural` of
   * `i18n/format.ts` does, for a sentence with markup: its `<bdi>`).
   */
  private _found(count: number, term: string): TemplateResult {
    const n = formatCount(count);
    const forms: Record<Intl.LDMLPluralRule, () => TemplateResult> = {
      zero: () => msg(html`${n} songs found for “<bdi>${term}</bdi>”.`, { id: 'search.found.zero' }),
      one: () => msg(html`${n} song found for “<bdi>${term}</bdi>”.`, { id: 'search.found.one' }),
      two: () => msg(html`${n} songs found for “<bdi>${term}</bdi>”.`, { id: 'search.found.two' }),
      few: () => msg(html`${n} songs found for “<bdi>${term}</bdi>”.`, { id: 'search.found.few' }),
      many: () => msg(html`${n} songs found for “<bdi>${term}</bdi>”.`, { id: 'search.found.many' }),
      other: () => msg(html`${n} songs found for “<bdi>${term}</bdi>”.`, { id: 'search.found.other' }),
    };
    return forms[pluralOf(count)]();
  }

  private _onInput(event: InputEvent): void {
    const value = (event.target as HTMLInputElement).value;
    clearTimeout(this.#typingTimer);
    this.#typingTimer = setTimeout(() => this._start(value), TYPING_PAUSE_MS);
  }

  private _onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    clearTimeout(this.#typingTimer);
    const input = (event.target as HTMLFormElement).elements.namedItem('term') as HTMLInputElement;
    this._start(input.value, true);
  }

  private _start(raw: string, force = false): void {
    const term = raw.trim();
    // A cleared field no longer waits for Enter.
    if (!term) this._waitingForEnter = '';
    if (!term || term === this._term) {
      // The same search already on its way is not asked again: Enter right after a pause in typing
      // would abort it only to repeat it (and Firefox reports an aborted request its worker answers).
      if (!term || this.#search.status === TaskStatus.PENDING) return;
      if (!force && this.#search.status !== TaskStatus.ERROR) return;
    }
    // Near Apple's limit, typing waits for Enter, so the searches a person asks for still go through.
    if (!force && !catalog.searchesWhileTyping(term)) {
      this._waitingForEnter = term;
      return;
    }
    this._waitingForEnter = '';
    this._term = term;
    void this.#search.run([term]);
  }

  private _retry(): void {
    void this.#search.run();
  }
}

customElements.define('ht-search', HtSearch);

declare global {
  interface HTMLElementTagNameMap {
    'ht-search': HtSearch;
  }
}
