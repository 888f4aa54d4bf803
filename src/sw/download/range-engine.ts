import { CHUNK_BYTES, type DownloadRecord } from '../../shared/downloads.ts';
import { reachableWithoutCors } from '../../shared/reachable.ts';
import { capped, readInChunks, readRange } from './body.ts';
import { StorageBudget } from './budget.ts';
import {
  CorsRefused,
  DownloadError,
  assertAudio,
  badAnswerError,
  contentLengthOf,
  contentTypeOf,
  discard,
  errorForStatus,
  exactRange,
  ifRangeValue,
  isAbort,
  networkError,
  offlineError,
  readValidator,
  refusing,
  versionChanged,
} from './http.ts';
import { quotaError, type DownloadStore } from './store.ts';

/** How often a transient failure (dropped connection, 429, 5xx) is retried before the download fails. */
const MAX_ATTEMPTS = 5;
const BACKOFF_MS = 500;

export interface EngineHooks {
  readonly signal: AbortSignal;
  /** Bytes arrived: the record as stored, plus bytes read but not stored yet. */
  onProgress(record: DownloadRecord, pending: number): void;
}

const gone = (): DOMException => new DOMException('The download was removed.', 'AbortError');

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

/**
 * Reads a body, turning a connection lost mid-body into a transient DownloadError (retried), and a
 * pause or cancel into the signal's reason.
 */
async function readBody<T>(signal: AbortSignal, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    signal.throwIfAborted();
    throw error instanceof TypeError ? networkError() : error;
  }
}

/**
 * Fetches a download with sequential Range requests of `CHUNK_BYTES`, each stored as it arrives, so
 * a pause, a crash or a dropped connection costs at most the chunk in flight. Resumes from the stored
 * bytes, guarded by `If-Range` and a validator check, so bytes of two versions never mix: a changed
 * file starts again from zero. A host that ignores Range is read whole, as a stream. Transient
 * failures are retried with backoff. Returns the record once every byte is stored.
 * @throws DownloadError, CorsRefused, or the signal's reason when paused or canceled
 */
