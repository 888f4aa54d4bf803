import { allowJsonpOrigin } from '../security/trusted-script-url.ts';
import { catalogBase } from '../shared/hosts.ts';
import { CatalogClient, type JsonpMemory } from './client.ts';
import { jsonp } from './jsonp.ts';
import { browserLanguages, catalogLanguage, storeCountry } from './store-country.ts';

const base = catalogBase(__HT_CATALOG_URL__, location.origin);
allowJsonpOrigin(base.origin);

/** The catalog this build is configured for (see `HALF_TUNES_CATALOG` in the README). */
export const catalog = new CatalogClient(base, (url, signal) => jsonp(url, { allowedOrigins: [base.origin], signal }), {
  jsonpMemory: sessionMemory(`half-tunes:jsonp:${base.origin}`),
  locale: () => ({ country: storeCountry(), lang: catalogLanguage(browserLanguages()) }),
});

/** The JSONP switch kept in `sessionStorage` (this tab, reloads included); in memory where it is refused. */
function sessionMemory(key: string): JsonpMemory {
  let needed = false;
  try {
    needed = sessionStorage.getItem(key) === 'yes';
  } catch {
    // Storage refused (a sandboxed frame): remembered for this page only.
  }
  return {
    get needed() {
      return needed;
    },
    remember() {
      needed = true;
      try {
        sessionStorage.setItem(key, 'yes');
      } catch {
        // As above.
      }
    },
  };
}
