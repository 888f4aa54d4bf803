import { LitElement, css, html, nothing } from 'lit';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { formatDuration, formatMinutes } from '../i18n/format.ts';
import { PlayerController } from '../controllers/player-controller.ts';
import { artworkOf, SEEK_STEP_S } from '../player/player.ts';
import type { RepeatMode } from '../player/play-order.ts';
import { describePlaybackFailure } from '../player/player-messages.ts';
import { sleepTimer } from '../player/sleep.ts';
import { SLEEP_MINUTES, type SleepChoice } from '../player/sleep-timer.ts';
import { controlStyles } from './shared-styles.ts';
import { ICONS, icon } from './icons.ts';
import { PLACEHOLDER_ARTWORK, showPlaceholder } from './placeholder-artwork.ts';
import './ht-up-next.ts';

/** What Repeat does next, press by press. */
const NEXT_REPEAT: Record<RepeatMode, RepeatMode> = { off: 'all', all: 'one', one: 'off' };

/** A time as the bar shows it, to the nearest second ("0:30" for a preview of 29.98 s), in the language's digits. */
const clock = (seconds: number): string => formatDuration(Math.round(Math.max(0, seconds)));

/** Repeat's name, which says its mode (a button's pressed state tells only on or off). */
function repeatName(mode: RepeatMode): string {
  switch (mode) {
    case 'off':
      return msg('Repeat off', { id: 'player.repeat.off' });
    case 'all':
      return msg('Repeat all', { id: 'player.repeat.all' });
    case 'one':
      return msg('Repeat one', { id: 'player.repeat.one' });
  }
}

/**
 * The player bar: artwork, title, play / pause, previous / next through the queue, a seek slider
 * and elapsed / total time, shuffle and repeat (off, all, one). With focus anywhere in the bar, Space
 * toggles play and the arrow keys seek by five seconds: the arrow toward the slider's end seeks
 * forward, so right to left (Arabic), where the slider and Previous / Next are mirrored, ← does.
 */
export class HtPlayer extends LitElement {
  readonly #player = new PlayerController(this);
  readonly #onSleepChange = (): void => this.requestUpdate();

