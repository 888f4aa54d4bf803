/**
 * Takes the manifest's screenshots (public/screenshots) from the running app:
 *   npm start   (in another terminal)
 *   npx tsx scripts/take-screenshots.ts [http://127.0.0.1:4173]
 */
import { mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/e2e/browser.ts';

const appUrl = process.argv[2] ?? 'http://127.0.0.1:4173';
const shots = [
  { file: 'public/screenshots/search-narrow.png', viewport: { width: 360, height: 640 }, scale: 2 },
  { file: 'public/screenshots/search-wide.png', viewport: { width: 1280, height: 800 }, scale: 1 },
];

mkdirSync('public/screenshots', { recursive: true });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
for (const shot of shots) {
  const page = await browser.newPage({ viewport: shot.viewport, deviceScaleFactor: shot.scale, colorScheme: 'dark' });
  await page.goto(appUrl);
  const box = page.getByRole('searchbox', { name: 'Search' });
  await box.fill('love');
  await box.press('Enter');
  await page.getByRole('button', { name: 'Download' }).first().waitFor();
  await page.evaluate(() => Promise.all(Array.from(document.images, (img) => img.decode().catch(() => undefined))));
  await page.locator('ht-update-toast').evaluate((toast) => toast.remove());
  await page.screenshot({ path: shot.file });
  await page.close();
}
await browser.close();
