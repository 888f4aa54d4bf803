import type { ByteRange } from '../src/shared/byte-range.ts';

export { parseRange, type ByteRange } from '../src/shared/byte-range.ts';

/**
 * Reads a `Range` header for a resource without an end (the `endless` fault): `bytes=S-E` is that
 * span whatever S is. Everything else is `undefined`, to be answered with the whole (endless) body:
 * `bytes=S-` has no last byte to stop at, and a suffix `bytes=-N` none to count back from — unless
 * the host sends parts of `partBytes` (the `answerBytes` fault), when `bytes=S-` is the next part.
 */
export function parseBoundedRange(header: string | undefined, partBytes?: number): ByteRange | undefined {
  const match = /^bytes=(\d+)-(\d*)$/.exec(header?.trim() ?? '');
  if (!match || (match[2] === '' && !partBytes)) return undefined;
  const start = Number(match[1]);
  const end = match[2] === '' ? start + partBytes! - 1 : Number(match[2]);
  // Past 2^53 the digits no longer round-trip, so Content-Range could not echo them.
  if (!Number.isSafeInteger(end) || end < start) return undefined;
  return { start, end };
}

/**
 * Whether an `If-Range` precondition holds, so the Range may be honoured: a strong ETag that matches,
 * or an HTTP date equal to the resource's Last-Modified.
 */
export function ifRangeHolds(ifRange: string | undefined, etag: string, lastModified: Date): boolean {
  if (ifRange === undefined) return true;
  const value = ifRange.trim();
  if (value.startsWith('"')) return value === etag;
  if (value.startsWith('W/')) return false; // weak validators never satisfy If-Range
  const date = Date.parse(value);
  return !Number.isNaN(date) && Math.floor(date / 1000) === Math.floor(lastModified.getTime() / 1000);
}
