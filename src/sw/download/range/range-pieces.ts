import type { DownloadRecord } from '../../../shared/downloads.ts';
import type { DownloadSink } from '../engine.ts';
import {
  assertAudio,
  contentLengthOf,
  contentTypeOf,
  discard,
  errorForStatus,
  exactRange,
  fetchRange,
  networkError,
  readValidator,
  versionChanged,
} from '../http.ts';

const MiB = 1024 * 1024;

/** How fast a probe must have been read (bytes a second) for the rest to go in pieces. */
export const FAST_BYTES_PER_SECOND = 64 * MiB;

/**
 * How long a piece may take at the speed the probe showed: progress moves a piece at a time, and a
 * pause loses the piece in flight.
 */
export const PIECE_SECONDS = 2;

/** The probe: the first request of a run asks for this much (a closed range), and its speed decides. */
export const PROBE_BYTES = 16 * MiB;

/**
 * The least rest worth pieces: one piece at least, stored while the probe's last bytes are, where a
 * stream would store the rest 8 MiB at a time. (Past a closed probe nothing is fetched twice; an
 * open stream handed over at 32 MiB had fetched 9–51 MiB more than it stored, fetched again.)
 */
export const SMALLEST_REST_BYTES = 32 * MiB;

/** The largest piece: a stream timed by a coarse clock may seem endlessly fast. */
export const LARGEST_PIECE_BYTES = 1024 * MiB;

/**
 * The next probe after one of `probed` bytes that was slower than the bar, with `rest` bytes of the
 * file to come: twice as large, where a rest worth a piece would still follow it; else none (the
 * stream takes the rest). One probe could judge a whole file by a slow moment (measured: the first
 * 16 MiB of 1 GiB, right after plain's 1 GiB was written, were under the bar in 3 trials of 3).
 */
export const nextProbeBytes = (probed: number, rest: number): number | null =>
  rest - 2 * probed >= SMALLEST_REST_BYTES ? 2 * probed : null;

/**
 * Whether a probe that read `read` bytes in `seconds`, with `rest` bytes of the file still to come,
 * should hand the rest to `fetchPieces`: the link is fast (the probe is judged when it is read, its
 * writes trailing by at most two pieces) and the rest is worth a piece.
 */
export const outrunsStream = (read: number, seconds: number, rest: number): boolean =>
  read >= PROBE_BYTES && read >= FAST_BYTES_PER_SECOND * seconds && rest >= SMALLEST_REST_BYTES;

/**
 * The fewest pieces the rest comes in: the last piece is stored after the link is done, so the
 * smaller it is, the sooner the file is. (Measured, Default on loopback, 5 trials each, the rest in
 * one piece against three: 64 MiB 1.16× plain against 1.04×, 256 MiB 1.00× against 0.97×; from the
 * last byte to the file stored, a 48 MiB piece took 214–400 ms, the last of three 16 MiB pieces 77–339 ms.)
 */
export const FEWEST_PIECES = 3;

/**
 * The size of a piece at `bytesPerSecond` (the probe's speed), with `rest` bytes to come: what the
 * link brings in `PIECE_SECONDS`, in whole MiB, but no more than a `FEWEST_PIECES`th of the rest (nor
 * less than a probe). As large as that allows, because each of the browser's Blobs holds some 5 MiB
 * of Chromium's memory until the worker's collector frees it (measured, 1 GiB on loopback, in the
 * worker: pieces of 16 MiB +323 MiB, of 64 MiB +82, of 128 MiB +42, one Blob of the file +10):
 * Chromium builds a Blob of a body in memory up to its `min_page_file_size`, 5 MiB, then on disk.
 */
export const pieceBytesAt = (bytesPerSecond: number, rest: number): number =>
  Math.min(
    LARGEST_PIECE_BYTES,
    Math.max(PROBE_BYTES, Math.ceil(rest / FEWEST_PIECES / MiB) * MiB),
    Math.floor((Math.max(bytesPerSecond, FAST_BYTES_PER_SECOND) * PIECE_SECONDS) / MiB) * MiB,
  );

