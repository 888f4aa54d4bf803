/// <reference lib="webworker" />
import {
  backgroundFetchId,
  missingSegments,
  type BackgroundFetchRegistrationLike,
} from '../../shared/background-fetch.ts';
import { CHUNK_BYTES, type DownloadRecord, type Validator } from '../../shared/downloads.ts';
import type { BackgroundFetchRequested } from '../../shared/messages.ts';
import { reachableWithoutCors } from '../../shared/reachable.ts';
import { readInChunks } from './body.ts';
import {
  CorsRefused,
  contentTypeOf,
  errorForStatus,
  networkError,
  parseContentRange,
  readValidator,
  sameVersion,
} from './http.ts';
import type { DownloadStore } from './store.ts';

/** What a file looks like before its background fetch: size, version, and whether it honours Range. */
interface Probe {
  readonly total: number;
  readonly validator: Validator | null;
  readonly contentType: string;
  readonly ranged: boolean;
}

/** Asks an open page to start a background fetch (only pages can); resolves whether one did. */
export type PageAsker = (request: Omit<BackgroundFetchRequested, 'type'>) => Promise<boolean>;

/**
 * Learns a file's size and validator with a one-byte Range request, as `downloadTotal` and the
 * segments need them. Null when the size cannot be known (no Content-Length).
 * @throws CorsRefused, DownloadError
 */
async function probe(url: string, signal: AbortSignal): Promise<Probe | null> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { Range: 'bytes=0-0' },
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
  await response.body?.cancel();
  const validator = readValidator(response.headers);
  const contentType = contentTypeOf(response);
  if (response.status === 206) {
    const total = parseContentRange(response.headers.get('Content-Range'))?.total;
    return total ? { total, validator, contentType, ranged: true } : null;
  }
  if (response.status === 200) {
    const length = response.headers.get('Content-Length');
    return length && /^\d+$/.test(length) ? { total: Number(length), validator, contentType, ranged: false } : null;
  }
  throw errorForStatus(response.status);
}

/**
 * Hands a download to Background Fetch: one fetch whose requests are the Range segments still
 * missing (all of them the first time, the rest after a pause), started by an open page.
 * @returns `started`; `stored` when nothing is missing; `stopped` when the download is no longer
 *   running; `unavailable` when no page could start it or the size is unknown (the Range-chunk engine
 *   takes over)
 */
export async function handOver(
  record: DownloadRecord,
  store: DownloadStore,
  askPage: PageAsker,
  signal: AbortSignal,
): Promise<'started' | 'stored' | 'unavailable' | 'stopped'> {
  const file = await probe(record.url, signal);
  if (!file) return 'unavailable';
  const fields = { bytesTotal: file.total, validator: file.validator, contentType: file.contentType };
  const changed = record.validator && file.validator && !sameVersion(record.validator, file.validator);
  // A new version, or a host that ignores Range after all: nothing stored can be kept.
  const current =
    changed || (!file.ranged && record.bytesReceived > 0)
      ? await store.restart(record.trackId, fields)
      : await store.update(record.trackId, fields);
  if (!current) return 'stopped';
  // Paused, canceled or finished meanwhile (the worker restarted for this fetch's own last event).
  if (current.status !== 'downloading') return 'stopped';
  const segments = file.ranged ? missingSegments(file.total, await store.storedSpans(record.trackId)) : [];
  if (file.ranged && segments.length === 0) return 'stored';
  const id = backgroundFetchId(record.trackId, Date.now());
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

/** What the records of an ended background fetch brought. */
export interface Harvest {
  /** A status that failed a request (404…), if any did. */
  readonly badStatus: number | null;
  /** The file changed between segments: nothing of it may be kept. */
  readonly changed: boolean;
}

/**
 * Stores every finished record of a background fetch (on success, failure and abort alike), keyed by
 * the range it asked for, as `matchAll()` does not keep request order. Each body is streamed into
 * chunks, so memory holds one chunk at a time.
 */
export async function harvest(
  registration: BackgroundFetchRegistrationLike,
  record: DownloadRecord,
  store: DownloadStore,
): Promise<Harvest> {
  let badStatus: number | null = null;
  const never = new AbortController().signal;
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
    const asked = /^bytes=(\d+)-(\d+)$/.exec(fetched.request.headers.get('Range') ?? '');
    const start = asked ? Number(asked[1]) : 0;
    const fresh = readValidator(response.headers);
    const range = parseContentRange(response.headers.get('Content-Range'));
    const wrongPlace = asked
      ? response.status !== 206 || range?.start !== start || range.total !== record.bytesTotal
      : false;
    if (wrongPlace || (record.validator && fresh && !sameVersion(record.validator, fresh))) {
      await response.body?.cancel();
      return { badStatus, changed: true };
    }
    if (!response.body) continue;
    let offset = start;
    await readInChunks(
      response.body,
      CHUNK_BYTES,
      async (chunk) => {
        await store.addSegment(record.trackId, offset, chunk);
        offset += chunk.size;
      },
      () => undefined,
      never,
    );
  }
  return { badStatus, changed: false };
}
