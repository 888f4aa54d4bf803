import { existsSync } from 'node:fs';

/** Debian's Chromium (see scripts/ensure-chromium.mjs); CHROMIUM_PATH overrides. */
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

/** Where the test servers listen (see playwright.config.ts). */
export const APP_URL = 'http://127.0.0.1:4173';
/** The app built against a catalog on another origin. */
export const CROSS_APP_URL = 'http://127.0.0.1:4175';
/** The demo catalog running alone, cross-origin to CROSS_APP_URL. */
export const CROSS_CATALOG_URL = 'http://127.0.0.1:4180';
