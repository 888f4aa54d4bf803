import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import { APP_OUT_DIR } from './browser.ts';
import { expect } from './fixtures.ts';

/** The worker of the app the tests open by default. */
const SW_FILE = fileURLToPath(new URL(`../../${APP_OUT_DIR}/sw.js`, import.meta.url));

/**
 * "Deploys" a new build for the length of `run` (any change to the worker's bytes makes it a new
 * version, `addition` is appended), has `page` look for it, and hands `run` the "Update available"
 * toast once it shows. The first build is put back afterwards.
 */
export async function withNewBuild(
  page: Page,
  run: (toast: Locator) => Promise<void>,
  addition = `// deployed ${Date.now()}`,
  /** What the toast says, in the language of the page. */
  toastText: string | RegExp = 'Update available',
): Promise<void> {
  const original = readFileSync(SW_FILE, 'utf8');
  try {
    writeFileSync(SW_FILE, `${original}\n${addition}\n`);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    const toast = page.getByRole('status').filter({ hasText: toastText });
    await expect(toast).toBeVisible();
    await run(toast);
  } finally {
    writeFileSync(SW_FILE, original);
  }
}
