import { expectText, expectVisible } from './app-page.ts';
import { EVERY_BROWSER, expect, test, waitForServiceWorker } from './fixtures.ts';

test(
  'a Content-Security-Policy violation in a page is an error every lane fails on',
  EVERY_BROWSER,
  async ({ app, consoleErrors }) => {
    await app.goto('/');
    await waitForServiceWorker(app);
    // What a library inserting an inline style would do: the policy blocks it, and the lane hears of it.
    await app.evaluate(() => {
      const style = document.createElement('style');
      style.textContent = 'p { color: red }';
      document.head.append(style);
    });
    const reported = async (): Promise<string[]> => {
      // Looking at the page hands over what it logged (the WebKit lane reads it from the page).
      await app.evaluate(() => document.readyState);
      return consoleErrors.filter((error) => error.includes('Content-Security-Policy violation: style-src'));
    };
    await expect.poll(reported).toHaveLength(1);
    // Seen. The browser's own report of it too (Chromium's console, Firefox's page error), which the
    // lanes heard already: it is this test's, not a failure of the app.
    const ours = /Content.Security.Policy|page’s settings blocked/i;
    consoleErrors.splice(0, Infinity, ...consoleErrors.filter((error) => !ours.test(error)));
  },
);

test('a command the worker cannot take is said in words, with a way out', EVERY_BROWSER, async ({ app }) => {
  await app.goto('/');
  await waitForServiceWorker(app);
  // A page of another version sending a command this worker does not know the shape of.
  await app.evaluate(() =>
    navigator.serviceWorker.controller?.postMessage({ type: 'start-download', track: null, forceRange: 'yes' }),
  );
  await expectText(app.getByRole('alert'), /Half Tunes could not do what this page asked/);
  await expectVisible(app.getByRole('button', { name: 'Reload' }));
  await app.getByRole('button', { name: 'Dismiss' }).click();
  await expect.poll(() => app.getByRole('alert').count()).toBe(0);
});
