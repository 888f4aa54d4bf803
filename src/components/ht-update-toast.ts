import { LitElement, css, html, nothing } from 'lit';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { serviceWorkerBridge } from '../bridge/update.ts';
import { controlStyles } from './shared-styles.ts';

/**
 * Says "Ready to work offline" after the first install, "Update available — Reload" later, and asks
 * a tab left on the old version to reload once another tab took the update.
 */
export class HtUpdateToast extends LitElement {
  static override properties = { _dismissed: { state: true } };

  declare _dismissed: boolean;
  readonly #onNews = (): void => {
    this._dismissed = false;
    this.requestUpdate();
  };

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this._dismissed = false;
  }

  static override styles = [
    controlStyles,
    css`
      :host {
        position: fixed;
        /* Above the player bar. */
        inset: auto 12px 128px 12px;
        z-index: 4;
        display: flex;
        justify-content: center;
        pointer-events: none;
      }
      .toast {
        pointer-events: auto;
        display: flex;
        gap: 12px;
        align-items: center;
        flex-wrap: wrap;
        padding: 10px 16px;
        border-radius: var(--ht-radius);
        background: var(--ht-text);
        color: var(--ht-bg);
        box-shadow: 0 4px 16px rgb(0 0 0 / 0.3);
      }
      .toast button {
        background: var(--ht-bg);
        color: var(--ht-text);
        border-color: var(--ht-bg);
      }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    serviceWorkerBridge.addEventListener('news', this.#onNews);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    serviceWorkerBridge.removeEventListener('news', this.#onNews);
  }

  override render() {
    const news = this._dismissed ? null : serviceWorkerBridge.news;
    const reload = msg('Reload', { id: 'update.reload' });
    return html`<div role="status">
      ${
        news === 'update-available'
          ? html`<div class="toast">
              <span>${msg('Update available', { id: 'update.available' })}</span>
              <button type="button" @click=${() => serviceWorkerBridge.acceptUpdate()}>${reload}</button>
            </div>`
          : news === 'updated-elsewhere'
            ? html`<div class="toast">
                <span>
                  ${msg('Half Tunes was updated in another tab. Reload to use the new version.', {
                    id: 'update.elsewhere',
                  })}
                </span>
                <button type="button" @click=${() => location.reload()}>${reload}</button>
              </div>`
            : news === 'offline-ready'
              ? html`<div class="toast">
                  <span>${msg('Ready to work offline', { id: 'update.offline-ready' })}</span>
                  <button type="button" class="secondary" @click=${() => (this._dismissed = true)}>
                    ${msg('OK', { id: 'update.offline-ready.ok' })}
                  </button>
                </div>`
              : nothing
      }
    </div>`;
  }
}

customElements.define('ht-update-toast', HtUpdateToast);

declare global {
  interface HTMLElementTagNameMap {
    'ht-update-toast': HtUpdateToast;
  }
}
