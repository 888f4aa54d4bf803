/// <reference lib="webworker" />
import { missingSegments, type BackgroundFetchRegistrationLike } from '../../shared/background-fetch.ts';
import { CHUNK_BYTES, type DownloadRecord, type Validator } from '../../shared/downloads.ts';
import type { BackgroundFetchRequested } from '../../shared/messages.ts';
import { reachableWithoutCors } from '../../shared/reachable.ts';
import { capped, readInChunks, readRange } from './body.ts';
import { StorageBudget } from './budget.ts';
import { quotaError } from './store.ts';
import {
  CorsRefused,
  assertAudio,
  badAnswerError,
  contentLengthOf,
  contentTypeOf,
  discard,
  errorForStatus,
  exactRange,
  networkError,
  readValidator,
  refusing,
  versionChanged,
} from './http.ts';
import { STORED, type DownloadSink, type Engine } from './engine.ts';
import { outcomeOf } from './outcome.ts';
import type { Outcome } from './transition.ts';

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
    response = await fetch(url, {
      headers: { Range: `bytes=${start}-${end}` },
      signal,
      cache: 'no-store',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
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
    if (response.status === 416) throw new FileShrank();
    throw errorForStatus(response.status);
  }).catch((error: unknown) => {
    if (error instanceof SizeUnknown) return null;
    throw error;
  });
}

/** How long the probe before completing may take: it runs while every other command waits. */
const VERSION_PROBE_TIMEOUT_MS = 15_000;

/** A probe past the end of the file as it is now. */
class FileShrank extends Error {}

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
 * @param id the new fetch's id, which the caller waits on
 * @returns `started`; `stored` when nothing is missing; `stopped` when the download is no longer
 *   running; `unavailable` when no page could start it or the size is unknown (the Range-chunk engine
 *   takes over)
 */
async function handOver(
  record: DownloadRecord,
  id: string,
  store: DownloadSink,
  askPage: PageAsker,
  signal: AbortSignal,
): Promise<'started' | 'stored' | 'unavailable' | 'stopped'> {
  const from = firstMissingByte(await store.storedSpans(record.trackId));
  const whole = record.bytesTotal !== null && from >= record.bytesTotal;
  const file = await probe(record.url, whole ? 0 : from, whole ? 0 : from + CHUNK_BYTES - 1, signal).catch(
    async (error: unknown) => {
      if (!(error instanceof FileShrank) || from === 0) throw error;
      const restarted = await store.restart(record.trackId, {}, { changed: true });
      return restarted ? probe(record.url, 0, CHUNK_BYTES - 1, signal) : null;
    },
  );
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
    current =
      changed || (!file.ranged && record.bytesReceived > 0)
        ? await store.restart(record.trackId, fields, { changed })
        : await store.update(record.trackId, fields);
  } catch (error) {
    await discard(first?.response);
    throw error;
  }
  // Paused, canceled or finished meanwhile (the worker restarted for this fetch's own last event).
  if (current?.status !== 'downloading' || changed || whole || !first?.response.body) {
    await discard(first?.response);
  } else {
    current = await storeFirstChunk(current, store, first, signal);
  }
  if (current?.status !== 'downloading') return 'stopped';
  const segments = file.ranged ? missingSegments(file.total, await store.storedSpans(record.trackId)) : [];
  if (file.ranged && segments.length === 0) return 'stored';
  if (!(await store.update(record.trackId, { backgroundFetchId: id }))) return 'unavailable';
  signal.throwIfAborted();
  const started = await askPage({
    id,
    url: record.url,
    segments: segments.map((segment) => [segment.start, segment.end] as const),
    downloadTotal: file.ranged ? segments.reduce((sum, s) => sum + s.end - s.start + 1, 0) : file.total,
    title: `${record.track.name} — ${record.track.artist}`,
    icon: record.track.artworkUrl,
  });
  return started ? 'started' : 'unavailable';
}

