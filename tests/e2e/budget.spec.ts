import { gzipSync } from 'node:zlib';
import { expect, test } from './fixtures.ts';

/** docs/testing.md states this budget. */
const FIRST_SCREEN_JS_BUDGET = 40 * 1024;

test('the first screen loads under 40 KB of gzipped JavaScript', async ({ page }) => {
  const scripts: Promise<number>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') {
      scripts.push(response.body().then((body) => gzipSync(body).length));
    }
  });
  await page.goto('/');
  await expect(page.getByRole('searchbox', { name: 'Search' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  const total = (await Promise.all(scripts)).reduce((sum, size) => sum + size, 0);
  test.info().annotations.push({ type: 'first-screen JS (gzip)', description: `${total} bytes` });
  expect(scripts.length).toBeGreaterThan(0);
  expect(total).toBeLessThan(FIRST_SCREEN_JS_BUDGET);
});
