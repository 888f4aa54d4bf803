import './worker-globals.ts';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_REFETCH_AFTER_PAUSE, type BackgroundFetchRegistrationLike } from '../../../src/shared/background-fetch.ts';
import { toTracks, type Track } from '../../../src/shared/catalog.ts';
import { CHUNK_BYTES, newDownload, type DownloadRecord } from '../../../src/shared/downloads.ts';
import type { BackgroundFetchRequested } from '../../../src/shared/messages.ts';
import { BackgroundFetchEngine, LOT_APPEARS_MS } from '../../../src/sw/download/background-fetch/engine.ts';
import { settleBackgroundFetch } from '../../../src/sw/download/background-fetch/harvest.ts';
import { MEASURE_BYTES } from '../../../src/sw/download/background-fetch/start.ts';
import { quotaError } from '../../../src/sw/download/quota.ts';
import { rangeEngine } from '../../../src/sw/download/range/engine.ts';
import { PROBE_BYTES } from '../../../src/sw/download/range/range-pieces.ts';
import { matchOpaque, opaqueEngineWithin } from '../../../src/sw/download/opaque/engine.ts';
import { sendControl, startCatalog } from '../server/start-catalog.ts';
import { FakeSink } from './fake-sink.ts';

let catalog: Awaited<ReturnType<typeof startCatalog>>;
let track: Track;
/** The preview's bytes, as the catalog serves them to a plain request. */
let file: Uint8Array;

/** Byte for byte (Vitest's deep equality takes seconds over a megabyte). */
const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));

const setFaults = (faults: unknown) => sendControl(catalog.url, 'faults', 'PUT', faults);
const never = new AbortController().signal;

/** The preview requests the catalog saw; `open`: its answer not over yet. */
async function previewRequests(): Promise<{ method: string; range: string | null; open: boolean }[]> {
  const { requests } = (await (await fetch(`${catalog.url}/__control/stats`)).json()) as {
    requests: { method: string; path: string; range: string | null; open: boolean }[];
  };
  return requests.filter((request) => request.path.startsWith('/previews/'));
}

const running = (engine: DownloadRecord['engine']): DownloadRecord => ({
  ...newDownload(track, 1, engine),
  status: 'downloading',
});

beforeAll(async () => {
  catalog = await startCatalog();
  const body = await (await fetch(`${catalog.url}/search?term=love&entity=song&limit=1`)).json();
  [track] = toTracks(body, catalog.url) as [Track];
  file = new Uint8Array(await (await fetch(track.previewUrl)).arrayBuffer());
});
afterAll(() => catalog.close());
beforeEach(async () => {
  await sendControl(catalog.url, 'reset', 'POST');
});