/** An answer that is not a plain, exact 206 of the piece: the stream, with all its checks, takes over. */
export class NotAPiece extends Error {}

/**
 * Fetches bytes `from`–`to` of `record`'s file as one Blob the browser builds itself: they never pass
 * through the worker, and past its first 5 MiB Chromium keeps them on disk, not in memory (plain
 * `fetch → blob()` grows it by some 10 MiB for 1 GiB; the stream's own pieces by 70–100 MiB).
 * Only an exact 206 of the same file with its length is taken, so the Blob can hold nothing more.
 * @throws NotAPiece for any other answer, the status's DownloadError for an error status
 */
async function fetchPiece(record: DownloadRecord, from: number, to: number, signal: AbortSignal): Promise<Blob> {
  const response = await fetchRange(record.url, from, to, signal);
  // A 416 is the stream's to read (the file may have changed).
  if (response.status >= 400 && response.status !== 416) {
    await discard(response);
    throw errorForStatus(response.status);
  }
  try {
    if (response.status !== 206 || contentLengthOf(response) === null) throw new NotAPiece();
    if (versionChanged(record.validator, readValidator(response.headers)) === true) throw new NotAPiece();
    if (exactRange(response, from, to).total !== record.bytesTotal) throw new NotAPiece();
    assertAudio(contentTypeOf(response));
  } catch {
    await discard(response);
    throw new NotAPiece();
  }
  const blob = await response.blob();
  if (blob.size !== to - from + 1) throw networkError();
  return blob;
}

/**
 * Fetches the rest of `record`'s file (its size known) in pieces of `pieceBytes`, the next
 * asked for while the last is stored, as plain `fetch → blob() → put` does for the whole file.
 * Progress shows a piece at a time. A pause loses the pieces in flight.
 * @param onBytes called as each piece arrives (the network is alive)
 * @param onStored called with the record as stored after each piece (null: the download is gone),
 *   before the next piece is stored; what it throws ends the run
 * @param from the first byte asked (by default what `record` has stored)
 * @param stored the bytes before `from` being stored: no piece is stored before they are, so the
 *   byte counts written stay in order
 * @throws NotAPiece (what is stored stays; the stream goes on from there), or what fetching or
 *   storing threw, once the write in flight has settled
 */
export async function fetchPieces(
  record: DownloadRecord,
  store: Pick<DownloadSink, 'addSegment'>,
  {
    signal,
    onBytes,
    onStored,
    pieceBytes,
    from = record.bytesReceived,
    stored = Promise.resolve(),
  }: {
    signal: AbortSignal;
    onBytes: () => void;
    onStored: (stored: DownloadRecord | null) => void;
    pieceBytes: number;
    from?: number;
    stored?: Promise<void>;
  },
): Promise<void> {
  const total = record.bytesTotal;
  // Only a size stored bounds the pieces: without one, the stream asks on.
  if (total === null) throw new NotAPiece();
  // Ends the piece asked ahead when the run ends early.
  const ended = new AbortController();
  const asking = AbortSignal.any([signal, ended.signal]);
  const ask = (from: number): { from: number; blob: Promise<Blob> } => {
    const blob = fetchPiece(record, from, Math.min(from + pieceBytes, total) - 1, asking);
    // Awaited below, unless an earlier failure ends the run first.
    blob.catch(() => undefined);
    return { from, blob };
  };
  let writing: Promise<void> = stored;
  try {
    for (let next = ask(from); ;) {
      const blob = await next.blob;
      onBytes();
      const after = next.from + blob.size;
      const from = next.from;
      if (after < total) next = ask(after);
      await writing;
      writing = store.addSegment(record.trackId, from, blob).then(onStored);
      // Awaited before the next piece is stored, or in the end; meanwhile a failure is no stray rejection.
      writing.catch(() => undefined);
      if (after >= total) break;
    }
    await writing;
  } catch (error) {
    ended.abort();
    await writing.catch(() => undefined);
    throw error;
  }
}
