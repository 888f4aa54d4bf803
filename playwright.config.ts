import { defineConfig } from '@playwright/test';
import {
  APP_OUT_DIR,
  APP_URL,
  CATALOG_URL,
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  FIREFOX_TAGS,
  FIREFOX_LAUNCHER,
  FIREFOX_PREFS,
  LANE,
  SAME_ORIGIN_APP_URL,
  STATIC_HOST_URL,
  WEBKIT_TAGS,
} from './tests/e2e/browser.ts';

const port = (url: string): string => new URL(url).port;

export default defineConfig({
  testDir: 'tests/e2e',
  // One folder per run: the WebKit run would otherwise clear what the first run left (traces, snapshots).
  outputDir: `test-results/${LANE}`,
  // The demo catalog's fault switches are server-wide: one test at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: `reports/playwright-${LANE}.json` }]],
  use: {
    baseURL: APP_URL,
    serviceWorkers: 'allow',
    trace: 'retain-on-failure',
  },
  // One lane per browser, one after the other: Chromium runs every test; Firefox (no Background Fetch,
  // as on every phone that is not Chromium) the tests marked EVERY_BROWSER. WebKit, which Playwright
  // cannot launch from Debian, runs the same tests over WebDriver in a run of its own
  // (HALF_TUNES_LANE=webkit; scripts/run-e2e.mjs runs both).
  projects:
    LANE === 'webkit'
      ? [{ name: 'webkit', grep: WEBKIT_TAGS }]
      : [
          {
            name: 'chromium',
            use: { browserName: 'chromium', launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS } },
          },
          {
            name: 'firefox',
            grep: FIREFOX_TAGS,
            use: {
              browserName: 'firefox',
              channel: 'moz-firefox',
              launchOptions: { executablePath: FIREFOX_LAUNCHER, firefoxUserPrefs: FIREFOX_PREFS },
            },
          },
        ],
  webServer: [
    {
      command: `vite preview --mode demo --host 127.0.0.1 --port ${port(SAME_ORIGIN_APP_URL)} --strictPort`,
      url: `${SAME_ORIGIN_APP_URL}/catalog/search?term=love`,
      reuseExistingServer: false,
    },
    {
      command: `tsx server/standalone.ts --port ${port(CATALOG_URL)}`,
      url: `${CATALOG_URL}/search?term=love`,
      reuseExistingServer: false,
    },
    {
      command: `vite preview --mode demo --outDir ${APP_OUT_DIR} --host 127.0.0.1 --port ${port(APP_URL)} --strictPort`,
      url: APP_URL,
      reuseExistingServer: false,
    },
    {
      command: `tsx tests/e2e/static-host.ts --root ${APP_OUT_DIR} --port ${port(STATIC_HOST_URL)}`,
      url: STATIC_HOST_URL,
      reuseExistingServer: false,
    },
  ],
});
