/// <reference lib="webworker" />
/**
 * The harvest side of the Background Fetch engine: when a fetch ends (success, failure or abort),
 * every finished record is stored, and what the end means for the download becomes an outcome.
 */
import type { BackgroundFetchRegistrationLike } from '../../../shared/background-fetch.ts';
import { CHUNK_BYTES, type DownloadRecord } from '../../../shared/downloads.ts';
import { BlobChunks, readBody, readRange } from '../body.ts';
import { STORED, type DownloadSink } from '../engine.ts';
import type { Segment } from '../store.ts';
import {
  assertAudio,
  badAnswerError,
  contentLengthOf,
  contentTypeOf,
  discard,
  errorForStatus,
  exactRange,
  readValidator,
  refusing,
  versionChanged,
} from '../http.ts';
import { quotaError } from '../quota.ts';
import type { Outcome } from '../transition.ts';
import { unchangedSince } from './start.ts';

/** What the records of an ended background fetch brought. */
export interface Harvest {
  /** A status that failed a request (404…), if any did. */
  readonly badStatus: number | null;
  /** The file changed between segments: nothing of it may be kept. */
  readonly changed: boolean;
  /** Every stored record showed the stored version's validator, so no probe needs to ask again. */
  readonly verified: boolean;
  /** Every request of this download was answered and stored whole (a lot's other downloads aside). */
  readonly whole: boolean;
}

/**
 * Finished segments are stored together up to this many bytes, in one transaction (`addSegments`): 64
 * MiB at most waits for its write, the next gathered meanwhile. The records' Blobs are the browser's
 * own, on disk: gathering them holds no bytes in memory.
 */
export const HARVEST_BATCH_BYTES = 64 * 1024 * 1024;

/** A URL as a request shows it, for comparing a record's request with a download's preview. */
const sameUrl = (a: string, b: string): boolean => new URL(a).href === new URL(b).href;

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
 * read no further; segments are stored together (`HARVEST_BATCH_BYTES`), and a body read through the
 * worker (no length shown) alone, so memory holds one segment at a time, 32 MiB at most. A fetch
 * of several downloads (a page's lot) is harvested for each of them: only the records of its URL.
 *
 * Only once the fetch ended: Chromium answers a record whose request is still running, and its Blob
 * has the size asked but not the server's bytes (measured: 16 segments of 2 MiB read as soon as
 * answered, 15 of 16 differed from the server's; so storing segments while the fetch goes on, to
 * overlap the copy into IndexedDB with the download, cannot be done).
 * @throws DownloadError when a record is not audio or not the length asked
 */
