import { LitElement, css, html, nothing } from 'lit';
import { formatDuration } from '../shared/catalog.ts';
import { PlayerController } from '../controllers/player-controller.ts';
import { artworkOf, SEEK_STEP_S } from '../player/player.ts';
import type { RepeatMode } from '../player/play-order.ts';
import { controlStyles } from './shared-styles.ts';
import { ICONS, icon } from './icons.ts';
import { PLACEHOLDER_ARTWORK, showPlaceholder } from './placeholder-artwork.ts';

/** What Repeat does next, press by press. */
const NEXT_REPEAT: Record<RepeatMode, RepeatMode> = { off: 'all', all: 'one', one: 'off' };

const clock = (seconds: number): string => formatDuration(Math.max(0, seconds) * 1000);

/**
 * The player bar: artwork, title, play / pause, previous / next through the queue, a seek slider
 * and elapsed / total time, shuffle and repeat (off, all, one). With focus anywhere in the bar, Space toggles play and the arrow keys
 * seek by five seconds.
 */
export class HtPlayer extends LitElement {
  readonly #player = new PlayerController(this);

  static override styles = [
    controlStyles,
    css`
      :host {
        position: fixed;
        inset: auto 0 0 0;
        z-index: 2;
        background: var(--ht-surface);
        border-top: 1px solid var(--ht-border);
        box-shadow: 0 -4px 16px rgb(0 0 0 / 0.15);
      }
      section {
        max-width: 760px;
        margin: 0 auto;
        padding: 8px 16px calc(8px + env(safe-area-inset-bottom));
        display: grid;
        grid-template-columns: 48px 1fr auto;
        grid-template-areas: 'art title controls' 'seek seek seek';
        gap: 4px 12px;
        align-items: center;
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
    const spoken = `${clock(elapsed)} of ${total === null ? 'unknown length' : clock(total)}`;
    return html`<section aria-label="Player" tabindex="-1" @keydown=${this._onKeydown}>
      <img src=${artwork} alt="" width="48" height="48" @error=${showPlaceholder} />
      <div class="title">
        <span class="name">${item.track.name}</span>
        <span class="artist"
          >${item.track.artist}${item.offline ? '' : ' · streaming preview'}${player.loading ? ' · loading…' : ''}</span
        >
      </div>
      <div class="controls">
        <button type="button" class="secondary" aria-label="Previous" @click=${() => player.previous()}>
          ${icon(ICONS.previous)}
        </button>
        <button type="button" aria-label=${player.playing ? 'Pause' : 'Play'} @click=${() => player.toggle()}>
          ${icon(player.playing ? ICONS.pause : ICONS.play)}
        </button>
        <button
          type="button"
          class="secondary"
          aria-label="Next"
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
          aria-label="Shuffle"
          aria-pressed=${player.shuffle ? 'true' : 'false'}
          @click=${() => player.setShuffle(!player.shuffle)}
        >
          ${icon(ICONS.shuffle)}
        </button>
        <span class="times" aria-hidden="true">${clock(elapsed)}</span>
        <input
          type="range"
          aria-label="Seek"
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
          aria-label="Repeat ${player.repeat}"
          aria-pressed=${player.repeat === 'off' ? 'false' : 'true'}
          @click=${() => player.setRepeat(NEXT_REPEAT[player.repeat])}
        >
          ${icon(player.repeat === 'one' ? ICONS.repeatOne : ICONS.repeat)}
        </button>
      </div>
      ${player.error ? html`<p class="alert" role="alert">${player.error}</p>` : nothing}
    </section>`;
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
      player.seekBy(event.key === 'ArrowLeft' ? -SEEK_STEP_S : SEEK_STEP_S);
    }
  }
}

customElements.define('ht-player', HtPlayer);

declare global {
  interface HTMLElementTagNameMap {
    'ht-player': HtPlayer;
  }
}
