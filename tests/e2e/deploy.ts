import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import { APP_OUT_DIR } from './browser.ts';
import { expect, test } from './fixtures.ts';

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
  } catch (error) {
    await attachUpdateState(page);
    throw error;
  } finally {
    writeFileSync(SW_FILE, original);
  }
}

/**
 * What each page of `page`'s context showed and knew of the worker's versions when an update test
 * failed, a short line a page (the list reporter cuts long attachments): whether the new version never
 * activated (the old one still busy) or a page never acted on it.
 */
async function attachUpdateState(page: Page): Promise<void> {
  const lines = await Promise.all(
    page
      .context()
      .pages()
      .map((each) => Promise.race([stateOf(each), unanswered(each)])),
  );
  await test.info().attach('update state', { body: lines.join('\n'), contentType: 'text/plain' });
}

const stateOf = (page: Page): Promise<string> =>
  page
    .evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      // Toasts live in the components' shadow roots.
      const said = (root: Document | ShadowRoot): string[] =>
        [...root.querySelectorAll('*')].flatMap((element) => [
          ...(element.matches('[role="status"], [role="alert"]') ? [element.textContent.trim()] : []),
          ...(element.shadowRoot ? said(element.shadowRoot) : []),
        ]);
      const version = (worker: ServiceWorker | null | undefined): string => worker?.state ?? 'none';
      return [
        location.hash || '/',
        `controller ${version(navigator.serviceWorker.controller)}`,
        `active ${version(registration?.active)}`,
        `waiting ${version(registration?.waiting)}`,
        `installing ${version(registration?.installing)}`,
        `says ${JSON.stringify(
          said(document)
            .map((text) => text.replace(/\s+/g, ' '))
            .filter((text) => /updat|offline|reload/i.test(text)),
        )}`,
      ].join(' | ');
    })
    .catch((error: unknown) => `${page.url()} | unreadable: ${String(error)}`);

/** A page in the middle of a navigation answers nothing: say so rather than wait. */
const unanswered = (page: Page): Promise<string> =>
  new Promise((resolve) => setTimeout(() => resolve(`${page.url()} | no answer in 5 s`), 5000));
