import { MAX_REFETCH_AFTER_PAUSE } from '../../src/shared/background-fetch.ts';
import { CHUNK_BYTES } from '../../src/shared/downloads.ts';
import { MEASURE_BYTES } from '../../src/sw/download/background-fetch/start.ts';
import { expectVisible } from './app-page.ts';
import { CATALOG_URL } from './browser.ts';
import { expect, test } from './fixtures.ts';
import { openRow, previewRequests, sha256, storedSha256, storedState } from './downloads-helpers.ts';

const MIB = 1024 * 1024;
const BIG = 'Synthetic 64 MiB';
const BIG_ID = 999_064;
const BIG_PATH = '/previews/synthetic-64.wav';
/** The link of the bench's pause row: under 20 MiB/s, where a pause may cost no more than 4 MiB. */
const LINK = { bytesPerSecond: 20_000_000 };

// The worker measures the link before it hands a large file to Background Fetch, and sizes the fetch's
// segments by it (src/shared/background-fetch.ts, `segmentBytesAt`). The measure errs slow, so on this
// link, whatever the machine, no segment may be larger than half the pause's bound.
test('a large file on a link under 20 MiB/s comes in segments a pause can lose at most 4 MiB of', async ({
  app,
  catalog,
}) => {
  test.setTimeout(120_000);
  await catalog.reset();
  await catalog.setLink(LINK);
  try {
    const row = await openRow(app, 'synthetic', BIG, '/?engine=background-fetch');
    await row.getByRole('button', { name: 'Download', exact: true }).click();
    await expectVisible(row.getByRole('button', { name: 'Play', exact: true }), { timeout: 90_000 });
  } finally {
    await catalog.setLink({});
  }

  const asked = (await previewRequests()).filter((request) => request.path === BIG_PATH);
  const ranges = asked.map((request) => {
    const [, start, end] = /^bytes=(\d+)-(\d+)$/.exec(request.range ?? '')!;
    return { start: Number(start), end: Number(end) };
  });
  // The size probe, then the measure: the worker's own two requests.
  expect(ranges.slice(0, 2)).toEqual([
    { start: 0, end: CHUNK_BYTES - 1 },
    { start: CHUNK_BYTES, end: CHUNK_BYTES + MEASURE_BYTES - 1 },
  ]);
  // The fetch's segments follow on from where the measure stopped reading, to the file's end.
  const segments = ranges.slice(2).sort((a, b) => a.start - b.start);
  expect(segments.length).toBeGreaterThan(0);
  expect(segments[0]!.start).toBeGreaterThan(CHUNK_BYTES);
  for (const [index, segment] of segments.entries()) {
    if (index > 0) expect(segment.start).toBe(segments[index - 1]!.end + 1);
    expect(segment.end - segment.start + 1).toBeLessThanOrEqual(MAX_REFETCH_AFTER_PAUSE / 2);
  }
  expect(segments.at(-1)!.end).toBe(64 * MIB - 1);

  const server = sha256(await (await fetch(`${CATALOG_URL}${BIG_PATH}`)).arrayBuffer());
  expect(await storedSha256(app, BIG_ID)).toBe(server);
  expect((await storedState(app)).downloads).toEqual([
    { trackId: BIG_ID, status: 'completed', engine: 'background-fetch' },
  ]);
});
