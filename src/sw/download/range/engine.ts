import type { DownloadRecord } from '../../../shared/downloads.ts';
import { reachableWithoutCors } from '../../../shared/reachable.ts';
import { readBody } from '../body.ts';
import { watchNetwork, type NetworkWatch } from './network-watch.ts';
import { PieceWriter } from './piece-writer.ts';
import { NotAPiece, PROBE_BYTES, fetchPieces, nextProbeBytes, outrunsStream, pieceBytesAt } from './range-pieces.ts';
import { StorageBudget, availableBytes } from '../budget.ts';
import {
  CorsRefused,
  DownloadError,
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
  parseContentRange,
  networkError,
  readValidator,
  refusing,
  versionChanged,
} from '../http.ts';
import { STORED, type DownloadSink, type Engine } from '../engine.ts';
import { outcomeOf } from '../outcome.ts';
import { quotaError } from '../quota.ts';
import type { ByteFields } from '../store.ts';

/**
 * How the rest of a file comes: first a probe, a closed range of `bytes` (`PROBE_BYTES`, then twice
 * the last while `nextProbeBytes` finds room) whose speed decides; then the stream to the end, or,
 * where a probe outran `outrunsStream`'s bar, pieces of `pieceBytes` the browser stores itself, until
 * a host answers one otherwise (then the stream).
 */
type Course = { by: 'probe'; bytes: number } | { by: 'stream' } | { by: 'pieces'; pieceBytes: number };

const gone = (): DOMException => new DOMException('The download was removed.', 'AbortError');

/**
 * Fetches a download with streaming requests for a single range (which needs no CORS preflight):
 * first a probe, `Range: bytes=<stored>-<stored + PROBE_BYTES - 1>` (a preview's whole file), then,
 * for a larger file, probes twice as large while one is slow and the rest allows (`nextProbeBytes`),
 * and `bytes=<stored>-` to the end. Each body is stored in pieces as it arrives, the
 * next piece read while the last is written (`PieceWriter`: one write in flight, so memory holds one
 * piece whatever the size). A pause, a crash or a dropped connection costs at most the piece in
 * flight; a resume asks for the rest. Where a probe outran the stream's bar (judged as it was read:
 * the link is fast), the rest comes in large pieces the browser stores itself (`fetchPieces`), as plain
 * `fetch → blob()` does. The probe has an end so that nothing past it is fetched where pieces take
 * over (an open stream cancelled there had fetched 20–43 MiB more on loopback, and in WebKit, which
 * reads ahead of its reader, 137 MiB). Versions never mix: each 206's
 * validator (ETag or Last-Modified, where the host shows them) and size are checked against the
 * stored ones, and a changed file ends the run (`changed`: `transition` starts it again from zero). A
 * host that ignores Range is read whole, the same way, from zero (with bytes stored, the run ends as
 * `range-ignored`). A cut-off (a dropped connection, 429, 5xx) ends the run: `transition` decides
 * whether another try follows.
 * Returns the record once every byte is stored.
 * @throws DownloadError, CorsRefused, or the signal's reason when paused or canceled
 */
