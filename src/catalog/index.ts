import { allowJsonpOrigin } from '../bridge/trusted-script-url.ts';
import { catalogBase } from '../shared/hosts.ts';
import { CatalogClient } from './client.ts';
import { jsonp } from './jsonp.ts';

const base = catalogBase(__HT_CATALOG_URL__, location.origin);
allowJsonpOrigin(base.origin);

/** The catalog this build is configured for (see `HALF_TUNES_CATALOG` in the README). */
export const catalog = new CatalogClient(base, (url, signal) => jsonp(url, { allowedOrigins: [base.origin], signal }));
