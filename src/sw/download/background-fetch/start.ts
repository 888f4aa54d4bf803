/// <reference lib="webworker" />
/**
 * The start side of the Background Fetch engine: learn the file's size with the worker's own request
 * (which also stores its first chunk), then ask an open page to start one background fetch for the
 * segments still missing (only pages can start one).
 */
import { missingSegments } from '../../../shared/background-fetch.ts';
import { CHUNK_BYTES, type DownloadRecord, type Validator } from '../../../shared/downloads.ts';
import type { BackgroundFetchRequested } from '../../../shared/messages.ts';
import { reachableWithoutCors } from '../../../shared/reachable.ts';
import { BlobChunks, readBody } from '../body.ts';
import { StorageBudget } from '../budget.ts';
import {
  CorsRefused,
  FileChanged,
  RangeIgnored,
  assertAudio,
  badAnswerError,
  contentLengthOf,
  contentTypeOf,
  discard,
  errorForStatus,
  exactRange,
  fetchRange,
  networkError,
  readValidator,
  refusing,
  versionChanged,
} from '../http.ts';
import type { DownloadSink } from '../engine.ts';

/** What a file looks like before its background fetch: size, version, and whether it honours Range. */
interface Probe {
  readonly total: number;
  readonly validator: Validator | null;
  readonly contentType: string;
  readonly ranged: boolean;
  /** The answer of a ranged probe, its body not read yet: the bytes `start` to `end` of the file. */
  readonly first: { readonly response: Response; readonly start: number; readonly end: number } | null;
}

/** Asks an open page to start a background fetch (only pages can); resolves whether one did. */
export type PageAsker = (request: Omit<BackgroundFetchRequested, 'type'>) => Promise<boolean>;

/**
 * Learns a file's size, validator and type with a Range request of `start`–`end` (the worker's own
 * request, so every exposed header is readable), as `downloadTotal` and the segments need them. Its
 * body is left unread for the caller. Null when the size cannot be known (no Content-Length, a total
 * of `*`).
 * @throws CorsRefused, DownloadError (a status, an answer that is not the range asked, not audio)
 */
async function probe(url: string, start: number, end: number, signal: AbortSignal): Promise<Probe | null> {
  let response: Response;
  try {
    response = await fetchRange(url, start, end, signal);
  } catch (error) {
    signal.throwIfAborted();
    if (error instanceof TypeError && (await reachableWithoutCors(url))) throw new CorsRefused();
    throw networkError();
  }
  const validator = readValidator(response.headers);
  const contentType = contentTypeOf(response);
  return refusing(response, async () => {
    if (response.status === 206) {
      const range = exactRange(response, start, end);
      assertAudio(contentType);
      if (range.total === null) throw new SizeUnknown();
      return { total: range.total, validator, contentType, ranged: true, first: { response, ...range } };
    }
    if (response.status === 200) {
      assertAudio(contentType);
      const total = contentLengthOf(response);
      if (total === null) throw new SizeUnknown();
      await discard(response);
      return { total, validator, contentType, ranged: false, first: null };
    }
    // Nothing at `start`: the file is shorter than what is stored, so it is not the file we had.
    if (response.status === 416) throw new FileChanged();
    throw errorForStatus(response.status);
  }).catch((error: unknown) => {
    if (error instanceof SizeUnknown) return null;
    throw error;
  });
}

/** How long the probe before completing may take: it runs while every other command waits. */
const VERSION_PROBE_TIMEOUT_MS = 15_000;

/** A probe whose answer gives no size: Background Fetch needs one, the Range-chunk engine does not. */
class SizeUnknown extends Error {}

/**
 * Whether the file is still the version a download stored, asked with a one-byte probe, for the end
 * of a background fetch whose records could not show it (their ETag is hidden on another origin).
 * @throws as `probe`
 */
export async function unchangedSince(record: DownloadRecord): Promise<boolean> {
  const file = await probe(record.url, 0, 0, AbortSignal.timeout(VERSION_PROBE_TIMEOUT_MS));
  await discard(file?.first?.response);
  if (!file || file.total !== record.bytesTotal) return false;
  return versionChanged(record.validator, file.validator) !== true;
}

/** The first byte no stored span holds (spans in any order). */
function firstMissingByte(spans: readonly { start: number; size: number }[]): number {
  let at = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    if (span.start > at) break;
    at = Math.max(at, span.start + span.size);
  }
  return at;
}

