import { expect, resultNames, search, test, waitForServiceWorker } from './fixtures.ts';

const leftovers = () =>
  ({
    scripts: document.querySelectorAll('script[src*="callback="]').length,
    globals: Object.keys(window).filter((key) => key.startsWith('__halfTunesJsonp_')),
  }) as const;

test('with the catalog cross-origin and CORS off, JSONP finds the same songs and leaves nothing behind', async ({
  page,
  catalog,
}) => {
  await page.goto('/');
  await waitForServiceWorker(page);
  await search(page, 'harbour');
  await expect(page.getByRole('status').filter({ hasText: 'songs found for “harbour”' })).toBeVisible();
  const withCors = await resultNames(page);
  expect(withCors.length).toBeGreaterThan(0);
  expect((await catalog.requests()).some((request) => request.query.includes('callback='))).toBe(false);

  await catalog.setFaults({ search: { noCors: true } });
  await page.reload();
  await search(page, 'harbour');
  await expect(page.getByRole('status').filter({ hasText: 'songs found for “harbour”' })).toBeVisible();
  expect(await resultNames(page)).toEqual(withCors);

  const jsonpCalls = (await catalog.requests()).filter((request) => request.query.includes('callback='));
  expect(jsonpCalls).toHaveLength(1);
  expect(jsonpCalls[0]!.query).toMatch(/callback=__halfTunesJsonp_[0-9a-f]{32}/);
  expect(await page.evaluate(leftovers)).toEqual({ scripts: 0, globals: [] });

  // Later searches go straight to JSONP, and the artwork still comes from the catalog.
  await search(page, 'amelie');
  await expect(page.getByRole('status').filter({ hasText: '6 songs found for “amelie”' })).toBeVisible();
  expect(await page.evaluate(leftovers)).toEqual({ scripts: 0, globals: [] });
});

test('a script URL outside the policy is refused', async ({ page, consoleErrors }) => {
  await page.goto('/');
  const error = await page.evaluate(() => {
    const script = document.createElement('script');
    try {
      script.src = 'https://evil.example/x.js';
      return null;
    } catch (caught) {
      return (caught as Error).name;
    }
  });
  expect(error).toBe('TypeError');
  // Chromium reports the refusal on the console, and every lane reports the policy's violation: the
  // errors this test expects.
  expect(consoleErrors).toHaveLength(2);
  expect(consoleErrors).toEqual(
    expect.arrayContaining([
      expect.stringContaining("requires 'TrustedScriptURL' assignment"),
      expect.stringContaining('Content-Security-Policy violation: require-trusted-types-for'),
    ]),
  );
  consoleErrors.length = 0;
});
