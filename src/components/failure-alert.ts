import { html, nothing } from 'lit';
import { msg } from '@lit/localize';
import { VIEW_HREF } from '../controllers/route-controller.ts';

/**
 * A view's failure in words, with its ways out: "Try again", and, where the view is reached from
 * search, the way back to it. Its class is the views' own "alert" style.
 */
export function failureAlert(words: unknown, retry: () => void, backToSearch: boolean) {
  return html`<div class="alert" role="alert">
    <span>${words}</span>
    <button type="button" class="secondary" @click=${retry}>${msg('Try again', { id: 'album.try-again' })}</button>
    ${backToSearch ? html`<a href=${VIEW_HREF.search}>${msg('Back to search', { id: 'album.back' })}</a>` : nothing}
  </div>`;
}
