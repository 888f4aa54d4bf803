import { LitElement, css, html, nothing } from 'lit';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { formatCount } from '../i18n/format.ts';
import { PlayerController } from '../controllers/player-controller.ts';
import { controlStyles } from './shared-styles.ts';
import { ICONS, icon } from './icons.ts';

/**
 * The player's Up Next list: the songs to come, in the order they play, each moved up or down or
 * taken out by named buttons (focus follows the song moved), and Clear; a song passed over offline
 * is said so here.
 */
export class HtUpNext extends LitElement {
  readonly #player = new PlayerController(this);

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
        font-size: 0.875rem;
      }
      :host > div > button {
        display: inline-flex;
        align-items: center;
        gap: 6px;
        min-height: 32px;
        padding: 0 10px;
      }
      ol {
        max-height: 40vh;
        overflow-y: auto;
        margin: 6px 0;
        padding: 0;
        list-style: none;
      }
      li[draggable='true'] {
        cursor: grab;
      }
      li.drop {
        outline: 2px dashed var(--ht-accent);
        outline-offset: -2px;
      }
      li {
        display: flex;
        align-items: center;
        gap: 6px;
        padding-block: 2px;
      }
      .song {
        flex: 1;
        min-width: 0;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      li button {
        min-width: 32px;
        min-height: 32px;
        padding: 0;
      }
      .note {
        margin: 0 0 4px;
      }
      .note:empty {
        display: none;
      }
    `,
  ];

  /** Whether the Up Next list shows. */
  #upNextOpen = false;

  /** The songs to come, in order: each moved up or down or taken out by named buttons, and Clear. */
  override render() {
    const player = this.#player.player;
    const upNext = player.upNext;
    const count = formatCount(upNext.length);
    const skipped = player.skipped;
    return html`<div>
      <p class="note" role="status">
        ${
          skipped
            ? msg(
                html`“<bdi>${skipped.track.name}</bdi>” is not downloaded and there is no connection: it was skipped.`,
                { id: 'player.skipped' },
              )
            : nothing
        }
      </p>
      <button
        type="button"
        class="secondary"
        aria-expanded=${this.#upNextOpen ? 'true' : 'false'}
        aria-controls="up-next"
        @click=${() => {
          this.#upNextOpen = !this.#upNextOpen;
          // The player gives an open list a line of its own.
          this.toggleAttribute('open', this.#upNextOpen);
          this.requestUpdate();
        }}
      >
        ${icon(ICONS.queue)} ${msg(str`Up Next (${count})`, { id: 'player.up-next.toggle' })}
      </button>
      ${
        this.#upNextOpen
          ? html`<div id="up-next">
              ${
                upNext.length === 0
                  ? html`<p>${msg('Nothing is up next.', { id: 'player.up-next.empty' })}</p>`
                  : html`<ol role="list" aria-label=${msg('Up Next', { id: 'player.up-next.label' })}>
                        ${upNext.map(
                          (item, index) =>
                            html`<li
                              draggable="true"
                              class=${this.#dropAt === index ? 'drop' : ''}
                              @dragstart=${(event: DragEvent) => this._dragStart(event, index)}
                              @dragover=${(event: DragEvent) => this._dragOver(event, index)}
                              @dragleave=${() => this._dragOver(null, null)}
                              @drop=${(event: DragEvent) => this._drop(event, index)}
                              @dragend=${() => this._drop(null, null)}
                            >
                              <span class="song" id="up-next-${index}"
                                ><bdi>${item.track.name}</bdi> · <bdi>${item.track.artist}</bdi></span
                              >
                              ${this._rowButton(msg('Move up', { id: 'player.up-next.up' }), index, ICONS.up, () => this._move(index, -1), index === 0)}
                              ${this._rowButton(msg('Move down', { id: 'player.up-next.down' }), index, ICONS.down, () => this._move(index, 1), index === upNext.length - 1)}
                              ${this._rowButton(msg('Remove', { id: 'player.up-next.remove' }), index, ICONS.close, () => this._removeFromUpNext(index))}
                            </li>`,
                        )}
                      </ol>
                      <button type="button" class="secondary" @click=${() => this._clear()}>
                        ${msg('Clear Up Next', { id: 'player.up-next.clear' })}
                      </button>`
              }
            </div>`
          : nothing
      }
    </div>`;
  }

  /** One of a row's buttons, named by what it does and described by the row's song. */
  private _rowButton(label: string, index: number, glyph: string, act: () => void, atEnd?: boolean) {
    return html`<button
      type="button"
      class="secondary"
      aria-label=${label}
      aria-describedby="up-next-${index}"
      aria-disabled=${atEnd === undefined ? nothing : String(atEnd)}
      @click=${act}
    >
      ${icon(glyph)}
    </button>`;
  }

  /** The song being dragged, and the place it would drop at (marked). */
  #dragged: number | null = null;
  #dropAt: number | null = null;

  private _dragStart(event: DragEvent, index: number): void {
    this.#dragged = index;
    // Firefox starts no drag without data.
    event.dataTransfer?.setData('text/plain', String(index));
    if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
  }

  private _dragOver(event: DragEvent | null, index: number | null): void {
    if (event && this.#dragged !== null) event.preventDefault();
    if (index === this.#dropAt) return;
    this.#dropAt = index;
    this.requestUpdate();
  }

  /** A drop moves the dragged song to this place (none: the drag ended elsewhere); the named buttons do the same by keyboard. */
  private _drop(event: DragEvent | null, index: number | null): void {
    event?.preventDefault();
    const from = this.#dragged;
    this.#dragged = null;
    this._dragOver(null, null);
    if (from !== null && index !== null && from !== index) this.#player.player.move(from, index);
  }

  /** Moves a song of Up Next; focus follows it, so the keys can move it on. */
  private async _move(index: number, by: -1 | 1): Promise<void> {
    const player = this.#player.player;
    const to = index + by;
    if (to < 0 || to >= player.upNext.length) return;
    if (by < 0) player.moveUp(index);
    else player.moveDown(index);
    await this.updateComplete;
    const buttons = this.renderRoot.querySelectorAll<HTMLButtonElement>(`#up-next li:nth-child(${to + 1}) button`);
    buttons[by < 0 ? 0 : 1]?.focus();
  }

  /** Takes a song out of Up Next; focus goes to the next one's Remove, or to the toggle. */
  private async _removeFromUpNext(index: number): Promise<void> {
    this.#player.player.removeFromUpNext(index);
    await this.updateComplete;
    const items = this.renderRoot.querySelectorAll('#up-next li');
    const next = items[Math.min(index, items.length - 1)];
    (next?.querySelectorAll('button')[2] ?? this.#toggle())?.focus();
  }

  /** Empties Up Next; focus goes to the toggle, the list's button being gone. */
  private async _clear(): Promise<void> {
    this.#player.player.clearUpNext();
    await this.updateComplete;
    this.#toggle()?.focus();
  }

  #toggle(): HTMLButtonElement | null {
    return this.renderRoot.querySelector<HTMLButtonElement>('button[aria-controls="up-next"]');
  }
}

customElements.define('ht-up-next', HtUpNext);

declare global {
  interface HTMLElementTagNameMap {
    'ht-up-next': HtUpNext;
  }
}
