import { LitElement, css, html, nothing } from 'lit';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import type { Album, Track } from '../shared/catalog.ts';
import { shareDataFor, type ShareData } from '../shared/share-link.ts';
import { alertStyles, controlStyles } from './shared-styles.ts';

/** What the last press did: shared or copied (a status), or could not copy (an alert with the link). */
type Outcome = 'copied' | 'copy-failed' | null;

/**
 * "Share" for a song or an album: the system's share sheet (Web Share) with the title and the store
 * page's address where the browser has one, else "Copy link" with a status line. Nothing shows for an
 * item without a store page we allow (`shareDataFor`).
 */
export class HtShareButton extends LitElement {
  static override properties = { item: { attribute: false }, _outcome: { state: true } };

  declare item: Track | Album | null;
  declare _outcome: Outcome;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.item = null;
    this._outcome = null;
  }

  static override styles = [
    controlStyles,
    alertStyles,
    css`
      :host {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 4px 12px;
      }
      p {
        margin: 0;
      }
    `,
  ];

  /** Whether the browser can share `data` through the system (desktop Chromium on Linux cannot). */
  static #canShare(data: ShareData): boolean {
    return typeof navigator.share === 'function' && (navigator.canShare?.(data) ?? true);
  }

  override render() {
    const data = this.item ? shareDataFor(this.item) : null;
    if (!data) return nothing;
    const sharing = HtShareButton.#canShare(data);
    return html`
      <button type="button" class="secondary" @click=${() => void this._share(data, sharing)}>
        ${sharing ? msg('Share', { id: 'share.button' }) : msg('Copy link', { id: 'share.copy' })}
      </button>
      <p role="status">${this._outcome === 'copied' ? msg('Link copied.', { id: 'share.copied' }) : nothing}</p>
      ${
        this._outcome === 'copy-failed'
          ? html`<p class="alert" role="alert">
              ${msg(str`The link couldn't be copied. Here it is to copy by hand: ${data.url}`, {
                id: 'share.copy-failed',
              })}
            </p>`
          : nothing
      }
    `;
  }

  private async _share(data: ShareData, sharing: boolean): Promise<void> {
    this._outcome = null;
    if (sharing) {
      try {
        await navigator.share(data);
        return;
      } catch (error) {
        // The person closed the sheet: nothing to say. Anything else: the link is copied instead.
        if (error instanceof DOMException && error.name === 'AbortError') return;
      }
    }
    try {
      await navigator.clipboard.writeText(data.url);
      this._outcome = 'copied';
    } catch {
      this._outcome = 'copy-failed';
    }
  }
}

customElements.define('ht-share-button', HtShareButton);

declare global {
  interface HTMLElementTagNameMap {
    'ht-share-button': HtShareButton;
  }
}
