/** The browsers and sessions the bench measures in. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../tests/e2e/browser.ts';
import { DEVTOOLS_ARGS, DevTools } from './devtools.ts';

/** A page to measure in, and how to put it away. */
export type Session = () => Promise<{ page: Page; close(): Promise<void> }>;

/** Debian's Chromium, as the e2e tests launch it: what the incognito sessions run in. */
export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });

/** A new incognito context each time: a new session with new connections and empty storage. */
export const freshSession =
  (browser: Browser): Session =>
  async () => {
    const context = await browser.newContext();
    return { page: await context.newPage(), close: () => context.close() };
  };

/** A new tab of `context` each time (storage and connections stay the context's). */
export const newTab =
  (context: BrowserContext): Session =>
  async () => {
    const page = await context.newPage();
    return { page, close: () => page.close() };
  };

/**
 * A new browser process on a new profile on disk each time, as a person's browser just started;
 * closing it deletes the profile.
 */
export const freshBrowser: Session = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-fresh-'));
  const context = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  return {
    // A persistent context opens with one tab: the only one, as a browser just started.
    page: context.pages()[0] ?? (await context.newPage()),
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

/** A browser on a profile on disk, as a person's (an incognito context keeps storage in memory). */
export interface Profile {
  dir: string;
  context: BrowserContext;
  /** Its DevTools endpoint, for the service worker's heap. */
  devtools: DevTools;
  close(): Promise<void>;
}

/** Launches Chromium on a new profile on disk, with its DevTools endpoint open (see devtools.ts). */
export async function openProfile(): Promise<Profile> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-profile-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, ...DEVTOOLS_ARGS],
  });
  const devtools = await DevTools.open(dir);
  return {
    dir,
    context,
    devtools,
    close: async () => {
      devtools.close();
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
