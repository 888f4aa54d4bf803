import { LitElement, css, html, nothing } from 'lit';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { installBridge } from '../install/install-prompt.ts';
import { controlStyles } from './shared-styles.ts';

/**
 * "Install" where the browser offers an install prompt; the "Add to Home Screen" steps on iOS Safari,
 * which has none; nothing once installed.
 */
export class HtInstallButton extends LitElement {
  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  static override styles = [
    controlStyles,
    css`
      details {
        max-width: 22rem;
      }
      summary {
        cursor: pointer;
        min-height: 44px;
        display: flex;
        align-items: center;
        font-weight: 600;
      }
    `,
  ];

  readonly #onChange = (): void => this.requestUpdate();

  override connectedCallback(): void {
    super.connectedCallback();
    installBridge.addEventListener('change', this.#onChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    installBridge.removeEventListener('change', this.#onChange);
  }

  override render() {
    switch (installBridge.option) {
      case 'prompt':
        return html`<button type="button" class="secondary" @click=${() => installBridge.install()}>
          ${msg('Install', { id: 'install.button' })}
        </button>`;
      case 'ios-instructions':
        return html`<details>
          <summary>${msg('Add to Home Screen', { id: 'install.ios.summary' })}</summary>
          <p>
            ${msg(
              'Tap the Share button in Safari, then “Add to Home Screen”. Half Tunes then opens like an app, even offline.',
              { id: 'install.ios.steps' },
            )}
          </p>
        </details>`;
      case 'none':
        return nothing;
    }
  }
}

customElements.define('ht-install-button', HtInstallButton);

declare global {
  interface HTMLElementTagNameMap {
    'ht-install-button': HtInstallButton;
  }
}
