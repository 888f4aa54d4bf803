import { fileURLToPath } from 'node:url';
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import type { ServedRequest } from '../../server/catalog-server.ts';
import type { LinkSettings } from '../../server/link.ts';
import type { AppPage } from './app-page.ts';
import { CATALOG_URL, LANE, SAME_ORIGIN_CATALOG_URL } from './browser.ts';
import { openPlaywright, openWebKit } from './open-browser.ts';
import { startWebKitDriver, type WebKitDriver } from './webkit/webkit-browser.ts';

/** Drives a demo catalog's control endpoint (see docs/demo-catalog.md, "Fault switches"). */
export class CatalogControl {
  constructor(readonly base: string) {}

  /** Changes something; the catalog takes changes only as JSON, so no cross-site form can. */
  async #change(path: string, method: string, body?: unknown): Promise<void> {
    const response = await fetch(`${this.base}/__control/${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(response.ok, `${method} /__control/${path}`).toBe(true);
  }

  setFaults(faults: unknown): Promise<void> {
    return this.#change('faults', 'PUT', faults);
  }

  addResults(items: unknown[]): Promise<void> {
    return this.#change('extra-results', 'PUT', items);
  }

  /** The server-wide faults now set. */
  async faults(): Promise<unknown> {
    return (await fetch(`${this.base}/__control/faults`)).json();
  }

  /** Shapes every answer to one link (as a phone's); `{}` takes the link away. */
  setLink(link: LinkSettings): Promise<void> {
    return this.#change('link', 'PUT', link);
  }

  async requests(): Promise<ServedRequest[]> {
    const response = await fetch(`${this.base}/__control/stats`);
    return ((await response.json()) as { requests: ServedRequest[] }).requests;
  }

  reset(): Promise<void> {
    return this.#change('reset', 'POST');
  }
}

/** Where the script lives that turns a page's CSP violations into console errors (every lane runs it). */
export const REPORT_POLICY_VIOLATIONS = fileURLToPath(new URL('./report-policy-violations.js', import.meta.url));

/**
 * Adds every console error and uncaught exception of `context`'s pages to `errors`, Content-Security-
 * Policy violations included (reported as console errors by `REPORT_POLICY_VIOLATIONS`).
 */
export async function collectErrors(context: BrowserContext, errors: string[]): Promise<void> {
  await context.addInitScript({ path: REPORT_POLICY_VIOLATIONS });
  context.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${message.location().url}: ${message.text()}`);
  });
  context.on('weberror', (error) => errors.push(`uncaught: ${error.error().message}`));
}

/** A browser on a profile of its own, opened by a walk (a restart opens the same profile again). */
export interface OpenedBrowser {
  app: AppPage;
  /** Turns the network off and on, for every request of the browser, its service worker's included. */
  setOffline(offline: boolean): Promise<void>;
  close(): Promise<void>;
}

interface Fixtures {
  /** The demo catalog on another origin, as production has it: what the default app talks to. */
  catalog: CatalogControl;
  /** The demo catalog mounted in the app's own server (`SAME_ORIGIN_APP_URL`, as `npm start`). */
  sameOriginCatalog: CatalogControl;
  /** Console errors and uncaught exceptions of every page; each test ends by checking there are none. */
  consoleErrors: string[];
  /**
   * Opens this lane's browser on `profile` (a directory, or PRIVATE_WINDOW); each is closed at the end
   * of the test.
   */
  openBrowser: (profile: string) => Promise<OpenedBrowser>;
  /** The WebKit lane's browser for `app`, on a fresh profile. */
  webkitBrowser: OpenedBrowser;
  /** The app in this lane's browser: the page walks of every lane use. */
  app: AppPage;
  /** Cuts and restores the network of `app`'s browser. */
  setOffline: (offline: boolean) => Promise<void>;
  /** Grants `app`'s origin permissions, where the lane can (WebKitGTK over WebDriver cannot). */
  grantPermissions: (permissions: string[]) => Promise<void>;
}

interface WorkerFixtures {
  webkitDriver: WebKitDriver;
}