/** Stores the probe's chunk, read no further than its range; returns the record as stored. */
async function storeFirstChunk(
  current: DownloadRecord,
  store: DownloadSink,
  first: NonNullable<Probe['first']>,
  signal: AbortSignal,
): Promise<DownloadRecord | null> {
  const expected = first.end - first.start + 1;
  let data: Blob;
  try {
    data = await readRange(first.response.body!, expected, (pending) => store.progress(current, pending), signal);
  } catch (error) {
    signal.throwIfAborted();
    if (error instanceof TypeError) return current; // the connection dropped: the fetch brings it instead
    throw error;
  }
  // A short body stores nothing: its segment is fetched with the rest.
  return data.size === expected ? store.addSegment(current.trackId, first.start, data) : current;
}

/** What the records of an ended background fetch brought. */
export interface Harvest {
  /** A status that failed a request (404…), if any did. */
  readonly badStatus: number | null;
  /** The file changed between segments: nothing of it may be kept. */
  readonly changed: boolean;
  /** Every stored record showed the stored version's validator, so no probe needs to ask again. */
  readonly verified: boolean;
}

/** The range a record's request asked for: ours, so readable even where the answer's headers are hidden. */
function askedRange(request: Request): { start: number; end: number } | null {
  const asked = /^bytes=(\d+)-(\d+)$/.exec(request.headers.get('Range') ?? '');
  return asked ? { start: Number(asked[1]), end: Number(asked[2]) } : null;
}

/**
 * Stores every finished record of a background fetch (on success, failure and abort alike), keyed by
 * the range its request asked for, as `matchAll()` does not keep request order. On another origin a
 * record shows only its status, Content-Length, Content-Type and Last-Modified (Content-Range and
 * ETag read as null whatever the host exposes), so each body is checked against the length asked and
 * read no further; a segment is at most `MAX_SEGMENT` bytes, so memory holds one at a time.
 * @throws DownloadError when a record is not audio or not the length asked
 */
export async function harvest(
  registration: BackgroundFetchRegistrationLike,
  record: DownloadRecord,
  store: Pick<DownloadSink, 'addSegment'>,
): Promise<Harvest> {
  let badStatus: number | null = null;
  let verified = true;
  const never = new AbortController().signal;
  let writing: Promise<unknown> = Promise.resolve();
  try {
    for (const fetched of await registration.matchAll()) {
      let response: Response;
      try {
        response = await fetched.responseReady;
      } catch {
        continue; // not fetched (aborted or failed)
      }
      if (!response.ok) {
        badStatus ??= response.status;
        continue;
      }
      const asked = askedRange(fetched.request);
      const changed = versionChanged(record.validator, readValidator(response.headers));
      // A host that ignored Range after all, or another version: nothing stored can be kept.
      if ((asked !== null && response.status !== 206) || changed === true) {
        await discard(response);
        return { badStatus, changed: true, verified: false };
      }
      verified &&= changed === false;
      if (!response.body) continue;
      const sized = await refusing(response, () => {
        assertAudio(contentTypeOf(response));
        // Same origin shows Content-Range: then it must be exactly the segment, of a file of our size.
        if (!asked || !response.headers.has('Content-Range')) return true;
        return exactRange(response, asked.start, asked.end).total === record.bytesTotal;
      });
      if (!sized) {
        await discard(response);
        return { badStatus, changed: true, verified: false };
      }
      if (!asked) {
        if (response.status !== 200) {
          await discard(response);
          throw badAnswerError(`a partial answer (${response.status}) to a request for the whole file`);
        }
        // One request for the whole file (a host that ignores Range): streamed in chunks from zero.
        const total = record.bytesTotal ?? 0;
        let offset = 0;
        const body = capped(response.body, total, () => badAnswerError(`more than the ${total} bytes announced`));
        await readInChunks(
          body,
          CHUNK_BYTES,
          async (chunk) => {
            await store.addSegment(record.trackId, offset, chunk);
            offset += chunk.size;
          },
          () => undefined,
          never,
        );
        continue;
      }
      const expected = asked.end - asked.start + 1;
      const length = contentLengthOf(response);
      if (length !== null && length !== expected) {
        await discard(response);
        throw badAnswerError(`${length} bytes for a range of ${expected}`);
      }
      // A length that is the segment's bounds the body (the browser reads no further): the browser's own
      // Blob of the record, with no copy through the worker. Without one, read no further than the range.
      const segment =
        length === expected ? await response.blob() : await readRange(response.body, expected, () => undefined, never);
      // One write in flight while the next record is read. A short body leaves its segment missing:
      // the next fetch asks for it again.
      await writing;
      if (segment.size === expected) writing = store.addSegment(record.trackId, asked.start, segment);
    }
    await writing;
  } finally {
    // Whatever ended the harvest, no write lands after it (a restart would find a stale segment).
    await writing.catch(() => undefined);
  }
  return { badStatus, changed: false, verified };
}

