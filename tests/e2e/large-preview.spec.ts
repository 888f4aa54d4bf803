import { LARGEST_PIECE_BYTES, PROBE_BYTES } from '../../src/sw/download/range/range-pieces.ts';
import { expectVisible } from './app-page.ts';
import { CATALOG_URL } from './browser.ts';
import { EVERY_BROWSER, expect, test } from './fixtures.ts';
import {
  expectNothingLeftOver,
  openRow,
  previewRequests,
  sha256,
  storedSha256,
  storedState,
} from './downloads-helpers.ts';

const MIB = 1024 * 1024;
const BIG = 'Synthetic 256 MiB';
const BIG_ID = 999_256;
const BIG_URL = `${CATALOG_URL}/previews/synthetic-256.wav`;

// On loopback the probe may outrun its bar: the rest of the file then comes in pieces the browser stores
// itself (src/sw/download/range/range-pieces.ts); otherwise one open stream. Whichever way it comes,
// this is what a person gets.
test(
  'a 256 MiB preview on a fast link is stored whole with the server’s bytes, each byte served once',
  EVERY_BROWSER,
  async ({ app, catalog }) => {
    test.setTimeout(180_000);
    await catalog.reset();
    const row = await openRow(app, 'synthetic', BIG, '/?engine=range');
    await row.getByRole('button', { name: 'Download', exact: true }).click();
    await expectVisible(row.getByRole('button', { name: 'Play', exact: true }), { timeout: 120_000 });

    // The probe's closed range, then the rest: one open stream, or pieces, following on to the end.
    // Only GETs: a single range, with an end or without, needs no CORS preflight.
    const asked = (await previewRequests()).filter((request) => request.path === '/previews/synthetic-256.wav');
    const size = 256 * MIB;
    expect(asked.map((request) => request.method)).toEqual(asked.map(() => 'GET'));
    expect(asked[0]?.range).toBe(`bytes=0-${PROBE_BYTES - 1}`);
    const ranges = asked.map((request) => {
      const [, start, end] = /^bytes=(\d+)-(\d*)$/.exec(request.range ?? '')!;
      return { start: Number(start), end: end ? Number(end) : size - 1, open: !end, bytes: request.bytes };
    });
    for (const [index, range] of ranges.entries()) {
      if (index > 0) expect(range.start).toBe(ranges[index - 1]!.end + 1);
      if (index > 0 && !range.open) expect(range.end - range.start + 1).toBeLessThanOrEqual(LARGEST_PIECE_BYTES);
      // Each range served once, whole, and nothing past it: the probe's end keeps every browser's
      // read-ahead (WebKit's network process reads with no backpressure) from fetching what pieces fetch.
      expect(range.bytes).toBe(range.end - range.start + 1);
    }
    expect(ranges.at(-1)!.end).toBe(size - 1);
    // An open stream is the last request, if any: it reads to the end.
    expect(ranges.slice(0, -1).some((range) => range.open)).toBe(false);

    const server = sha256(await (await fetch(BIG_URL)).arrayBuffer());
    expect(await storedSha256(app, BIG_ID)).toBe(server);
    expect((await storedState(app)).downloads).toEqual([{ trackId: BIG_ID, status: 'completed', engine: 'range' }]);
    await expectNothingLeftOver(app);
    console.log(
      `[large-preview] ${ranges.length - 1} requests after the probe (${ranges.at(-1)!.open ? 'stream' : 'pieces'})`,
    );
  },
);