export async function fetchWithRanges(
  record: DownloadRecord,
  store: DownloadStore,
  hooks: EngineHooks,
): Promise<DownloadRecord> {
  let current = record;
  let failures = 0;
  let useIfRange = true;
  const budget = await StorageBudget.measure(record.bytesReceived);
  if (record.bytesTotal !== null) budget.assertFits(record.bytesTotal);

  const isWhole = (r: DownloadRecord): boolean => r.bytesTotal !== null && r.bytesReceived >= r.bytesTotal;

  /** Starts again from zero: `changed` when the file is another version than the bytes stored. */
  async function restart(changed = true): Promise<DownloadRecord> {
    const restarted = await store.restart(current.trackId, {}, { changed });
    if (!restarted) throw gone();
    return restarted;
  }

  /** The size, learned only at the end of a body without Content-Length. */
  async function setTotal(bytesTotal: number): Promise<DownloadRecord> {
    const updated = await store.update(current.trackId, { bytesTotal });
    if (!updated) throw gone();
    return updated;
  }

  async function storeRange(response: Response, start: number, askedEnd: number): Promise<DownloadRecord> {
    const fresh = readValidator(response.headers);
    const changed = versionChanged(current.validator, fresh) === true;
    // Bytes of another version are never stored: the file starts again.
    if (changed || !response.body) {
      await discard(response);
      return restart();
    }
    const range = await refusing(response, () => {
      const answered = exactRange(response, start, askedEnd);
      assertAudio(contentTypeOf(response));
      budget.assertFits(answered.total ?? answered.end + 1);
      return answered;
    });
    // Another size is another file, whatever validators say (or cannot say).
    if (range.total !== null && current.bytesTotal !== null && range.total !== current.bytesTotal) {
      await discard(response);
      return restart();
    }
    const expected = range.end - range.start + 1;
    // The size is known from the headers, before the body: show a percentage from the first byte.
    const shown = { ...current, bytesTotal: range.total ?? current.bytesTotal };
    const { body } = response;
    const data = await readBody(hooks.signal, () =>
      readRange(body, expected, (pending) => hooks.onProgress(shown, pending), hooks.signal),
    );
    const size = data.size;
    if (size !== expected) throw networkError(); // a short body
    const total = range.total ?? (size < CHUNK_BYTES ? start + size : null);
    const stored = await store.appendChunk(current.trackId, start, data, {
      bytesReceived: start + size,
      bytesTotal: total,
      validator: current.validator ?? fresh,
      contentType: current.contentType ?? contentTypeOf(response),
      engine: 'range',
    });
    if (!stored) throw gone();
    return stored;
  }

  /** The host sent the whole file (it ignores Range, or If-Range found a new version): read it from zero. */
  async function storeWhole(response: Response): Promise<DownloadRecord> {
    if (current.bytesReceived > 0) current = await restart(false);
    if (!response.body) throw networkError();
    const total = contentLengthOf(response);
    const validator = readValidator(response.headers);
    const contentType = contentTypeOf(response);
    await refusing(response, () => {
      assertAudio(contentType);
      if (total !== null) budget.assertFits(total);
    });
    // A body of unknown length is read only as far as the disk holds.
    const body = capped(response.body, total ?? budget.limit, () =>
      total === null ? quotaError() : badAnswerError(`more than the ${total} bytes it announced`),
    );
    let offset = 0;
    const read = await readBody(hooks.signal, () =>
      readInChunks(
        body,
        CHUNK_BYTES,
        async (chunk) => {
          const bytes = {
            bytesReceived: offset + chunk.size,
            bytesTotal: total,
            validator,
            contentType,
            engine: 'whole-body' as const,
          };
          const stored = await store.appendChunk(current.trackId, offset, chunk, bytes);
          if (!stored) throw gone();
          current = stored;
          offset += chunk.size;
        },
        (pending) => hooks.onProgress(current, pending),
        hooks.signal,
      ),
    );
    if (total !== null && read !== total) throw networkError();
    return total === null ? setTotal(read) : current;
  }

  async function step(): Promise<DownloadRecord> {
    const start = current.bytesReceived;
    const askedEnd = start + CHUNK_BYTES - 1;
    const headers = new Headers({ Range: `bytes=${start}-${askedEnd}` });
    const ifRange = start > 0 && useIfRange ? ifRangeValue(current.validator) : null;
    if (ifRange) headers.set('If-Range', ifRange);
    let response: Response;
    try {
      response = await fetch(current.url, {
        headers,
        signal: hooks.signal,
        // Chromium would also write every chunk into its HTTP cache, competing for the disk.
        cache: 'no-store',
        credentials: 'omit',
        mode: 'cors',
        referrerPolicy: 'no-referrer',
      });
    } catch (error) {
      hooks.signal.throwIfAborted();
      if (!(error instanceof TypeError)) throw error;
      // If-Range makes the request need a CORS preflight, which some hosts refuse: go on without it
      // (the validator check on every 206 still keeps versions apart).
      if (ifRange) useIfRange = false;
      else if (start === 0 && (await reachableWithoutCors(current.url))) throw new CorsRefused();
      throw networkError();
    }
    if (response.status === 206) return storeRange(response, start, askedEnd);
    if (response.status === 200) return storeWhole(response);
    if (response.status === 416) {
      await discard(response);
      const whole = /^bytes \*\/(\d+)$/.exec(response.headers.get('Content-Range') ?? '');
      if (whole && Number(whole[1]) === start && start > 0) return setTotal(start);
      return restart();
    }
    await discard(response);
    throw errorForStatus(response.status);
  }

  while (!isWhole(current)) {
    hooks.signal.throwIfAborted();
    try {
      current = await step();
      failures = 0;
    } catch (error) {
      if (isAbort(error) || !(error instanceof DownloadError) || !error.transient) throw error;
      // Offline, retrying is pointless: fail now; Background Sync (or Retry) resumes it later.
      if (error.failure.code === 'network' && !navigator.onLine) throw offlineError();
      failures += 1;
      if (failures >= MAX_ATTEMPTS) throw error;
      await sleep(BACKOFF_MS * 2 ** (failures - 1), hooks.signal);
    }
  }
  return current;
}
