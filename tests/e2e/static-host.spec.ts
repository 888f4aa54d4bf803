import { expectVisible } from './app-page.ts';
import { CATALOG_URL, STATIC_HOST_URL } from './browser.ts';
import { SONGS, downloadSong, serverSha256, storedSha256 } from './downloads-helpers.ts';
import { EVERY_BROWSER, expect, search, test } from './fixtures.ts';

const [HARBOUR_ID, HARBOUR] = SONGS.harbour;

/** The headers the static host sent for `path` of the build. */
async function headersOf(path: string): Promise<Headers> {
  const response = await fetch(`${STATIC_HOST_URL}${path}`);
  expect(response.ok, path).toBe(true);
  await response.arrayBuffer();
  return response.headers;
}

test('the build names the headers a static host must send, and the host sends them', async () => {
  const shell = await headersOf('/');
  const policy = shell.get('Content-Security-Policy') ?? '';
  // What a <meta> cannot say: nobody may frame the app.
  expect(policy).toContain("frame-ancestors 'none'");
  // JSONP may run from the catalog's search and lookup only, not from anywhere on its origin.
  const scripts = /script-src ([^;]*)/.exec(policy)![1]!.split(' ');
  expect(scripts).toEqual(["'self'", "'report-sample'", `${CATALOG_URL}/search`, `${CATALOG_URL}/lookup`]);
  expect(shell.get('X-Content-Type-Options')).toBe('nosniff');
  expect(shell.get('Referrer-Policy')).toBe('no-referrer');
  expect(shell.get('Cache-Control')).toBe('no-cache');
  expect((await headersOf('/sw.js')).get('Cache-Control')).toBe('no-cache');
  const html = await (await fetch(`${STATIC_HOST_URL}/`)).text();
  const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
  expect((await headersOf(asset)).get('Cache-Control')).toBe('public, max-age=31536000, immutable');
  expect((await headersOf(asset)).get('X-Content-Type-Options')).toBe('nosniff');
});

test(
  'under those headers the app works: it searches (JSONP too), downloads and opens offline',
  EVERY_BROWSER,
  async ({ app, catalog, setOffline, consoleErrors }) => {
    const row = await downloadSong(app, 'love', HARBOUR, `${STATIC_HOST_URL}/?engine=range`);
    expect(await storedSha256(app, HARBOUR_ID)).toBe(await serverSha256(HARBOUR_ID));
    await expectVisible(row.getByRole('button', { name: 'Play', exact: true }));

    // A catalog without CORS: the search goes by JSONP, which the narrowed policy still lets run.
    await catalog.setFaults({ search: { noCors: true } });
    await search(app, 'amelie');
    await expectVisible(app.getByRole('status').filter({ hasText: '6 songs found for “amelie”' }));
    expect((await catalog.requests()).some((request) => request.query.includes('callback='))).toBe(true);
    // WebKit logs the refused CORS request that sent the search to JSONP: the one error expected.
    consoleErrors.splice(
      0,
      Infinity,
      ...consoleErrors.filter((error) => !error.includes('Access-Control-Allow-Origin')),
    );

    await setOffline(true);
    await app.reload();
    await expectVisible(app.getByRole('heading', { name: 'Downloads' }));
    await expectVisible(app.getByRole('button', { name: 'Play', exact: true }).first());
    await setOffline(false);
  },
);
