import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { APP_URL, CROSS_CATALOG_URL } from './browser.ts';

/** Drives a demo catalog's control endpoint (see README, "Fault switches"). */
export class CatalogControl {
  constructor(readonly base: string) {}

  async setFaults(faults: unknown): Promise<void> {
    const response = await fetch(`${this.base}/__control/faults`, { method: 'PUT', body: JSON.stringify(faults) });
    expect(response.ok).toBe(true);
  }

  async addResults(items: unknown[]): Promise<void> {
    const response = await fetch(`${this.base}/__control/extra-results`, {
      method: 'PUT',
      body: JSON.stringify(items),
    });
    expect(response.ok).toBe(true);
  }

  async requests(): Promise<{ path: string; query: string; range: string | null; status: number; bytes: number }[]> {
    const response = await fetch(`${this.base}/__control/stats`);
    return ((await response.json()) as { requests: Awaited<ReturnType<CatalogControl['requests']>> }).requests;
  }

  async reset(): Promise<void> {
    await fetch(`${this.base}/__control/reset`, { method: 'POST' });
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
  /** The demo catalog mounted in the app's own server. */
  catalog: CatalogControl;
  /** The demo catalog running alone on another origin. */
  crossCatalog: CatalogControl;
  /** Console errors and uncaught exceptions of every page; each test ends by checking there are none. */
  consoleErrors: string[];
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
  catalog: async ({}, use) => {
    const control = new CatalogControl(`${APP_URL}/catalog`);
    await control.reset();
    await use(control);
    await control.reset();
  },
  // eslint-disable-next-line no-empty-pattern -- as above
  crossCatalog: async ({}, use) => {
    const control = new CatalogControl(CROSS_CATALOG_URL);
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
