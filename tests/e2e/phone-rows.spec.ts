import type { Page } from '@playwright/test';
import { accessibilityViolations, expectVisible, type AppPage } from './app-page.ts';
import { EVERY_BROWSER, expect, search, test, waitForServiceWorker } from './fixtures.ts';
import { progressOf } from './downloads-helpers.ts';
import { PSEUDO_LOCALE } from '../../src/i18n/locales.ts';
import { pseudoMessage as pseudo } from '../../scripts/pseudo.ts';

const PHONE = { width: 390, height: 844 };

interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}
interface RowGeometry {
  row: Box;
  buttons: (Box & { name: string })[];
  links: (Box & { name: string })[];
  progress: Box | null;
}

/** Where each search result, its buttons, links and progress bar are on screen. */
const rowGeometry = (app: AppPage): Promise<RowGeometry[]> =>
  app.evaluate(() => {
    const box = (element: Element) => {
      const { top, bottom, left, right } = element.getBoundingClientRect();
      return { top, bottom, left, right };
    };
    const named = (element: Element) => ({ ...box(element), name: (element.textContent ?? '').trim() });
    const search = document.querySelector('ht-app')?.shadowRoot?.querySelector('ht-search')?.shadowRoot;
    return [...(search?.querySelectorAll('ht-track-row') ?? [])].map((row) => {
      const root = row.shadowRoot!;
      const progress = root.querySelector('progress');
      return {
        row: box(row),
        buttons: [...root.querySelectorAll('button')].map(named),
        links: [...root.querySelectorAll('a')].map(named),
        progress: progress ? box(progress) : null,
      };
    });
  });

const inside = (inner: Box, outer: Box): boolean =>
  inner.top >= outer.top && inner.bottom <= outer.bottom && inner.left >= outer.left && inner.right <= outer.right;

for (const { scheme, lanes, pseudoLocale } of [
  { scheme: 'light' as const, lanes: EVERY_BROWSER, pseudoLocale: false },
  // Only Chromium's lane can emulate dark mode.
  { scheme: 'dark' as const, lanes: {}, pseudoLocale: false },
  // Words about 30 % longer than English, as many languages have them, still fit.
  { scheme: 'light' as const, lanes: {}, pseudoLocale: true },
]) {
  const words = (text: string): string => (pseudoLocale ? pseudo(text) : text);
  test(
    `a phone shows many compact results, one line of named buttons each, progress inside the row, in ${scheme} mode${pseudoLocale ? ', in the pseudo-locale' : ''}`,
    lanes,
    async ({ app, catalog }) => {
      await app.setViewportSize(PHONE);
      if (scheme === 'dark') await (app as Page).emulateMedia({ colorScheme: scheme });
      if (pseudoLocale) {
        await (app as Page).addInitScript(
          (locale) => localStorage.setItem('half-tunes:language', locale),
          PSEUDO_LOCALE,
        );
      }
      // A preview's first 300 kB come at once, the rest would take 11 minutes, longer than a test may
      // run: the download shows progress, and is still in progress when the row is measured and when
      // Cancel is clicked, however slow the browser.
      await catalog.setFaults({ previews: { fastBytes: 300_000, bytesPerSecond: 1_000 } });
      await app.goto('/?engine=range');
      await waitForServiceWorker(app);
      await search(app, 'love', words('Search'));
      const results = app.getByRole('list', { name: words('Search results') });
      const harbour = results.getByRole('listitem').filter({ hasText: 'Love on the Harbour' });
      // The buttons show icons, and are named by their words.
      await expectVisible(harbour.getByRole('button', { name: words('Play preview'), exact: true }));
      await harbour.getByRole('button', { name: words('Download'), exact: true }).click();
      await expect.poll(() => progressOf(harbour), { timeout: 20_000 }).toBeGreaterThan(0);
      await expectVisible(harbour.getByRole('button', { name: words('Pause'), exact: true }));
      await expectVisible(harbour.getByRole('button', { name: words('Cancel'), exact: true }));

      const rows = await rowGeometry(app);
      expect(rows.length).toBeGreaterThanOrEqual(8);
      // Three rows fitted on this screen before; the first results start under the search field.
      const onScreen = rows.filter(({ row }) => row.top >= 0 && row.bottom <= PHONE.height);
      expect(onScreen.length).toBeGreaterThanOrEqual(5);
      for (const { row, buttons, links } of rows) {
        expect(buttons.length).toBeGreaterThan(0);
        for (const target of [...buttons, ...links]) {
          expect(target.name, 'every button and link has words').not.toBe('');
          expect(target.bottom - target.top, `${target.name} is tall enough to touch`).toBeGreaterThanOrEqual(24);
          expect(target.right - target.left, `${target.name} is wide enough to touch`).toBeGreaterThanOrEqual(24);
          expect(inside(target, row), `${target.name} is inside its row`).toBe(true);
        }
        expect(new Set(buttons.map((button) => Math.round(button.top))).size, 'buttons on one line').toBe(1);
      }
      const downloading = rows.filter(({ progress }) => progress !== null);
      expect(downloading).toHaveLength(1);
      const { row, progress } = downloading[0]!;
      expect(inside(progress!, row), 'the progress bar is inside its row').toBe(true);
      expect(progress!.right - progress!.left).toBeGreaterThan((row.right - row.left) / 2);

      expect(await accessibilityViolations(app)).toEqual([]);
      await harbour.getByRole('button', { name: words('Cancel'), exact: true }).click();
      await catalog.setFaults({});
    },
  );
}
