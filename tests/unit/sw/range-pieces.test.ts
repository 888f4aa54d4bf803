import './worker-globals.ts';
import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { toTracks, type Track } from '../../../src/shared/catalog.ts';
import { newDownload, type DownloadRecord } from '../../../src/shared/downloads.ts';
import { DownloadError } from '../../../src/sw/download/http.ts';
import { rangeEngine } from '../../../src/sw/download/range/engine.ts';
import {
  FAST_BYTES_PER_SECOND,
  FEWEST_PIECES,
  LARGEST_PIECE_BYTES,
  NotAPiece,
  PIECE_SECONDS,
  PROBE_BYTES,
  SMALLEST_REST_BYTES,
  fetchPieces,
  nextProbeBytes,
  outrunsStream,
  pieceBytesAt,
} from '../../../src/sw/download/range/range-pieces.ts';
import { sendControl, startCatalog } from '../server/start-catalog.ts';
import { FakeSink } from './fake-sink.ts';

let catalog: Awaited<ReturnType<typeof startCatalog>>;
let track: Track;
/** The preview's bytes, as the catalog serves them to a plain request. */
let file: Uint8Array;
let etag: string;

const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));
const setFaults = (faults: unknown) => sendControl(catalog.url, 'faults', 'PUT', faults);
const never = new AbortController().signal;
const PIECE = 300_000;

async function previewRanges(): Promise<(string | null)[]> {
  const { requests } = (await (await fetch(`${catalog.url}/__control/stats`)).json()) as {
    requests: { path: string; range: string | null }[];
  };
  return requests.filter((request) => request.path.startsWith('/previews/')).map((request) => request.range);
}

/** The preview, its size and version known, with `stored` bytes of it in `sink` (as the stream left them). */
function sinkWith(stored: number): FakeSink {
  const sink = new FakeSink({
    ...newDownload(track, 1, 'range'),
    status: 'downloading',
    bytesTotal: file.byteLength,
    validator: { etag, lastModified: null },
    contentType: 'audio/wav',
  });
  if (stored > 0) {
    sink.chunks.set(0, file.slice(0, stored));
    sink.record = { ...sink.record, bytesReceived: stored };
  }
  return sink;
}

/** What the catalog sent for every preview request so far. */
async function servedBytes(): Promise<number> {
  const { requests } = (await (await fetch(`${catalog.url}/__control/stats`)).json()) as {
    requests: { path: string; bytes: number }[];
  };
  return requests.filter((request) => request.path.startsWith('/previews/')).reduce((sum, r) => sum + r.bytes, 0);
}

/** `fetchPieces` into `sink`, as the engine calls it, taking each record stored. */
const piecesInto = (sink: FakeSink, signal = never, onStored?: (stored: DownloadRecord | null) => void) =>
  fetchPieces(sink.record, sink, {
    signal,
    onBytes: () => undefined,
    onStored: onStored ?? ((stored) => void (sink.record = stored!)),
    pieceBytes: PIECE,
  });

beforeAll(async () => {
  catalog = await startCatalog();
  const body = await (await fetch(`${catalog.url}/search?term=love&entity=song&limit=1`)).json();
  [track] = toTracks(body, catalog.url) as [Track];
  const response = await fetch(track.previewUrl);
  etag = response.headers.get('ETag')!;
  file = new Uint8Array(await response.arrayBuffer());
});
afterAll(() => catalog.close());
beforeEach(async () => {
  await sendControl(catalog.url, 'reset', 'POST');
});

describe('outrunsStream: when the rest goes in pieces', () => {
  it('needs the probe read, the speed, and a rest worth a piece', () => {
    expect(outrunsStream(PROBE_BYTES, PROBE_BYTES / FAST_BYTES_PER_SECOND, SMALLEST_REST_BYTES)).toBe(true);
    expect(outrunsStream(PROBE_BYTES - 1, 0, SMALLEST_REST_BYTES)).toBe(false);
    expect(outrunsStream(PROBE_BYTES, (PROBE_BYTES / FAST_BYTES_PER_SECOND) * 1.01, SMALLEST_REST_BYTES)).toBe(false);
    expect(outrunsStream(PROBE_BYTES, 0, SMALLEST_REST_BYTES - 1)).toBe(false);
  });
});

