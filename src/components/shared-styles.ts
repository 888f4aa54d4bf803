import { css } from 'lit';

/** Buttons and focus rings every component shares; touch targets stay at least 44 px tall. */
export const controlStyles = css`
  button {
    font: inherit;
    font-weight: 600;
    min-height: 44px;
    min-width: 44px;
    padding: 0 16px;
    border-radius: 999px;
    border: 1px solid var(--ht-accent);
    background: var(--ht-accent);
    color: var(--ht-accent-text);
    cursor: pointer;
  }
  button.secondary {
    background: transparent;
    color: var(--ht-accent);
  }
  button:focus-visible,
  input:focus-visible,
  a:focus-visible {
    outline: 3px solid var(--ht-focus);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
