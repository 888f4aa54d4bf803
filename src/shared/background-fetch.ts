/**
 * Background Fetch, as far as Half Tunes uses it (TypeScript's libraries do not declare it yet), and
 * the arithmetic of splitting a download into Range segments for it.
 */

export interface BackgroundFetchRecordLike {
  readonly request: Request;
  readonly responseReady: Promise<Response>;
}

export type BackgroundFetchFailureReason =
  '' | 'aborted' | 'bad-status' | 'fetch-error' | 'quota-exceeded' | 'download-total-exceeded';

export interface BackgroundFetchRegistrationLike extends EventTarget {
  readonly id: string;
  readonly downloadTotal: number;
  readonly downloaded: number;
  readonly result: '' | 'success' | 'failure';
  readonly failureReason: BackgroundFetchFailureReason;
  abort(): Promise<boolean>;
  matchAll(): Promise<BackgroundFetchRecordLike[]>;
}

export interface BackgroundFetchOptions {
  readonly title: string;
  readonly icons: readonly { src: string; sizes: string; type: string }[];
  readonly downloadTotal: number;
}

export interface BackgroundFetchManagerLike {
  fetch(id: string, requests: Request[], options: BackgroundFetchOptions): Promise<BackgroundFetchRegistrationLike>;
  get(id: string): Promise<BackgroundFetchRegistrationLike | undefined>;
  getIds(): Promise<string[]>;
}

/** The registration's Background Fetch manager, where the browser has one. */
export function backgroundFetchOf(registration: ServiceWorkerRegistration): BackgroundFetchManagerLike | null {
  return (registration as unknown as { backgroundFetch?: BackgroundFetchManagerLike }).backgroundFetch ?? null;
}

/** One Range request of a background fetch: bytes [start, end], both inclusive. */
export interface Segment {
  readonly start: number;
  readonly end: number;
}

const MIB = 1024 * 1024;
const SMALLEST_SEGMENT = 2 * MIB;
const LARGEST_SEGMENT = 32 * MIB;

/**
 * How long a segment takes on the link as the worker measured it. Chromium's download service leaves
 * 20–140 ms between two requests of a fetch (docs/benchmarks.md, "Probes behind the design"), so a
 * segment must be worth several of those; and a pause throws away the two in flight, so it must be
 * short. 0.15 s keeps segments at 2 MiB on links under 20 MiB/s (the bound below holds there), and
 * lets them grow on faster ones, where two of them are 0.3 s of the link.
 */
export const SEGMENT_SECONDS = 0.15;

/**
 * The segment size on a link of `bytesPerSecond` (null: not measured): what it brings in
 * `SEGMENT_SECONDS`, in whole MiB, from 2 MiB to 32 MiB.
 */
export function segmentBytesAt(bytesPerSecond: number | null): number {
  if (bytesPerSecond === null) return SMALLEST_SEGMENT;
  const bytes = Math.floor((bytesPerSecond * SEGMENT_SECONDS) / MIB) * MIB;
  return Math.min(LARGEST_SEGMENT, Math.max(SMALLEST_SEGMENT, bytes));
}

/**
 * Segment size for a file on a link of `bytesPerSecond`: `segmentBytesAt` its speed where it was
 * measured (a large file: two requests at a time keep the link busy). Where it was not, the whole file
 * in one request when it fits in two segments (a preview is about 1 MB, and every request costs a
 * round trip). Chromium runs two requests of a fetch at a time and a pause throws away what is in
 * flight: at most two segments either way.
 */
export function segmentBytes(total: number, bytesPerSecond: number | null = null): number {
  const segment = segmentBytesAt(bytesPerSecond);
  return bytesPerSecond === null && total <= 2 * segment ? Math.max(1, total) : segment;
}

/**
 * The most bytes a pause of a background fetch can throw away on a link under 20 MiB/s, or one not
 * measured (see `SEGMENT_SECONDS`); on a faster link, two segments of `segmentBytesAt` its speed.
 */
export const MAX_REFETCH_AFTER_PAUSE = 2 * SMALLEST_SEGMENT;

/**
 * The segments still missing from a file of `total` bytes, given the spans already stored (in any
 * order, possibly overlapping), each at most `segmentBytes(total, bytesPerSecond)` long.
 */
export function missingSegments(
  total: number,
  stored: readonly { start: number; size: number }[],
  bytesPerSecond: number | null = null,
): Segment[] {
  const size = segmentBytes(total, bytesPerSecond);
  const spans = [...stored].filter((span) => span.size > 0).sort((a, b) => a.start - b.start);
  const missing: Segment[] = [];
  let at = 0;
  const addGap = (from: number, to: number): void => {
    for (let start = from; start < to; start += size) missing.push({ start, end: Math.min(to, start + size) - 1 });
  };
  for (const span of spans) {
    if (span.start > at) addGap(at, Math.min(span.start, total));
    at = Math.max(at, span.start + span.size);
    if (at >= total) break;
  }
  if (at < total) addGap(at, total);
  return missing;
}

/**
 * Ids of the worker's background fetch for one download are `track:<trackId>:<n>`: one per attempt,
 * so a resume never collides with an ending abort. (A page's fetch for several is `lot:<n>`.)
 */
export function backgroundFetchId(trackId: number, attempt: number): string {
  return `track:${trackId}:${attempt}`;
}

/** Ids of a page's background fetch for several downloads at once. */
export function lotId(now: number): string {
  return `lot:${now}`;
}

/** A download as a lot needs it: where its preview is, and what of it is stored. */
export interface LotDownload {
  readonly trackId: number;
  readonly url: string;
  /** Bytes stored without a gap from the start. */
  readonly stored: number;
  readonly total: number | null;
}

/** One request of a lot: a Range segment, or the whole file where its size is not known yet. */
export interface LotRequest {
  readonly url: string;
  readonly segment: Segment | null;
}

/**
 * The requests of one background fetch for the rest of several downloads: the Range segments each
 * still needs, in the order given, and a request for the whole file of one whose size nobody knows
 * yet. A request two downloads share (the same preview URL, the same bytes) is asked once.
 * `downloadTotal` is what they add up to, or 0 when a size is unknown (a total the fetch exceeded would fail it).
 */
export function planLot(downloads: readonly LotDownload[]): { requests: LotRequest[]; downloadTotal: number } {
  const requests: LotRequest[] = [];
  const asked = new Set<string>();
  let downloadTotal = 0;
  let known = true;
  for (const { url, stored, total } of downloads) {
    const wanted: LotRequest[] =
      total === null
        ? [{ url, segment: null }]
        : missingSegments(total, [{ start: 0, size: stored }]).map((segment) => ({ url, segment }));
    for (const request of wanted) {
      const key = `${request.url} ${request.segment?.start ?? ''}-${request.segment?.end ?? ''}`;
      if (asked.has(key)) continue;
      asked.add(key);
      requests.push(request);
      if (request.segment) downloadTotal += request.segment.end - request.segment.start + 1;
      else known = false;
    }
  }
  return { requests, downloadTotal: known ? downloadTotal : 0 };
}
