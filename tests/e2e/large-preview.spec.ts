import { LARGEST_PIECE_BYTES } from '../../src/sw/download/range/range-pieces.ts';
import { expectVisible } from './app-page.ts';
import { CATALOG_URL, LANE } from './browser.ts';
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
/** What a stream's buffers (the kernel's and the browser's) hold on loopback when its reader stops. */
const IN_FLIGHT_BYTES = 48 * MIB;

// On loopback the link outruns the stream: the rest of the file may come in pieces the browser stores
// itself (src/sw/download/range/range-pieces.ts). Whichever way it comes, this is what a person gets.
test(
  'a 256 MiB preview on a fast link is stored whole with the server’s bytes, each byte asked for once',
  EVERY_BROWSER,
  async ({ app, catalog }) => {
    test.setTimeout(180_000);
    await catalog.reset();
    const row = await openRow(app, 'synthetic', BIG, '/?engine=range');
    await row.getByRole('button', { name: 'Download', exact: true }).click();
    await expectVisible(row.getByRole('button', { name: 'Play', exact: true }), { timeout: 120_000 });

    // The stream from zero, then, if it was outrun, pieces that follow on from each other to the end.
    const asked = (await previewRequests()).filter((request) => request.path === '/previews/synthetic-256.wav');
    const size = 256 * MIB;
    expect(asked[0]?.range).toBe('bytes=0-');
    const pieces = asked.slice(1).map((request) =>
      /^bytes=(\d+)-(\d+)$/
        .exec(request.range ?? '')!
        .slice(1)
        .map(Number),
    );
    for (const [index, [start, end]] of pieces.entries()) {
      expect(end! - start! + 1).toBeLessThanOrEqual(LARGEST_PIECE_BYTES);
      if (index > 0) expect(start).toBe(pieces[index - 1]![1]! + 1);
      // Each piece served once, whole.
      expect(asked[index + 1]!.bytes).toBe(end! - start! + 1);
    }
    if (pieces.length > 0) expect(pieces.at(-1)![1]).toBe(size - 1);
    // The stream, no further than what its buffers held when it was handed over. WebKit's network
    // process reads an answer ahead of its reader with no backpressure (measured: 137 MiB past a reader
    // handed over at some 16 MiB): there the file's size is the only bound.
    const handedOver = pieces[0]?.[0] ?? size;
    const streamBound = LANE === 'webkit' ? size : Math.min(size, handedOver + IN_FLIGHT_BYTES);
    expect(asked[0]!.bytes).toBeLessThanOrEqual(streamBound);
    const served = asked.reduce((sum, request) => sum + request.bytes, 0);

    const server = sha256(await (await fetch(BIG_URL)).arrayBuffer());
    expect(await storedSha256(app, BIG_ID)).toBe(server);
    expect((await storedState(app)).downloads).toEqual([{ trackId: BIG_ID, status: 'completed', engine: 'range' }]);
    await expectNothingLeftOver(app);
    console.log(`[large-preview] ${pieces.length} pieces after the stream; ${(served / MIB).toFixed(1)} MiB served`);
  },
);