async function fetchWithRanges(
  record: DownloadRecord,
  store: DownloadSink,
  signal: AbortSignal,
): Promise<DownloadRecord> {
  // What is stored, not what the record counts, is where it continues; the disk is asked meanwhile.
  const [resumed, available] = await Promise.all([store.resume(record.trackId), availableBytes()]);
  let current = resumed ?? record;
  const budget = new StorageBudget(current.bytesReceived, available);
  if (current.bytesTotal !== null) budget.assertFits(current.bytesTotal);

  let course: Course = { by: 'probe', bytes: PROBE_BYTES };

  const isWhole = (r: DownloadRecord): boolean => r.bytesTotal !== null && r.bytesReceived >= r.bytesTotal;

  /** The size, learned only at the end of a body without a length. */
  async function setTotal(bytesTotal: number): Promise<DownloadRecord> {
    const updated = await store.update(current.trackId, { bytesTotal });
    if (!updated) throw gone();
    return updated;
  }

  /**
   * Stores `body` from byte `start` on as it arrives, the next bytes read while the last are written
   * (`PieceWriter`). The body is never read past `announced`, the bytes its answer said it holds (the
   * rest of the file, or its range where the total is unknown), nor, with nothing announced, past
   * what the disk holds. Whatever ends it early, what was read is kept.
   * @param whileStoring called once the body is read, while its last pieces are stored (`stored`)
   * @returns the bytes read
   */
  async function storeBody(
    body: ReadableStream<Uint8Array>,
    start: number,
    fields: Omit<ByteFields, 'bytesReceived'>,
    watch: NetworkWatch,
    announced: number | null,
    whileStoring?: (read: number, stored: Promise<void>) => Promise<void>,
  ): Promise<number> {
    const limits = {
      signal: watch.signal,
      maxBytes: announced ?? budget.limit - start,
      tooLong: () =>
        announced === null ? quotaError() : badAnswerError(`more than the ${announced} bytes it announced`),
    };
    const writer = new PieceWriter(async (piece, at) => {
      const stored = await store.appendChunk(current.trackId, at, piece, {
        ...fields,
        bytesReceived: at + piece.byteLength,
      });
      if (!stored) throw gone();
      current = stored;
    }, start);
    let read = 0;
    try {
      await readBody(body, limits, async (bytes) => {
        read += bytes.byteLength;
        watch.onBytes();
        // The size the answer announced shows from the first bytes, before the first piece stores it.
        const shown = current.bytesTotal === null ? { ...current, bytesTotal: fields.bytesTotal } : current;
        store.progress(shown, start + read - current.bytesReceived);
        await writer.add(bytes);
      });
      const stored = writer.finish();
      if (whileStoring) {
        // Awaited below, once `whileStoring` is done with it.
        stored.catch(() => undefined);
        await whileStoring(read, stored);
      }
      await stored;
      return read;
    } catch (error) {
      // A wrong answer (past its size) keeps nothing more; a pause or a lost connection keeps every byte read.
      if (!(error instanceof DownloadError && error.failure.code === 'bad-answer')) await writer.stop();
      throw error;
    }
  }

  /**
   * The rest in pieces (`fetchPieces`), from `ahead.from` where the probe's last pieces are still
   * being stored (`ahead.stored`); should a host answer a piece otherwise, or its fetch fail with the
   * network up, the stream goes on for the rest of the run.
   */
  async function requestPieces(
    watch: NetworkWatch,
    pieceBytes: number,
    ahead?: { from: number; stored: Promise<void> },
  ): Promise<DownloadRecord> {
    try {
      await fetchPieces(current, store, {
        ...ahead,
        pieceBytes,
        signal: watch.signal,
        onBytes: () => watch.onBytes(),
        onStored: (stored) => {
          if (!stored) throw gone();
          current = stored;
          store.progress(current, 0);
        },
      });
    } catch (error) {
      // A failed fetch the stream may not see (a host that answers closed ranges without CORS, a cut
      // connection): the stream goes on from what is stored, and finds out.
      const failedFetch = error instanceof TypeError && !watch.lost() && !signal.aborted;
      if (!(error instanceof NotAPiece) && !failedFetch) throw error;
      course = { by: 'stream' };
    }
    return current;
  }

  /** Asks for the probe, or everything, from the stored bytes on and stores what comes. */
  async function request(watch: NetworkWatch): Promise<DownloadRecord> {
    if (course.by === 'pieces') return requestPieces(watch, course.pieceBytes);
    const start = current.bytesReceived;
    const probeEnd = course.by === 'probe' ? start + course.bytes - 1 : null;
    let response: Response;
    try {
      response = await fetchRange(current.url, start, probeEnd, watch.signal);
    } catch (error) {
      if (error instanceof TypeError && !watch.lost() && start === 0 && (await reachableWithoutCors(current.url))) {
        throw new CorsRefused();
      }
      throw error;
    }
    if (response.status === 416) {
      await discard(response);
      const whole = /^bytes \*\/(\d+)$/.exec(response.headers.get('Content-Range') ?? '');
      if (whole && Number(whole[1]) === start && start > 0) return setTotal(start);
      // Nothing at `start`: the file is shorter than what is stored, so it is not the file we had.
      throw new FileChanged();
    }
    if (response.status !== 200 && response.status !== 206) {
      await discard(response);
      throw errorForStatus(response.status);
    }
    const fresh = readValidator(response.headers);
    const contentType = contentTypeOf(response);
    if (!response.body) throw networkError();
    const { body } = response;
    if (response.status === 200) {
      // The host ignores Range: the whole file, from zero, which stored bytes cannot continue.
      const total = contentLengthOf(response);
      await refusing(response, () => {
        assertAudio(contentType);
        if (total !== null) budget.assertFits(total);
        if (current.bytesReceived > 0) throw new RangeIgnored();
      });
      const fields = { bytesTotal: total, validator: fresh, contentType };
      const read = await storeBody(body, 0, fields, watch, total);
      if (total !== null && read !== total) throw networkError();
      return total === null ? setTotal(read) : current;
    }
    // Bytes of another version are never stored: the file starts again.
    if (versionChanged(current.validator, fresh) === true) {
      await discard(response);
      throw new FileChanged();
    }
    const range = await refusing(response, () => {
      const claimed = parseContentRange(response.headers.get('Content-Range'));
      // The size claimed comes first: an absurd one is "Not enough storage", not a wrong answer.
      budget.assertFits(claimed?.total ?? 0);
      // A host that ignores the probe's end sends the rest of the file: as if it had been asked.
      const askedEnd = probeEnd !== null && (claimed?.end ?? 0) <= probeEnd ? probeEnd : Number.MAX_SAFE_INTEGER;
      const answered = exactRange(response, start, askedEnd);
      assertAudio(contentType);
      // A total of `*` leaves only the end to check.
      if (answered.total === null) budget.assertFits(answered.end + 1);
      return answered;
    });
    // Another size is another file, whatever validators say (or cannot say).
    if (range.total !== null && current.bytesTotal !== null && range.total !== current.bytesTotal) {
      await discard(response);
      throw new FileChanged();
    }
    const total = range.total ?? current.bytesTotal;
    const fields = {
      bytesTotal: total,
      validator: current.validator ?? fresh,
      contentType: current.contentType ?? contentType,
    };
    // A probe holds its range. A total of `*` leaves the range as all the answer may hold, and, past
    // the probe, its end as the file's.
    const holds = (probeEnd !== null ? range.end + 1 : (total ?? range.end + 1)) - start;
    const began = performance.now();
    /**
     * A probe read in full decides how the rest comes, by the speed it was read at. Pieces begin at
     * once, while the probe's last pieces are stored (some 150 ms for 16 MiB on loopback, where the
     * link was idle): their bytes never pass through the worker, so its memory holds no more.
     */
    const decide = async (read: number, stored: Promise<void>): Promise<void> => {
      if (read !== holds) return;
      const end = start + read;
      const seconds = (performance.now() - began) / 1000;
      const rest = total === null ? null : total - end;
      const again = rest === null ? null : nextProbeBytes(read, rest);
      course =
        rest !== null && outrunsStream(read, seconds, rest)
          ? { by: 'pieces', pieceBytes: pieceBytesAt(read / seconds, rest) }
          : again !== null
            ? { by: 'probe', bytes: again }
            : { by: 'stream' };
      if (course.by === 'pieces') await requestPieces(watch, course.pieceBytes, { from: end, stored });
    };
    const read = await storeBody(body, start, fields, watch, holds, probeEnd === null ? undefined : decide);
    if (read !== holds) throw networkError(); // a short body: the rest is asked again
    // With a total of `*`, a probe answered in full says nothing of where the file ends.
    if (total === null && range.end === probeEnd) return current;
    return total === null ? setTotal(start + read) : current;
  }

  /** One request, its failures put in a download's words: a pause stays a pause, a cut is a cut. */
  async function step(): Promise<DownloadRecord> {
    const watch = watchNetwork(signal);
    try {
      return await request(watch);
    } catch (error) {
      signal.throwIfAborted();
      if (watch.lost() || error instanceof TypeError) throw networkError();
      throw error;
    } finally {
      watch.stop();
    }
  }

  // A cut-off ends the run: whether and when to try again is the state machine's (`transition`).
  while (!isWhole(current)) {
    signal.throwIfAborted();
    current = await step();
  }
  return current;
}

/** The Range-chunk engine as a plug-in of the download core (see `fetchWithRanges`). */
export const rangeEngine: Engine = {
  name: 'range',
  run: (record, sink, signal) =>
    fetchWithRanges(record, sink, signal).then(
      () => STORED,
      (error: unknown) => outcomeOf(error, signal),
    ),
};