describe('the Range-chunk engine, against a fake sink', () => {
  it('stores the file with one request, in order, reporting progress up to its size', async () => {
    const sink = new FakeSink(running('range'));
    expect(await rangeEngine.run(sink.record, sink, never)).toEqual({ kind: 'stored' });
    expect(same(sink.joined(), file)).toBe(true);
    expect(sink.record).toMatchObject({ bytesReceived: file.byteLength, bytesTotal: file.byteLength });
    expect(sink.progressed.at(-1)).toBe(file.byteLength);
    expect(sink.progressed).toEqual([...sink.progressed].sort((a, b) => a - b));
    // The probe's range holds the whole preview.
    expect(await previewRequests()).toEqual([
      expect.objectContaining({ method: 'GET', range: `bytes=0-${PROBE_BYTES - 1}` }),
    ]);
  });

  it('continues from the stored bytes, asking only for the rest', async () => {
    const first = new FakeSink(running('range'));
    const pausing = new AbortController();
    await setFaults({ previews: { bytesPerSecond: 400_000 } });
    const paused = rangeEngine.run(first.record, first, pausing.signal);
    while (first.record.bytesReceived === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    pausing.abort(new DOMException('Paused', 'AbortError'));
    expect(await paused).toEqual({ kind: 'stopped' });
    const kept = first.record.bytesReceived;
    // Every byte read before the pause is kept: a pause costs nothing already here.
    expect(kept).toBe(first.progressed.at(-1));
    expect(kept).toBeGreaterThanOrEqual(CHUNK_BYTES);
    expect(kept).toBeLessThan(file.byteLength);
    expect(same(first.joined(), file.subarray(0, kept))).toBe(true);

    await setFaults({});
    await sendControl(catalog.url, 'stats', 'DELETE');
    const second = new FakeSink(first.record);
    for (const [start, bytes] of first.chunks) second.chunks.set(start, bytes);
    expect(await rangeEngine.run(second.record, second, never)).toEqual({ kind: 'stored' });
    expect(same(second.joined(), file)).toBe(true);
    expect(await previewRequests()).toEqual([
      expect.objectContaining({ range: `bytes=${kept}-${kept + PROBE_BYTES - 1}` }),
    ]);
  });

  it('ends as `changed` when the stored bytes are of another version, storing none of the new one', async () => {
    const stored = {
      ...running('range'),
      bytesReceived: CHUNK_BYTES,
      bytesTotal: file.byteLength,
      validator: { etag: '"another-version"', lastModified: null },
    };
    const sink = new FakeSink(stored);
    sink.chunks.set(0, new Uint8Array(CHUNK_BYTES));
    expect(await rangeEngine.run(sink.record, sink, never)).toEqual({ kind: 'changed' });
    expect([...sink.chunks.keys()]).toEqual([0]);
    expect(sink.record).toEqual(stored);
  });

  it('reads a host that ignores Range whole from zero, and ends as `range-ignored` when bytes are stored', async () => {
    await setFaults({ previews: { ignoreRange: true } });
    const fresh = new FakeSink(running('range'));
    expect(await rangeEngine.run(fresh.record, fresh, never)).toEqual({ kind: 'stored' });
    expect(same(fresh.joined(), file)).toBe(true);
    const resumed = new FakeSink({ ...running('range'), bytesReceived: CHUNK_BYTES, bytesTotal: file.byteLength });
    resumed.chunks.set(0, file.slice(0, CHUNK_BYTES));
    expect(await rangeEngine.run(resumed.record, resumed, never)).toEqual({ kind: 'gave-up', why: 'range-ignored' });
    expect([...resumed.chunks.keys()]).toEqual([0]);
  });

  it('ends in words: a missing file fails as not found, a page that is not audio as not audio', async () => {
    await setFaults({ previews: { status: 404 } });
    const missing = new FakeSink(running('range'));
    expect(await rangeEngine.run(missing.record, missing, never)).toMatchObject({
      kind: 'failed',
      failure: { code: 'not-found' },
    });
    await setFaults({ previews: { serveAs: 'html' } });
    const page = new FakeSink(running('range'));
    expect(await rangeEngine.run(page.record, page, never)).toMatchObject({
      kind: 'failed',
      failure: { code: 'not-audio' },
    });
    expect(page.chunks.size).toBe(0);
  });

  it('reads a 206 of unknown total no further than its own range, with no Content-Length to say it', async () => {
    // `bytes 0-1023/*`, then two megabytes more than that range holds.
    await setFaults({ previews: { endless: true, answerBytes: 1024, extraBytes: 2_000_000, noContentLength: true } });
    const sink = new FakeSink(running('range'));
    expect(await rangeEngine.run(sink.record, sink, never)).toMatchObject({
      kind: 'failed',
      failure: { code: 'bad-answer' },
    });
    expect([...sink.chunks.values()].reduce((sum, bytes) => sum + bytes.byteLength, 0)).toBeLessThanOrEqual(1024);
  });
});

/** The Background Fetch engine over a browser with no fetch running, asking pages through `askPage`. */
const backgroundFetchOf = (askPage: ConstructorParameters<typeof BackgroundFetchEngine>[1]): BackgroundFetchEngine =>
  new BackgroundFetchEngine(
    { get: async () => undefined, getIds: async () => [], fetch: async () => Promise.reject(new Error('no')) },
    askPage,
    { addSegment: async () => null, addSegments: async () => null, update: async () => null, all: async () => [] },
  );

describe('the Background Fetch engine, against a fake sink', () => {
  it('stores the first chunk itself and asks a page for the rest of the file in one request', async () => {
    const sink = new FakeSink(running('background-fetch'));
    const asked: Omit<BackgroundFetchRequested, 'type'>[] = [];
    const engine = backgroundFetchOf(async (request) => (asked.push(request), true));
    expect(await engine.run(sink.record, sink, never)).toEqual({ kind: 'waiting' });
    expect(same(sink.joined(), file.subarray(0, CHUNK_BYTES))).toBe(true);
    const id = sink.record.backgroundFetchId;
    expect(id).toMatch(new RegExp(`^track:${track.id}:\\d+$`));
    expect(sink.record).toMatchObject({ bytesTotal: file.byteLength });
    expect(asked).toMatchObject([
      { id, segments: [[CHUNK_BYTES, file.byteLength - 1]], downloadTotal: file.byteLength - CHUNK_BYTES },
    ]);
  });

  it('gives up to the next rung where no page can start a fetch', async () => {
    const sink = new FakeSink(running('background-fetch'));
    const engine = backgroundFetchOf(async () => false);
    expect(await engine.run(sink.record, sink, never)).toEqual({ kind: 'gave-up', why: 'no-page' });
  });

  it('turns each end of a fetch into an outcome', async () => {
    const record: DownloadRecord = { ...running('background-fetch'), bytesTotal: 4, backgroundFetchId: 'track:1:1' };
    const ended = (result: 'success' | 'failure', failureReason = '') =>
      ({
        id: 'track:1:1',
        result,
        failureReason,
        matchAll: async () => [],
      }) as unknown as BackgroundFetchRegistrationLike;
    const sink = new FakeSink(record);
    expect(
      await settleBackgroundFetch(
        'abort',
        ended('failure', 'aborted'),
        record,
        { followed: true, stoppedHere: false },
        sink,
      ),
    ).toEqual({
      kind: 'paused-by-browser',
    });
    expect(
      await settleBackgroundFetch(
        'abort',
        ended('failure', 'aborted'),
        record,
        { followed: false, stoppedHere: false },
        sink,
      ),
    ).toEqual({
      kind: 'stopped',
    });
    expect(
      await settleBackgroundFetch(
        'fail',
        ended('failure', 'fetch-error'),
        record,
        { followed: true, stoppedHere: false },
        sink,
      ),
    ).toEqual({
      kind: 'gave-up',
      why: 'fetch-error',
    });
    expect(
      await settleBackgroundFetch(
        'fail',
        ended('failure', 'quota-exceeded'),
        record,
        { followed: true, stoppedHere: false },
        sink,
      ),
    ).toMatchObject({
      kind: 'failed',
      failure: { code: 'quota' },
    });
    // Stopped by this worker for another download of its lot: back to the queue, not a pause.
    const aborted = ended('failure', 'aborted');
    expect(await settleBackgroundFetch('abort', aborted, record, { followed: true, stoppedHere: true }, sink)).toEqual({
      kind: 'lost',
    });
  });
});

describe('the Background Fetch engine on a large file: the link measured, the segments sized by it', () => {
  const MIB = 1024 * 1024;
  let big: Track;
  let bigFile: Uint8Array;
  const setLink = (link: unknown) => sendControl(catalog.url, 'link', 'PUT', link);
  const runningBig = (): DownloadRecord => ({ ...newDownload(big, 1, 'background-fetch'), status: 'downloading' });
  /** Runs the engine on the 64 MiB file; @returns the segments it asked a page for, and what it stored */
  async function handOver(sink: FakeSink): Promise<readonly (readonly [number, number])[]> {
    const asked: Omit<BackgroundFetchRequested, 'type'>[] = [];
    const engine = backgroundFetchOf(async (request) => (asked.push(request), true));
    expect(await engine.run(sink.record, sink, never)).toEqual({ kind: 'waiting' });
    expect(asked).toHaveLength(1);
    return asked[0]!.segments;
  }

  beforeAll(async () => {
    const body = await (await fetch(`${catalog.url}/search?term=synthetic&entity=song&limit=20`)).json();
    big = toTracks(body, catalog.url).find((candidate) => candidate.name === 'Synthetic 64 MiB')!;
    bigFile = new Uint8Array(await (await fetch(big.previewUrl)).arrayBuffer());
  });

  it('reads the next 16 MiB itself; under 20 MiB/s the rest comes in segments of 2 MiB at most', async () => {
    await setLink({ bytesPerSecond: 20_000_000 });
    const sink = new FakeSink(runningBig());
    const segments = await handOver(sink);
    expect((await previewRequests()).map((request) => request.range)).toEqual([
      `bytes=0-${CHUNK_BYTES - 1}`,
      `bytes=${CHUNK_BYTES}-${CHUNK_BYTES + MEASURE_BYTES - 1}`,
    ]);
    const stored = sink.joined();
    expect(stored.byteLength).toBeGreaterThan(CHUNK_BYTES);
    expect(same(stored, bigFile.subarray(0, stored.byteLength))).toBe(true);
    // The segments follow on from the stored bytes to the end, none larger than half the pause's bound.
    expect(segments[0]![0]).toBe(stored.byteLength);
    for (const [index, [start, end]] of segments.entries()) {
      if (index > 0) expect(start).toBe(segments[index - 1]![1] + 1);
      expect(end - start + 1).toBeLessThanOrEqual(MAX_REFETCH_AFTER_PAUSE / 2);
    }
    expect(segments.at(-1)![1]).toBe(bigFile.byteLength - 1);
  });

  it('leaves the link unmeasured where the measure has no answer within its time', async () => {
    await setLink({ latencyMs: 1000 });
    const sink = new FakeSink(runningBig());
    const segments = await handOver(sink);
    // The catalog counts a request once its round trip is over: the measure, cut during it, may not show.
    expect((await previewRequests())[0]?.range).toBe(`bytes=0-${CHUNK_BYTES - 1}`);
    expect(same(sink.joined(), bigFile.subarray(0, CHUNK_BYTES))).toBe(true);
    expect(segments[0]).toEqual([CHUNK_BYTES, CHUNK_BYTES + 2 * MIB - 1]);
    // The measure reaches the catalog after its round trip: once it has come and gone, no later test sees it.
    await vi.waitFor(async () => expect((await previewRequests()).filter((request) => !request.open)).toHaveLength(2), {
      timeout: 5000,
      interval: 50,
    });
  });

  it('asks the page while the measure’s last bytes are still being stored', async () => {
    const events: string[] = [];
    let asked = (): void => undefined;
    const pageAsked = new Promise<void>((resolve) => (asked = resolve));
    /** Holds each write past the probe's chunk until the page is asked (or 1 s, for an engine that waits for them). */
    class HeldSink extends FakeSink {
      override async addSegment(trackId: number, start: number, data: Blob): Promise<DownloadRecord> {
        if (start >= CHUNK_BYTES) await Promise.race([pageAsked, new Promise((resolve) => setTimeout(resolve, 1000))]);
        const stored = await super.addSegment(trackId, start, data);
        events.push(`stored ${start}`);
        return stored;
      }
    }
    const sink = new HeldSink(runningBig());
    const requests: Omit<BackgroundFetchRequested, 'type'>[] = [];
    const engine = backgroundFetchOf(async (request) => {
      events.push('asked');
      requests.push(request);
      asked();
      return true;
    });
    expect(await engine.run(sink.record, sink, never)).toEqual({ kind: 'waiting' });
    // The measure's bytes were all stored before the engine said the fetch was started, and the fetch
    // asks for what follows them.
    const stored = sink.joined().byteLength;
    expect(stored).toBeGreaterThan(CHUNK_BYTES);
    expect(requests[0]!.segments[0]![0]).toBe(stored);
    expect(events.indexOf('asked')).toBeLessThan(events.indexOf(`stored ${CHUNK_BYTES}`));
  });

  it('stops the fetch a page started where the measure’s bytes fail to store', async () => {
    class FullSink extends FakeSink {
      override async addSegment(trackId: number, start: number, data: Blob): Promise<DownloadRecord> {
        if (start >= CHUNK_BYTES) throw quotaError();
        return super.addSegment(trackId, start, data);
      }
    }
    const sink = new FullSink(runningBig());
    const aborted: string[] = [];
    const engine = new BackgroundFetchEngine(
      {
        get: async (id) =>
          ({ abort: async () => (aborted.push(id), true) }) as unknown as BackgroundFetchRegistrationLike,
        getIds: async () => [],
        fetch: async () => Promise.reject(new Error('no')),
      },
      async () => true,
      { addSegment: async () => null, addSegments: async () => null, update: async () => null, all: async () => [] },
    );
    expect(await engine.run(sink.record, sink, never)).toMatchObject({ kind: 'failed', failure: { code: 'quota' } });
    expect(aborted).toEqual([sink.record.backgroundFetchId]);
  });

  it('measures only within the first gap: a gap of 16 MiB or less is not measured', async () => {
    const sink = new FakeSink(runningBig());
    await sink.addSegment(big.id, 8 * MIB, new Blob([bigFile.slice(8 * MIB)]));
    const segments = await handOver(sink);
    expect((await previewRequests()).map((request) => request.range)).toEqual([`bytes=0-${CHUNK_BYTES - 1}`]);
    expect(segments).toEqual([
      [CHUNK_BYTES, CHUNK_BYTES + 2 * MIB - 1],
      [CHUNK_BYTES + 2 * MIB, CHUNK_BYTES + 4 * MIB - 1],
      [CHUNK_BYTES + 4 * MIB, CHUNK_BYTES + 6 * MIB - 1],
      [CHUNK_BYTES + 6 * MIB, 8 * MIB - 1],
    ]);
  });
});

describe("the Background Fetch engine's wait for a page's lot", () => {
  /** The engine over a browser that never shows the lot, with the page's word as given. */
  const waitingOn = (word: boolean | null): Promise<boolean> =>
    new BackgroundFetchEngine(
      { get: async () => undefined, getIds: async () => [], fetch: async () => Promise.reject(new Error('no')) },
      async () => false,
      { addSegment: async () => null, addSegments: async () => null, update: async () => null, all: async () => [] },
      async () => word,
    ).outside.appeared('lot:1');

  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('ends at once where the page says the browser refused the lot, or took it', async () => {
    for (const word of [false, true]) {
      let settled: boolean | null = null;
      void waitingOn(word).then((appeared) => (settled = appeared));
      // Two of the browser's 100 ms checks; without the word, the wait goes on to LOT_APPEARS_MS.
      await vi.advanceTimersByTimeAsync(200);
      expect(settled).toBe(word);
    }
  });

  it('without the word, gives up on a lot the browser never shows after LOT_APPEARS_MS', async () => {
    let settled: boolean | null = null;
    void waitingOn(null).then((appeared) => (settled = appeared));
    await vi.advanceTimersByTimeAsync(LOT_APPEARS_MS - 200);
    expect(settled).toBeNull();
    await vi.advanceTimersByTimeAsync(400);
    expect(settled).toBe(false);
  });

  it('stops a lot the browser shows only after the worker gave up on it', async () => {
    let asked = 0;
    let aborted = 0;
    const late = { id: 'lot:1', abort: async () => (aborted++, true) } as unknown as BackgroundFetchRegistrationLike;
    const engine = new BackgroundFetchEngine(
      // The browser takes the lot between the worker's third and fourth look.
      { get: async () => (++asked > 3 ? late : undefined), getIds: async () => [], fetch: async () => late },
      async () => false,
      { addSegment: async () => null, addSegments: async () => null, update: async () => null, all: async () => [] },
    );
    await engine.outside.abandon('lot:1');
    expect(aborted).toBe(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(aborted).toBe(1);
  });
});

describe('the no-CORS engine', () => {
  it('stores the answer whole, under its song', async () => {
    const sink = new FakeSink(running('opaque'));
    expect(await opaqueEngineWithin(10_000).run(sink.record, sink, never)).toEqual({ kind: 'stored' });
    const stored = new Uint8Array(await (await matchOpaque(track.id))!.arrayBuffer());
    expect(same(stored, file)).toBe(true);
  });

  it('gives an answer whose bytes it cannot count a deadline: an endless body fails in words, nothing kept', async () => {
    await setFaults({ previews: { endless: true, bytesPerSecond: 200_000 } });
    const sink = new FakeSink({ ...running('opaque'), trackId: 7 });
    expect(await opaqueEngineWithin(300).run(sink.record, sink, never)).toMatchObject({
      kind: 'failed',
      failure: { code: 'bad-answer', message: expect.stringMatching(/did not arrive in time/) },
    });
    expect(await matchOpaque(7)).toBeUndefined();
  });
});
