import { css } from 'lit';

/** Declarations that keep words for assistive technology while showing nothing. */
export const visuallyHidden = css`
  position: absolute;
  width: 1px;
  height: 1px;
  overflow: hidden;
  clip-path: inset(50%);
  white-space: nowrap;
`;

/** Buttons and focus rings every component shares; buttons are 44 px touch targets unless a component says otherwise. */
export const controlStyles = css`
  button {
    font: inherit;
    font-weight: 600;
    min-height: 44px;
    min-width: 44px;
    padding-block: 0;
    padding-inline: 16px;
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
    ${visuallyHidden}
  }
`;

/** A labelled search field above a list of songs, as the search and the Downloads view show them. */
export const songListStyles = css`
  form {
    display: grid;
    gap: 6px;
    margin-block: 12px;
    margin-inline: 0;
  }
  label {
    font-weight: 600;
  }
  input[type='search'] {
    font: inherit;
    min-height: 48px;
    padding-block: 0;
    padding-inline: 14px;
    border-radius: var(--ht-radius);
    border: 2px solid var(--ht-border);
    background: var(--ht-surface);
    color: var(--ht-text);
    width: 100%;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    background: var(--ht-surface);
    border-radius: var(--ht-radius);
    border: 1px solid var(--ht-border);
  }
  li + li {
    border-block-start: 1px solid var(--ht-border);
  }
`;

/** An error in words with its way out (a button), for elements with role "alert". */
export const alertStyles = css`
  .alert {
    display: flex;
    flex-wrap: wrap;
    gap: 8px 16px;
    align-items: center;
    justify-content: space-between;
    padding-block: 10px;
    padding-inline: 14px;
    border-radius: var(--ht-radius);
    background: var(--ht-danger-bg);
    color: var(--ht-danger);
    margin-block: 8px;
    margin-inline: 0;
  }
`;
