import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { CATALOG_URL, SAME_ORIGIN_CATALOG_URL } from './browser.ts';

/** Drives a demo catalog's control endpoint (see README, "Fault switches"). */
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

  async requests(): Promise<{ path: string; query: string; range: string | null; status: number; bytes: number }[]> {
    const response = await fetch(`${this.base}/__control/stats`);
    return ((await response.json()) as { requests: Awaited<ReturnType<CatalogControl['requests']>> }).requests;
  }

  reset(): Promise<void> {
    return this.#change('reset', 'POST');
  }
}

/** Adds every console error and uncaught exception of `context`'s pages to `errors`. */
export function collectErrors(context: BrowserContext, errors: string[]): void {
  context.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${message.location().url}: ${message.text()}`);
  });
  context.on('weberror', (error) => errors.push(`uncaught: ${error.error().message}`));
}

interface Fixtures {
  /** The demo catalog on another origin, as production has it: what the default app talks to. */
  catalog: CatalogControl;
  /** The demo catalog mounted in the app's own server (`SAME_ORIGIN_APP_URL`, as `npm start`). */
  sameOriginCatalog: CatalogControl;
  /** Console errors and uncaught exceptions of every page; each test ends by checking there are none. */
  consoleErrors: string[];
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
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
    async ({ context }, use) => {
      const errors: string[] = [];
      collectErrors(context, errors);
      await use(errors);
      expect(errors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

export { EVERY_BROWSER } from './browser.ts';

/** Waits until the service worker controls the page (it claims the page on its first install). */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

/** Types a search and waits for it to settle. */
export async function search(page: Page, term: string): Promise<void> {
  const box = page.getByRole('searchbox', { name: 'Search' });
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
