import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Debian's Chromium (see scripts/ensure-browsers.mjs); CHROMIUM_PATH overrides. */
export const CHROMIUM_PATH =
  [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
    (path): path is string => !!path && existsSync(path),
  ) ?? '/usr/bin/chromium';

/** Debian's Firefox ESR, through our WebDriver BiDi launcher (see scripts/firefox-esr-bidi.mjs). */
export const FIREFOX_LAUNCHER = fileURLToPath(new URL('../../scripts/firefox-esr-bidi.mjs', import.meta.url));

/** Without this pref every `<audio>` fails with MediaError 3 on a machine with no sound device. */
export const FIREFOX_PREFS = { 'media.cubeb.force_mock_context': true };

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
/** The same build on a static host that sends the headers of its `_headers` file, as a CDN would. */
export const STATIC_HOST_URL = 'http://127.0.0.1:4176';
/** The app as `npm start` serves it, the demo catalog mounted on its own origin, for the tests of that. */
export const SAME_ORIGIN_APP_URL = 'http://127.0.0.1:4173';
export const SAME_ORIGIN_CATALOG_URL = `${SAME_ORIGIN_APP_URL}/catalog`;

/**
 * Marks a test whose steps hold in every browser a phone has: it runs in the Firefox lane too (see
 * playwright.config.ts). Tests of Chromium's own features (Background Fetch, the DevTools protocol,
 * notifications) stay in the Chromium lane.
 */
export const EVERY_BROWSER = { tag: '@every-browser' } as const;
/**
 * Marks a test that fakes a browser API before the app loads (an init script): it runs in the
 * Firefox lane too, but not in WebKit's, whose WebDriver has no init scripts.
 */
export const FAKES_BROWSER_API = { tag: '@fakes-browser-api' } as const;
/** What the Firefox lane runs. */
export const FIREFOX_TAGS = /@every-browser|@fakes-browser-api/;

/**
 * Marks a test that cuts the network under a running download: Firefox's emulated offline leaves the
 * worker's own requests going, so it runs in Chromium and WebKit (the lane's proxy cuts them all).
 */
export const CUTS_WORKER_NETWORK = { tag: '@cuts-worker-network' } as const;
export const WEBKIT_TAGS = /@every-browser|@cuts-worker-network/;

/**
 * Which browsers this run drives: Playwright's (Chromium, Firefox), or WebKitGTK over WebDriver
 * (`HALF_TUNES_LANE=webkit`), which Playwright cannot launch and so runs on its own.
 */
export const LANE: 'playwright' | 'webkit' = process.env.HALF_TUNES_LANE === 'webkit' ? 'webkit' : 'playwright';