/**
 * The Background Fetch engine as a plug-in of the download core: hands the download to a fetch of id
 * `id` (`handOver`). `waiting` once the browser has it: the fetch's last event brings the end
 * (`settleBackgroundFetch`). Gives up (`no-page`) where no page could start one or the size is unknown.
 */
export function backgroundFetchEngine(askPage: PageAsker, id: string): Engine {
  return async (record, sink, signal) => {
    try {
      const handed = await handOver(record, id, sink, askPage, signal);
      switch (handed) {
        case 'started':
          return { kind: 'waiting' };
        case 'stored':
          return STORED;
        case 'stopped':
          return { kind: 'stopped' };
        case 'unavailable':
          return { kind: 'gave-up', why: 'no-page' };
      }
    } catch (error) {
      return outcomeOf(error, signal);
    }
  };
}

/** How a background fetch ended, as its events say. */
export type BackgroundFetchEnd = 'success' | 'fail' | 'abort';

/**
 * What the last event of a background fetch means for its download, once every finished segment is
 * stored (`harvest`): stored, paused (aborted in the browser's own UI), failed with words, or the next
 * rung of the ladder (a host without CORS, a changed file). Works in a worker restarted for the event.
 * @param followed whether a run of this worker waited for this very fetch
 */
export async function settleBackgroundFetch(
  end: BackgroundFetchEnd,
  registration: BackgroundFetchRegistrationLike,
  record: DownloadRecord,
  followed: boolean,
  sink: Pick<DownloadSink, 'addSegment'>,
): Promise<Outcome> {
  if (record.status === 'completed') return { kind: 'stopped' };
  const { badStatus, changed, verified } = await harvest(registration, record, sink);
  if (end === 'abort') {
    // Our own pause or cancel wrote the state already; an abort from the browser's UI, of the fetch
    // a run follows, is a pause. A run that is not following it was resumed meanwhile: it goes on.
    return followed ? { kind: 'paused-by-browser' } : { kind: 'stopped' };
  }
  // Where the records could not show their version, a probe asks; should it get no answer (offline,
  // a host that hangs), the download waits in the queue with every byte kept, and its next run's
  // probe asks again before completing.
  const unchanged = end === 'success' && !changed && !verified ? await unchangedSince(record).catch(() => null) : true;
  if (unchanged === null) return { kind: 'lost' };
  // The file changed between segments, or since the fetch began: every stored byte goes, and a new
  // fetch starts from zero.
  if (changed || !unchanged) return { kind: 'changed' };
  if (end === 'success') return STORED;
  if (registration.failureReason === 'bad-status' && badStatus !== null) {
    return { kind: 'failed', failure: errorForStatus(badStatus).failure };
  }
  if (registration.failureReason === 'quota-exceeded') return { kind: 'failed', failure: quotaError().failure };
  // fetch-error (a host without CORS, a lost connection) or a size that grew: the next rung.
  return { kind: 'gave-up', why: 'fetch-error' };
}