describe('nextProbeBytes: a probe asked again after a slow one', () => {
  it('doubles while a rest worth a piece would follow it, then leaves the rest to the stream', () => {
    expect(nextProbeBytes(PROBE_BYTES, 2 * PROBE_BYTES + SMALLEST_REST_BYTES)).toBe(2 * PROBE_BYTES);
    expect(nextProbeBytes(PROBE_BYTES, 2 * PROBE_BYTES + SMALLEST_REST_BYTES - 1)).toBeNull();
    expect(nextProbeBytes(4 * PROBE_BYTES, 1024 * 1024 * 1024)).toBe(8 * PROBE_BYTES);
  });
});

describe('pieceBytesAt: what the link brings in a piece', () => {
  const MiB = 1024 * 1024;
  const GiB = 1024 * MiB;
  it('is the speed times PIECE_SECONDS in whole MiB, never under the bar', () => {
    expect(pieceBytesAt(FAST_BYTES_PER_SECOND, GiB)).toBe(FAST_BYTES_PER_SECOND * PIECE_SECONDS);
    expect(pieceBytesAt(FAST_BYTES_PER_SECOND / 2, GiB)).toBe(FAST_BYTES_PER_SECOND * PIECE_SECONDS);
    expect(pieceBytesAt(200.5 * MiB, 4 * GiB)).toBe(Math.floor(200.5 * PIECE_SECONDS) * MiB);
  });
  it('stops at LARGEST_PIECE_BYTES, whatever a clock that stood still says', () => {
    expect(pieceBytesAt(Infinity, 8 * GiB)).toBe(LARGEST_PIECE_BYTES);
    expect(pieceBytesAt(LARGEST_PIECE_BYTES, 8 * GiB)).toBe(LARGEST_PIECE_BYTES);
  });
  it('leaves the rest in FEWEST_PIECES at least, in whole MiB, none smaller than a probe', () => {
    expect(pieceBytesAt(Infinity, 48 * MiB)).toBe(16 * MiB);
    expect(pieceBytesAt(Infinity, 240 * MiB)).toBe(80 * MiB);
    expect(pieceBytesAt(Infinity, 100 * MiB)).toBe(34 * MiB);
    expect(Math.ceil((100 * MiB) / (34 * MiB))).toBe(FEWEST_PIECES);
    expect(pieceBytesAt(Infinity, SMALLEST_REST_BYTES)).toBe(PROBE_BYTES);
  });
});