export async function harvest(
  registration: BackgroundFetchRegistrationLike,
  record: DownloadRecord,
  store: Pick<DownloadSink, 'addSegment' | 'addSegments' | 'update'>,
): Promise<Harvest> {
  let badStatus: number | null = null;
  let verified = true;
  let whole = true;
  let seen = 0;
  const never = new AbortController().signal;
  let writing: Promise<unknown> = Promise.resolve();
  let batch: Segment[] = [];
  let batched = 0;
  /** Stores the segments gathered, once the write in flight is done. */
  const flush = async (): Promise<void> => {
    await writing;
    if (batch.length > 0) writing = store.addSegments(record.trackId, batch);
    [batch, batched] = [[], 0];
  };
  try {
    for (const fetched of await registration.matchAll()) {
      if (!sameUrl(fetched.request.url, record.url)) continue;
      seen++;
      let response: Response;
      try {
        response = await fetched.responseReady;
      } catch {
        whole = false;
        continue; // not fetched (aborted or failed)
      }
      if (!response.ok) {
        badStatus ??= response.status;
        whole = false;
        continue;
      }
      const asked = askedRange(fetched.request);
      const changed = versionChanged(record.validator, readValidator(response.headers));
      // A host that ignored Range after all, or another version: nothing stored can be kept.
      if ((asked !== null && response.status !== 206) || changed === true) {
        await discard(response);
        return { badStatus, changed: true, verified: false, whole: false };
      }
      // One answer for the whole file, where nothing of it was stored before, is one version by itself.
      verified &&= changed === false || (asked === null && record.validator === null);
      if (!response.body) {
        whole = false;
        continue;
      }
      const sized = await refusing(response, () => {
        assertAudio(contentTypeOf(response));
        // Same origin shows Content-Range: then it must be exactly the segment, of a file of our size.
        if (!asked || !response.headers.has('Content-Range')) return true;
        return exactRange(response, asked.start, asked.end).total === record.bytesTotal;
      });
      if (!sized) {
        await discard(response);
        return { badStatus, changed: true, verified: false, whole: false };
      }
      if (!asked) {
        if (response.status !== 200) {
          await discard(response);
          throw badAnswerError(`a partial answer (${response.status}) to a request for the whole file`);
        }
        // One request for the whole file (a host that ignores Range, or a download a page's lot took
        // before its size was known): streamed in chunks from zero, no further than its announced size.
        const total = record.bytesTotal ?? contentLengthOf(response);
        if (total === null) {
          await discard(response);
          whole = false;
          continue;
        }
        let offset = 0;
        if (contentLengthOf(response) === total) {
          // A length that is the file's bounds the body: the browser's own Blob of the record, stored
          // whole with no copy through the worker (read in chunks, 1 GiB held 58 MiB of ArrayBuffers
          // in it). A short body is kept as far as it goes: the next fetch asks for the rest.
          const file = await response.blob();
          if (file.size > 0) await store.addSegment(record.trackId, 0, file);
          offset = file.size;
        } else {
          const chunks = new BlobChunks(CHUNK_BYTES, async (chunk, at) => {
            await store.addSegment(record.trackId, at, chunk);
          });
          const tooLong = (): Error => badAnswerError(`more than the ${total} bytes announced`);
          offset = await readBody(response.body, { signal: never, maxBytes: total, tooLong }, (bytes) =>
            chunks.add(bytes),
          );
          // Every byte read is stored once this resolves.
          await chunks.flush();
        }
        if (record.bytesTotal === null) {
          const fields = {
            bytesTotal: total,
            contentType: contentTypeOf(response),
            validator: readValidator(response.headers),
          };
          await store.update(record.trackId, fields);
        }
        whole &&= offset === total;
        continue;
      }
      const expected = asked.end - asked.start + 1;
      const length = contentLengthOf(response);
      if (length !== null && length !== expected) {
        await discard(response);
        throw badAnswerError(`${length} bytes for a range of ${expected}`);
      }
      // A length that is the segment's bounds the body (the browser reads no further): the browser's own
      // Blob of the record, with no copy through the worker. Without one, read no further than the range,
      // into memory: that one is stored at once.
      const own = length === expected;
      const segment = own ? await response.blob() : await readRange(response.body, expected, never);
      // A short body leaves its segment missing: the next fetch asks for it again.
      if (segment.size !== expected) {
        whole = false;
        continue;
      }
      batch.push({ start: asked.start, data: segment });
      batched += segment.size;
      if (!own || batched >= HARVEST_BATCH_BYTES) await flush();
    }
    await flush();
    await writing;
  } catch (error) {
    // A record that fails the harvest keeps the segments before it stored, as each was stored alone.
    await flush().catch(() => undefined);
    throw error;
  } finally {
    // Whatever ended the harvest, no write lands after it (a restart would find a stale segment).
    await writing.catch(() => undefined);
  }
  return { badStatus, changed: false, verified, whole: whole && seen > 0 };
}

/** How a background fetch ended, as its events say. */
export type BackgroundFetchEnd = 'success' | 'fail' | 'abort';

/**
 * What the last event of a background fetch means for its download, once every finished segment is
 * stored (`harvest`): stored, paused (aborted in the browser's own UI), failed with words, or the next
 * rung of the ladder (a host without CORS, a changed file). Works in a worker restarted for the event.
 * @param followed whether a run of this worker waited for this very fetch
 * @param stoppedHere whether this worker stopped the fetch (for another download of its lot, or Wi-Fi)
 */
export async function settleBackgroundFetch(
  end: BackgroundFetchEnd,
  registration: BackgroundFetchRegistrationLike,
  record: DownloadRecord,
  { followed, stoppedHere }: { readonly followed: boolean; readonly stoppedHere: boolean },
  sink: Pick<DownloadSink, 'addSegment' | 'addSegments' | 'update'>,
): Promise<Outcome> {
  if (record.status === 'completed') return { kind: 'stopped' };
  const { badStatus, changed, verified, whole } = await harvest(registration, record, sink);
  if (end === 'abort') {
    // Our own pause or cancel wrote the state already. A download still followed was stopped with
    // another of its lot: back to the queue, every byte kept. An abort from the browser's UI is a
    // pause. A run that is not following it was resumed meanwhile: it goes on.
    if (!followed) return { kind: 'stopped' };
    return stoppedHere ? { kind: 'lost' } : { kind: 'paused-by-browser' };
  }
  // Where the records could not show their version, a probe asks; should it get no answer (offline,
  // a host that hangs), the download waits in the queue with every byte kept, and its next run's
  // probe asks again before completing.
  const unchanged = end === 'success' && !changed && !verified ? await unchangedSince(record).catch(() => null) : true;
  if (unchanged === null) return { kind: 'lost' };
  // The file changed between segments, or since the fetch began: every stored byte goes, and a new
  // fetch starts from zero.
  if (changed || !unchanged) return { kind: 'changed' };
  // A lot that failed for another of its downloads brought all of this one: it can complete.
  if (end === 'success' || whole) return STORED;
  if (registration.failureReason === 'bad-status' && badStatus !== null) {
    return { kind: 'failed', failure: errorForStatus(badStatus).failure };
  }
  if (registration.failureReason === 'quota-exceeded') return { kind: 'failed', failure: quotaError().failure };
  // fetch-error (a host without CORS, a lost connection) or a size that grew: the next rung.
  return { kind: 'gave-up', why: 'fetch-error' };
}