/**
 * Hands a download to Background Fetch: one fetch whose requests are the Range segments still
 * missing (all of them the first time, the rest after a pause), started by an open page. The probe
 * that learns the size brings the first missing chunk itself, so progress shows at once although a
 * browser takes a second or two to start a background fetch.
 * @param id the new fetch's id, which the caller follows
 * @returns `started`; `stored` when nothing is missing; `stopped` when the download is no longer
 *   running; `unavailable` when no page could start it or the size is unknown (the Range-chunk engine
 *   takes over)
 * @throws FileChanged when the file is not the one stored; RangeIgnored when bytes are stored and the
 *   host ignores Range; as `probe`
 */
export async function handOver(
  record: DownloadRecord,
  id: string,
  store: DownloadSink,
  askPage: PageAsker,
  signal: AbortSignal,
): Promise<'started' | 'stored' | 'unavailable' | 'stopped'> {
  const from = firstMissingByte(await store.storedSpans(record.trackId));
  const whole = record.bytesTotal !== null && from >= record.bytesTotal;
  const file = await probe(record.url, whole ? 0 : from, whole ? 0 : from + CHUNK_BYTES - 1, signal);
  if (!file) return 'unavailable';
  const first = file.first;
  const fields = { bytesTotal: file.total, validator: file.validator, contentType: file.contentType };
  // Another size is another file, whatever validators say (or cannot say).
  const changed =
    versionChanged(record.validator, file.validator) === true ||
    (record.bytesTotal !== null && record.bytesTotal !== file.total);
  let current: DownloadRecord | null;
  try {
    // A size that is no size, or more than the disk holds, fails before anything is fetched.
    (await StorageBudget.measure(record.bytesReceived)).assertFits(file.total);
    // A new version, or a host that ignores Range after all: nothing stored can be kept.
    if (changed) throw new FileChanged();
    if (!file.ranged && record.bytesReceived > 0) throw new RangeIgnored();
    current = await store.update(record.trackId, fields);
  } catch (error) {
    await discard(first?.response);
    throw error;
  }
  // Paused, canceled or finished meanwhile (the worker restarted for this fetch's own last event).
  if (current?.status !== 'downloading' || whole || !first?.response.body) {
    await discard(first?.response);
  } else {
    current = await (await storeChunk(current, store, first, signal)).stored;
  }
  if (current?.status !== 'downloading') return 'stopped';
  // The measure's last bytes are stored while the page is asked: the fetch does not ask for them.
  const measured = file.ranged ? await measureLink(current, store, file, signal) : null;
  const writing = measured?.stored ?? Promise.resolve(current);
  // Awaited once the page answered, or as the hand-over ends; a failure meanwhile is no stray rejection.
  writing.catch(() => undefined);
  try {
    const stored = measured?.spans ?? (await store.storedSpans(record.trackId));
    const segments = file.ranged ? missingSegments(file.total, stored, measured?.bytesPerSecond) : [];
    if (file.ranged && segments.length === 0) return (await writing)?.status === 'downloading' ? 'stored' : 'stopped';
    if (!(await store.update(record.trackId, { backgroundFetchId: id }))) return 'unavailable';
    signal.throwIfAborted();
    const started = askPage({
      id,
      url: record.url,
      segments: segments.map((segment) => [segment.start, segment.end] as const),
      downloadTotal: file.ranged ? segments.reduce((sum, s) => sum + s.end - s.start + 1, 0) : file.total,
      title: `${record.track.name} — ${record.track.artist}`,
      icon: record.track.artworkUrl,
    });
    // Both settle before the outcome: a fetch started for a download whose bytes failed to store, or that
    // is gone, is the caller's to stop.
    const [asked, written] = await Promise.allSettled([started, writing]);
    if (written.status === 'rejected') throw written.reason;
    if (written.value?.status !== 'downloading') return 'stopped';
    if (asked.status === 'rejected') throw asked.reason;
    return asked.value ? 'started' : 'unavailable';
  } finally {
    // However the hand-over ends, no write of the measure lands after it.
    await writing.catch(() => undefined);
  }
}

/** A file with more than this left after the probe has the link measured on that much of it. */
export const MEASURE_BYTES = 16 * 1024 * 1024;
/** How long the measuring read may run, from its request: a hidden page's fetch must not wait long. */
const MEASURE_SECONDS = 0.25;

/**
 * Measures the link on the worker's own request for the next `MEASURE_BYTES` of a large file's first
 * gap (stored as `storeChunk` stores the probe's), for `MEASURE_SECONDS` at most from the request, as
 * Background Fetch's segments are sized by it (`segmentBytesAt`). Its time runs from the request, so
 * the measure errs slow: segments err small. Null where the gap is smaller, the time ran out before an
 * answer, or the answer is not the same file's or none (the fetch then meets what the host says).
 * @throws the pause's reason; FileChanged; as `storeChunk`
 */