describe('fetchPieces, against the demo catalog', () => {
  it('fetches the rest in exact ranges, in order, and stores each as it comes', async () => {
    const sink = sinkWith(100_000);
    await piecesInto(sink);
    expect(same(sink.joined(), file)).toBe(true);
    expect(sink.record.bytesReceived).toBe(file.byteLength);
    const last = file.byteLength - 1;
    expect(await previewRanges()).toEqual([
      'bytes=100000-399999',
      'bytes=400000-699999',
      `bytes=700000-${Math.min(999_999, last)}`,
      ...(last > 999_999 ? [`bytes=1000000-${last}`] : []),
    ]);
  });

  it('asks for the next pieces while the last is still being stored', async () => {
    const sink = sinkWith(0);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const store = {
      addSegment: async (trackId: number, start: number, data: Blob) => {
        if (start === 0) await held;
        return sink.addSegment(trackId, start, data);
      },
    };
    const done = fetchPieces(sink.record, store, {
      signal: never,
      onBytes: () => undefined,
      onStored: () => undefined,
      pieceBytes: PIECE,
    });
    // The next piece came while the first waits to be stored, and the one after it is asked for.
    await vi.waitFor(async () => expect((await previewRanges()).length).toBe(3));
    expect(sink.chunks.size).toBe(0);
    release();
    await done;
    expect(same(sink.joined(), file)).toBe(true);
    expect(await previewRanges()).toHaveLength(Math.ceil(file.byteLength / PIECE));
  });

  it.each([
    ['ignores Range', { ignoreRange: true }],
    ['sends no length', { noContentLength: true }],
    ['sends another version', { mutate: true }],
    ['claims another size', { claimTotal: 5_000_000 }],
    ['sends more than the range', { rangeEndIgnored: true }],
    ['counts bytes the range does not hold', { extraBytes: 10 }],
    ['answers 416 (a file shorter than what is stored)', { serveAs: 'html' }],
  ])('leaves the rest to the stream when the host %s, storing nothing of that answer', async (_, faults) => {
    await setFaults({ previews: faults });
    const sink = sinkWith(100_000);
    await expect(piecesInto(sink)).rejects.toBeInstanceOf(NotAPiece);
    expect(sink.record.bytesReceived).toBe(100_000);
    expect([...sink.chunks.keys()]).toEqual([0]);
  });

  it('leaves the rest to the stream where no size is stored, asking for nothing', async () => {
    const sink = sinkWith(0);
    sink.record = { ...sink.record, bytesTotal: null };
    await expect(piecesInto(sink)).rejects.toBeInstanceOf(NotAPiece);
    expect(await previewRanges()).toEqual([]);
  });

  it('leaves the rest to the stream when the host sends a page, storing none of it', async () => {
    await setFaults({ previews: { serveAs: 'html' } });
    const sink = sinkWith(0);
    await expect(piecesInto(sink)).rejects.toBeInstanceOf(NotAPiece);
    expect(sink.chunks.size).toBe(0);
  });

  it('turns an error status into the download error the stream would give', async () => {
    await setFaults({ previews: { status: 503 } });
    const failed = await piecesInto(sinkWith(0)).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(DownloadError);
    expect((failed as DownloadError).failure.code).toBe('server');
  });

  it('fails as the network failed when a piece is cut off, storing nothing of it', async () => {
    await setFaults({ previews: { dropAfterBytes: 1000 } });
    const sink = sinkWith(100_000);
    const failed = await piecesInto(sink).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(TypeError);
    expect(sink.record.bytesReceived).toBe(100_000);
    expect([...sink.chunks.keys()]).toEqual([0]);
  });

  it('stops at a pause, the write in flight settled, what was stored kept', async () => {
    const sink = sinkWith(0);
    const pause = new AbortController();
    const stored: number[] = [];
    await expect(
      piecesInto(sink, pause.signal, (record) => {
        sink.record = record!;
        stored.push(record!.bytesReceived);
        pause.abort(new DOMException('Paused', 'AbortError'));
      }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(stored).toEqual([PIECE]);
    expect(sink.record.bytesReceived).toBe(PIECE);
    expect(same(sink.joined(), file.slice(0, PIECE))).toBe(true);
  });

  it('ends when the download is gone, throwing what onStored threw', async () => {
    const gone = new DOMException('The download was removed.', 'AbortError');
    await expect(
      piecesInto(sinkWith(0), never, () => {
        throw gone;
      }),
    ).rejects.toBe(gone);
  });
});

const MiB = 1024 * 1024;
const BIG = 256;
const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
let synthetic: DownloadRecord;
let digest: string;

describe('the Range-chunk engine, its probe', () => {
  beforeAll(async () => {
    const url = `${catalog.url}/previews/synthetic-${BIG}.wav`;
    digest = sha256(new Uint8Array(await (await fetch(url)).arrayBuffer()));
    synthetic = { ...newDownload({ ...track, previewUrl: url }, 1, 'range'), status: 'downloading' };
  });

  it('asks again, twice as much, while probes are slower than the bar, then leaves the rest to one open stream, each byte served once', async () => {
    // The probes at 40 MB/s, under the bar's 64 MiB/s whatever the machine; the rest at full speed.
    await setFaults({ previews: { bytesPerSecond: 40_000_000, times: 3 } });
    const sink = new FakeSink(synthetic);
    expect(await rangeEngine.run(sink.record, sink, never)).toEqual({ kind: 'stored' });
    expect(sha256(sink.joined())).toBe(digest);
    // 16, 32 and 64 MiB; a probe of 128 MiB would leave 16 MiB, less than a piece's rest.
    const probes = [PROBE_BYTES, 2 * PROBE_BYTES, 4 * PROBE_BYTES];
    const ends = probes.map((_, index) => probes.slice(0, index + 1).reduce((sum, bytes) => sum + bytes, 0));
    expect(await previewRanges()).toEqual([
      ...ends.map((end, index) => `bytes=${index === 0 ? 0 : ends[index - 1]}-${end - 1}`),
      `bytes=${ends.at(-1)}-`,
    ]);
    expect(await servedBytes()).toBe(BIG * MiB);
  });

  it('takes the rest of the file from a host that ignores the probe’s end', async () => {
    await setFaults({ previews: { rangeEndIgnored: true } });
    const sink = new FakeSink(synthetic);
    expect(await rangeEngine.run(sink.record, sink, never)).toEqual({ kind: 'stored' });
    expect(sha256(sink.joined())).toBe(digest);
    expect(await previewRanges()).toEqual([`bytes=0-${PROBE_BYTES - 1}`]);
  });

  it('goes on past a probe answered in full where the total is `*`, and ends where an answer ends', async () => {
    // Each answer holds the probe's size at most, its total `*`: the probe says nothing of the end, so
    // the stream asks on, and the range it gets is, as ever with `*`, the rest of the file.
    await setFaults({ previews: { endless: true, answerBytes: PROBE_BYTES } });
    const sink = new FakeSink(synthetic);
    expect(await rangeEngine.run(sink.record, sink, never)).toEqual({ kind: 'stored' });
    expect(sink.record).toMatchObject({ bytesReceived: 2 * PROBE_BYTES, bytesTotal: 2 * PROBE_BYTES });
    expect(await previewRanges()).toEqual([`bytes=0-${PROBE_BYTES - 1}`, `bytes=${PROBE_BYTES}-`]);

    // A probe answered short is the file's end.
    await sendControl(catalog.url, 'reset', 'POST');
    await setFaults({ previews: { endless: true, answerBytes: MiB } });
    const short = new FakeSink(synthetic);
    expect(await rangeEngine.run(short.record, short, never)).toEqual({ kind: 'stored' });
    expect(short.record).toMatchObject({ bytesReceived: MiB, bytesTotal: MiB });
    expect(await previewRanges()).toEqual([`bytes=0-${PROBE_BYTES - 1}`]);
  });
});

describe('the Range-chunk engine, where the probe outruns its bar', () => {
  // The clock stands still: every stream is as fast as the bar asks, whatever the machine's load.
  beforeEach(() => void vi.useFakeTimers({ toFake: ['performance'] }));
  afterEach(() => void vi.useRealTimers());

  it('hands the rest to pieces after the probe, as large as its speed allows, and stores the file whole', async () => {
    const sink = new FakeSink(synthetic);
    expect(await rangeEngine.run(sink.record, sink, never)).toEqual({ kind: 'stored' });
    expect(sha256(sink.joined())).toBe(digest);
    // The probe, then, with the clock standing still, a stream that seemed endlessly fast: the rest in
    // as few pieces as it may come in, one after the other.
    const piece = pieceBytesAt(Infinity, BIG * MiB - PROBE_BYTES);
    const pieces = Array.from({ length: FEWEST_PIECES }, (_, index) => PROBE_BYTES + index * piece).map(
      (start) => `bytes=${start}-${Math.min(start + piece, BIG * MiB) - 1}`,
    );
    expect(await previewRanges()).toEqual([`bytes=0-${PROBE_BYTES - 1}`, ...pieces]);
    expect(await servedBytes()).toBe(BIG * MiB);
  });

  it('goes on with the stream from what is stored where a piece is cut off', async () => {
    // Every answer is cut after 20 MiB: the first piece's after the probe, then the stream's.
    await setFaults({ previews: { dropAfterBytes: 20 * 1024 * 1024 } });
    const sink = new FakeSink(synthetic);
    const outcome = await rangeEngine.run(sink.record, sink, never);
    expect(outcome.kind).not.toBe('stored');
    const ranges = await previewRanges();
    expect(ranges).toHaveLength(3);
    const handedOver = Number(/^bytes=(\d+)-\d+$/.exec(ranges[1]!)![1]);
    expect(ranges[2]).toBe(`bytes=${handedOver}-`);
    // Nothing of the cut piece; the stream's own cut answer kept as far as it went.
    expect(sink.joined().byteLength).toBe(handedOver + 20 * 1024 * 1024);
  });

  it('goes on with the stream, for good, where a piece comes without its length', async () => {
    await setFaults({ previews: { noContentLength: true } });
    const sink = new FakeSink(synthetic);
    expect(await rangeEngine.run(sink.record, sink, never)).toEqual({ kind: 'stored' });
    expect(sha256(sink.joined())).toBe(digest);
    const ranges = await previewRanges();
    expect(ranges).toHaveLength(3);
    expect(ranges[1]).toMatch(/^bytes=\d+-\d+$/);
    expect(ranges[2]).toBe(`${ranges[1]!.split('-')[0]}-`);
  });
});
