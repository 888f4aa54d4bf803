import { hashForShare } from '../controllers/route-controller.ts';
import { parseShared } from '../shared/share-link.ts';
import { storeCountry } from '../catalog/store-country.ts';
import { hasSharedLink, SHARE_PARAMS } from './share-params.ts';
import { refuseSharedLink } from './share-refusal.ts';

/**
 * What another app shared to the installed app (the manifest's `share_target` opens
 * `/?share-title=…&share-text=…&share-url=…`): a song or an album of Apple Music opens in its view;
 * anything else is said in words (`sharedLinkRefused`). Runs before the views read the address, and
 * is loaded only when something was shared (`hasSharedLink`).
 */

/** Turns a shared link in the address into the view it opens, and takes the share's parameters away. */
export function openSharedLink(): void {
  const params = new URLSearchParams(location.search);
  if (!hasSharedLink(location.search)) return;
  const names = Object.values(SHARE_PARAMS);
  const hash = hashForShare(
    parseShared({
      title: params.get(SHARE_PARAMS.title),
      text: params.get(SHARE_PARAMS.text),
      url: params.get(SHARE_PARAMS.url),
    }),
    storeCountry(),
  );
  for (const name of names) params.delete(name);
  const query = params.size > 0 ? `?${params.toString()}` : '';
  if (hash === null) refuseSharedLink();
  history.replaceState(null, '', `${location.pathname}${query}${hash ?? location.hash}`);
  // A replaced address fires no hashchange: the views may already follow it (the first screen's
  // chunk defines them before this module loads).
  dispatchEvent(new HashChangeEvent('hashchange'));
}