/**
 * The lanes of Playwright's browsers (Chromium, Firefox) take `app` from Playwright's own page; the
 * WebKit lane (`HALF_TUNES_LANE=webkit`, its own run: see scripts/run-e2e.mjs) from WebKitWebDriver.
 */
const inWebKit = LANE === 'webkit';

export const test = base.extend<Fixtures, WorkerFixtures>({
  webkitDriver: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
    async ({}, use) => {
      const driver = await startWebKitDriver();
      await use(driver);
      await driver.stop();
    },
    { scope: 'worker' },
  ],
  // eslint-disable-next-line no-empty-pattern -- as above
  catalog: async ({}, use) => {
    const control = new CatalogControl(CATALOG_URL);
    await control.reset();
    await use(control);
    await control.reset();
  },
  // eslint-disable-next-line no-empty-pattern -- as above
  sameOriginCatalog: async ({}, use) => {
    const control = new CatalogControl(SAME_ORIGIN_CATALOG_URL);
    await control.reset();
    await use(control);
    await control.reset();
  },
  consoleErrors: [
    // eslint-disable-next-line no-empty-pattern -- as above
    async ({}, use) => {
      const errors: string[] = [];
      await use(errors);
      expect(errors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
  context: async ({ context, consoleErrors }, use) => {
    await collectErrors(context, consoleErrors);
    await use(context);
  },
  openBrowser: inWebKit
    ? async ({ webkitDriver, consoleErrors }, use) => {
        const opened: OpenedBrowser[] = [];
        await use(async (profile) => {
          const browser = await openWebKit(webkitDriver, profile, consoleErrors);
          opened.push(browser);
          return browser;
        });
        for (const browser of opened) await browser.close();
      }
    : async ({ playwright, browserName, channel, launchOptions, consoleErrors }, use) => {
        const opened: OpenedBrowser[] = [];
        await use(async (profile) => {
          const browser = await openPlaywright(
            playwright[browserName],
            { ...launchOptions, channel },
            profile,
            consoleErrors,
          );
          opened.push(browser);
          return browser;
        });
        for (const browser of opened) await browser.close();
      },
  webkitBrowser: async ({ openBrowser }, use, testInfo) => {
    await use(await openBrowser(testInfo.outputPath('profile')));
  },
  app: inWebKit ? async ({ webkitBrowser }, use) => use(webkitBrowser.app) : async ({ page }, use) => use(page),
  setOffline: inWebKit
    ? async ({ webkitBrowser }, use) => use((offline) => webkitBrowser.setOffline(offline))
    : async ({ context }, use) => use((offline) => context.setOffline(offline)),
  grantPermissions: inWebKit
    ? // eslint-disable-next-line no-empty-pattern -- as above
      async ({}, use) => use(async () => undefined)
    : async ({ context }, use) => use((permissions) => context.grantPermissions(permissions)),
});

export { expect };

export { CUTS_WORKER_NETWORK, EVERY_BROWSER, FAKES_BROWSER_API } from './browser.ts';
export { PRIVATE_WINDOW } from './open-browser.ts';

/** Waits until the service worker controls the page (it claims the page on its first install). */
export async function waitForServiceWorker(app: AppPage): Promise<void> {
  // A first install precaches the app: on a busy machine that takes more than a default expect's 10 s.
  await expect
    .poll(() => app.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 30_000 })
    .toBe(true);
}

/** Types a search and waits for it to settle. */
export async function search(app: AppPage, term: string, boxName = 'Search'): Promise<void> {
  const box = app.getByRole('searchbox', { name: boxName });
  await box.fill(term);
  await box.press('Enter');
}

/** The names of the songs in the results list, in order. */
export async function resultNames(page: Page): Promise<string[]> {
  return page
    .getByRole('list', { name: 'Search results' })
    .getByRole('listitem')
    .evaluateAll((items) =>
      items.map((item) => item.querySelector('ht-track-row')?.shadowRoot?.querySelector('.name')?.textContent ?? ''),
    );
}