  /**
   * The bar is fixed over the page's end: the page ends that much lower (`--ht-player-height`, read
   * by global.css), so its last song scrolls clear of the bar, whatever the bar holds (Up Next open).
   */
  readonly #height = new ResizeObserver(() => {
    document.documentElement.style.setProperty('--ht-player-height', `${this.offsetHeight}px`);
  });

  override connectedCallback(): void {
    super.connectedCallback();
    sleepTimer.addEventListener('change', this.#onSleepChange);
    this.#height.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    sleepTimer.removeEventListener('change', this.#onSleepChange);
    this.#height.disconnect();
    document.documentElement.style.removeProperty('--ht-player-height');
  }

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  static override styles = [
    controlStyles,
    css`
      :host {
        position: fixed;
        inset-block: auto 0;
        inset-inline: 0;
        z-index: 2;
        background: var(--ht-surface);
        border-block-start: 1px solid var(--ht-border);
        box-shadow: 0 -4px 16px rgb(0 0 0 / 0.15);
      }
      section {
        max-width: 760px;
        margin-block: 0;
        margin-inline: auto;
        padding-block: 8px calc(8px + env(safe-area-inset-bottom));
        padding-inline: 16px;
        display: grid;
        grid-template-columns: 48px 1fr auto;
        grid-template-areas: 'art title controls' 'seek seek seek' 'extra extra extra';
        gap: 4px 12px;
        align-items: center;
      }
      /* The sleep timer and Up Next share a line; the list, when open, takes its own below. */
      .extra {
        grid-area: extra;
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 4px 16px;
      }
      ht-up-next {
        flex: 0 1 auto;
      }
      ht-up-next[open] {
        flex-basis: 100%;
      }
      section:focus-visible {
        outline: 3px solid var(--ht-focus);
        outline-offset: -3px;
      }
      img {
        grid-area: art;
        width: 48px;
        height: 48px;
        border-radius: 6px;
        object-fit: cover;
        background: var(--ht-border);
      }
      .title {
        grid-area: title;
        min-width: 0;
        display: grid;
      }
      .title span {
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .name {
        font-weight: 600;
      }
      .sleep {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 4px 12px;
        color: var(--ht-muted);
        font-size: 0.875rem;
      }
      .sleep select {
        min-height: 32px;
        margin-inline-start: 8px;
      }
      .store a {
        display: inline-flex;
        align-items: center;
        min-height: 24px;
        color: var(--ht-muted);
        font-size: 0.875rem;
      }
      .artist,
      .times {
        color: var(--ht-muted);
        font-size: 0.875rem;
      }
      .controls {
        grid-area: controls;
        display: flex;
        gap: 4px;
      }
      .controls button {
        padding: 0;
        display: inline-grid;
        place-items: center;
      }
      .seek button {
        padding: 0;
        display: inline-grid;
        place-items: center;
      }
      /* On is filled, as Play is; off is an outline: told apart by more than colour. */
      .seek button[aria-pressed='true'] {
        background: var(--ht-accent);
        color: var(--ht-accent-text);
      }
      /* Previous and Next point the way the queue runs: to the left and right, mirrored right to left. */
      :host(:dir(rtl)) .directional svg {
        transform: scaleX(-1);
      }
      button[aria-disabled='true'] {
        opacity: 0.4;
        cursor: default;
      }
      .seek {
        grid-area: seek;
        display: grid;
        grid-template-columns: auto auto 1fr auto auto;
        gap: 8px;
        align-items: center;
      }
      input[type='range'] {
        width: 100%;
        min-height: 44px;
        margin: 0;
        accent-color: var(--ht-accent);
      }
      .alert {
        grid-column: 1 / -1;
        margin: 0;
        color: var(--ht-danger);
        font-size: 0.875rem;
      }
    `,
  ];

  override render() {
    const player = this.#player.player;
    const item = player.current;
    if (!item) return nothing;
    const { elapsed, total } = player.time;
    const artwork = artworkOf(item) ?? PLACEHOLDER_ARTWORK;
    const played = clock(elapsed);
    const spoken =
      total === null
        ? msg(str`${played} of unknown length`, { id: 'player.seek.position-unknown' })
        : msg(str`${played} of ${clock(total)}`, { id: 'player.seek.position' });
    // The catalog's names as they come, set apart (<bdi>) from the words beside them.
    return html`<section aria-label=${msg('Player', { id: 'player.label' })} tabindex="-1" @keydown=${this._onKeydown}>
      <img src=${artwork} alt="" width="48" height="48" @error=${showPlaceholder} />
      <div class="title">
        <span class="name"><bdi>${item.track.name}</bdi></span>
        <span class="artist"
          ><bdi>${item.track.artist}</bdi>${
            item.offline ? nothing : html` · ${msg('streaming preview', { id: 'player.streaming' })}`
          }${player.loading ? html` · ${msg('loading…', { id: 'player.loading' })}` : nothing}</span
        >
        ${
          // Apple's terms ask for a preview to sit near its store link, as each row has it.
          item.track.storeUrl
            ? html`<span class="store"
                ><a href=${item.track.storeUrl} target="_blank" rel="noopener noreferrer"
                  >${msg('Apple Music', { id: 'row.store' })}<span class="visually-hidden">
                    ${msg('(opens in a new tab)', { id: 'row.store.new-tab' })}</span
                  ></a
                ></span
              >`
            : nothing
        }
      </div>
      <div class="controls">
        <button
          type="button"
          class="secondary directional"
          aria-label=${msg('Previous', { id: 'player.previous' })}
          @click=${() => player.previous()}
        >
          ${icon(ICONS.previous)}
        </button>
        <button
          type="button"
          aria-label=${player.playing ? msg('Pause', { id: 'player.pause' }) : msg('Play', { id: 'player.play' })}
          @click=${() => player.toggle()}
        >
          ${icon(player.playing ? ICONS.pause : ICONS.play)}
        </button>
        <button
          type="button"
          class="secondary directional"
          aria-label=${msg('Next', { id: 'player.next' })}
          aria-disabled=${player.hasNext ? 'false' : 'true'}
          @click=${() => player.next()}
        >
          ${icon(ICONS.next)}
        </button>
      </div>
      <div class="seek">
        <button
          type="button"
          class="secondary"
          aria-label=${msg('Shuffle', { id: 'player.shuffle' })}
          aria-pressed=${player.shuffle ? 'true' : 'false'}
          @click=${() => player.setShuffle(!player.shuffle)}
        >
          ${icon(ICONS.shuffle)}
        </button>
        <span class="times" aria-hidden="true">${clock(elapsed)}</span>
        <input
          type="range"
          aria-label=${msg('Seek', { id: 'player.seek' })}
          min="0"
          max=${total === null ? 0 : Math.floor(total * 10) / 10}
          step="1"
          .value=${String(elapsed)}
          aria-valuetext=${spoken}
          @input=${(event: Event) => player.seek(Number((event.target as HTMLInputElement).value))}
        />
        <span class="times" aria-hidden="true">${total === null ? '–:––' : clock(total)}</span>
        <button
          type="button"
          class="secondary"
          aria-label=${repeatName(player.repeat)}
          aria-pressed=${player.repeat === 'off' ? 'false' : 'true'}
          @click=${() => player.setRepeat(NEXT_REPEAT[player.repeat])}
        >
          ${icon(player.repeat === 'one' ? ICONS.repeatOne : ICONS.repeat)}
        </button>
      </div>
      <div class="extra">${this._renderSleepTimer()}<ht-up-next></ht-up-next></div>
      ${
        player.failure
          ? html`<p class="alert" role="alert">${describePlaybackFailure(item.track.name, player.failure)}</p>`
          : nothing
      }
    </section>`;
  }

  /** "Stop playing" after 15, 30 or 60 minutes or at the end of the song, and what is left. */
  private _renderSleepTimer() {
    const choice = sleepTimer.choice;
    const remaining = sleepTimer.remaining();
    const left =
      choice === null
        ? ''
        : remaining === null
          ? msg('Stops at the end of this song', { id: 'player.sleep.at-end' })
          : msg(str`Stops in ${formatMinutes(Math.ceil(remaining / 60_000), 'short')}`, { id: 'player.sleep.left' });
    return html`<div class="sleep">
      <label>
        ${msg('Sleep timer', { id: 'player.sleep.label' })}
        <select
          .value=${choice === null ? '' : String(choice)}
          @change=${(event: Event) => {
            const value = (event.target as HTMLSelectElement).value;
            if (value === '') sleepTimer.cancel();
            else sleepTimer.set(value === 'end-of-song' ? value : (Number(value) as SleepChoice));
          }}
        >
          <option value="" ?selected=${choice === null}>${msg('Off', { id: 'player.sleep.off' })}</option>
          ${SLEEP_MINUTES.map(
            (minutes) =>
              html`<option value=${minutes} ?selected=${choice === minutes}>${formatMinutes(minutes)}</option>`,
          )}
          <option value="end-of-song" ?selected=${choice === 'end-of-song'}>
            ${msg('End of song', { id: 'player.sleep.end' })}
          </option>
        </select>
      </label>
      <!-- Not a live region: it counts down every minute, and the select says what was chosen. -->
      <span class="left">${left}</span>
    </div>`;
  }

  private _onKeydown(event: KeyboardEvent): void {
    // Alt+← is the browser's Back; other combinations belong to the browser or assistive technology.
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const target = event.composedPath()[0];
    const player = this.#player.player;
    if (event.key === ' ' && !(target instanceof HTMLButtonElement)) {
      event.preventDefault();
      player.toggle();
    } else if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
      event.preventDefault();
      // The slider runs the way the language writes: right to left, its end (later) is on the left.
      const forward = getComputedStyle(this).direction === 'rtl' ? 'ArrowLeft' : 'ArrowRight';
      player.seekBy(event.key === forward ? SEEK_STEP_S : -SEEK_STEP_S);
    }
  }
}

customElements.define('ht-player', HtPlayer);

declare global {
  interface HTMLElementTagNameMap {
    'ht-player': HtPlayer;
  }
}
