import { existsSync } from 'node:fs';

/** Debian's Chromium (see scripts/ensure-browsers.mjs); CHROMIUM_PATH overrides. */
export const CHROMIUM_PATH =
  [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
    (path): path is string => !!path && existsSync(path),
  ) ?? '/usr/bin/chromium';

/** Without these Chromium floods the machine's closed network with background requests. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

/*
 * Where the test servers listen (see playwright.config.ts). Tests run in production's shape by
 * default: the catalog, and so every preview and artwork, on another origin than the app.
 */

/** The app built against the demo catalog on another origin: every test's default. */
export const APP_URL = 'http://127.0.0.1:4175';
/** Where `npm run build:test` puts that build. */
export const APP_OUT_DIR = 'dist-cross';
/** The demo catalog running alone, cross-origin to APP_URL. */
export const CATALOG_URL = 'http://127.0.0.1:4180';
/** The app as `npm start` serves it, the demo catalog mounted on its own origin, for the tests of that. */
export const SAME_ORIGIN_APP_URL = 'http://127.0.0.1:4173';
export const SAME_ORIGIN_CATALOG_URL = `${SAME_ORIGIN_APP_URL}/catalog`;