async function measureLink(
  current: DownloadRecord,
  store: DownloadSink,
  file: Probe,
  signal: AbortSignal,
): Promise<Measured> {
  const spans = await store.storedSpans(current.trackId);
  const unmeasured = { stored: Promise.resolve(current), spans, bytesPerSecond: null };
  const gap = firstGap(spans, file.total);
  if (gap.end - gap.start <= MEASURE_BYTES) return unmeasured;
  const sentAt = performance.now();
  const timeUp = AbortSignal.timeout(MEASURE_SECONDS * 1000);
  let next: Probe | null;
  try {
    next = await probe(current.url, gap.start, gap.start + MEASURE_BYTES - 1, AbortSignal.any([signal, timeUp]));
  } catch (error) {
    if (signal.aborted || error instanceof FileChanged) throw error;
    return unmeasured;
  }
  // Another size or version since the probe: its bytes are left to the fetch, whose end checks the version.
  if (!next?.first?.response.body || next.total !== file.total || versionChanged(file.validator, next.validator)) {
    await discard(next?.first?.response);
    return unmeasured;
  }
  const read = await storeChunk(current, store, next.first, signal, timeUp);
  const seconds = (read.lastReadAt - sentAt) / 1000;
  return {
    stored: read.stored,
    spans: [...spans, { start: gap.start, size: read.bytes }],
    bytesPerSecond: read.bytes > 0 && seconds > 0 ? read.bytes / seconds : null,
  };
}

/** What `measureLink` read, while it is stored. */
interface Measured {
  /** The record once every byte read is stored (null: the download is gone). */
  readonly stored: Promise<DownloadRecord | null>;
  /** The spans stored, with those read being stored. */
  readonly spans: readonly { start: number; size: number }[];
  /** The link's speed; null: not measured. */
  readonly bytesPerSecond: number | null;
}

/** The first bytes no stored span holds, `start` to `end` (exclusive), in a file of `total` bytes. */
function firstGap(spans: readonly { start: number; size: number }[], total: number): { start: number; end: number } {
  const start = firstMissingByte(spans);
  const after = spans.filter((span) => span.start > start).map((span) => span.start);
  return { start, end: Math.min(total, ...after) };
}

/** A chunk is stored in pieces of this size as its reads come, written in turn while it reads on. */
const PIECE_BYTES = 8 * 1024 * 1024;

/**
 * Stores a chunk the worker asked for, read no further than its range (nor past `timeUp`), in pieces
 * as it comes. Whatever ends it early (a pause, a dropped
 * connection), what was read is kept, as the Range-chunk engine keeps it: the fetch asks only for the rest.
 * @returns once every byte is read: the bytes read, when the last of them came, and the record once
 *   they are stored (`stored`, to be awaited)
 */
async function storeChunk(
  current: DownloadRecord,
  store: DownloadSink,
  chunk: NonNullable<Probe['first']>,
  signal: AbortSignal,
  timeUp?: AbortSignal,
): Promise<{ stored: Promise<DownloadRecord | null>; bytes: number; lastReadAt: number }> {
  const expected = chunk.end - chunk.start + 1;
  let read = 0;
  let lastReadAt = performance.now();
  let written: Promise<DownloadRecord | null> = Promise.resolve(current);
  // Each piece is written once the last is, while reading goes on (the measure times the link, not the disk).
  const pieces = new BlobChunks(
    PIECE_BYTES,
    (data, start) => {
      written = written.then(() => store.addSegment(current.trackId, start, data));
      // Awaited by `keep`; a failed write meanwhile is no unhandled rejection.
      written.catch(() => undefined);
    },
    chunk.start,
  );
  const keep = async () => {
    await pieces.flush();
    return { stored: written, bytes: read, lastReadAt };
  };
  try {
    const tooLong = (): Error => badAnswerError(`more than the ${expected} bytes its range holds`);
    const reading = timeUp ? AbortSignal.any([signal, timeUp]) : signal;
    await readBody(chunk.response.body!, { signal: reading, maxBytes: expected, tooLong }, (bytes) => {
      lastReadAt = performance.now();
      read += bytes.byteLength;
      store.progress(current, read);
      return pieces.add(bytes);
    });
  } catch (error) {
    if (signal.aborted) {
      const kept = await keep();
      await kept.stored;
      throw signal.reason;
    }
    // The connection dropped, or the time ran out: the fetch brings the rest instead.
    if (error instanceof TypeError || timeUp?.aborted) return keep();
    // No write lands after the failure (its cleanup would miss it).
    await written.catch(() => undefined);
    throw error;
  }
  return keep();
}
