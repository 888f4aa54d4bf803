import type { BrowserType, LaunchOptions } from '@playwright/test';
import type { AppPage } from './app-page.ts';
import { APP_URL } from './browser.ts';
import { collectErrors, expect, type OpenedBrowser } from './fixtures.ts';
import { WebKitPage } from './webkit/webkit-page.ts';
import type { WebKitDriver } from './webkit/webkit-browser.ts';

/** The profile of a private window: kept in memory only, gone when the browser closes. */
export const PRIVATE_WINDOW = 'ephemeral';

/** Playwright's browser on a profile directory that outlives it, as a person's browser does. */
export async function openPlaywright(
  browserType: BrowserType,
  launchOptions: LaunchOptions & { channel?: string },
  profile: string,
  errors: string[],
): Promise<OpenedBrowser> {
  const options = { baseURL: APP_URL, serviceWorkers: 'allow' as const };
  const context =
    profile === PRIVATE_WINDOW
      ? await (await browserType.launch(launchOptions)).newContext(options)
      : await browserType.launchPersistentContext(profile, { ...launchOptions, ...options });
  await collectErrors(context, errors);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    app: page,
    setOffline: (offline) => context.setOffline(offline),
    close: async () => {
      const browser = context.browser();
      await context.close();
      await browser?.close();
    },
  };
}

/** WebKitGTK on a profile directory (see tests/e2e/webkit/webkit-browser.ts). */
export async function openWebKit(driver: WebKitDriver, profile: string, errors: string[]): Promise<OpenedBrowser> {
  const onError = (error: string): number => errors.push(error);
  const session = await driver.open(profile, onError);
  const page = new WebKitPage(session, APP_URL, onError);
  const app: AppPage = page;
  let closed = false;
  return {
    app,
    async setOffline(offline) {
      // The launcher's switch (scripts/webkit-launcher.py); it answers by changing navigator.onLine.
      await app.evaluate(
        (state) => {
          (
            window as unknown as { webkit: { messageHandlers: { lane: { postMessage(m: string): void } } } }
          ).webkit.messageHandlers.lane.postMessage(state);
        },
        offline ? 'offline' : 'online',
      );
      await expect.poll(() => app.evaluate(() => navigator.onLine)).toBe(!offline);
    },
    async close() {
      if (closed) return;
      closed = true;
      await page.collectErrors();
      await driver.close(session);
    },
  };
}
