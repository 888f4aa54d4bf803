import type { Faults } from './faults.ts';
import { ifRangeHolds, parseBoundedRange, parseRange } from './range.ts';
import type { Resource } from './resources.ts';

/**
 * The most an endless resource sends in one answer: far more than any test reads, and still a bound
 * should a client never stop reading.
 */
export const ENDLESS_LIMIT = 2 * 1024 ** 3;

/** The request headers that decide which part of a resource to send. */
export interface RangeHeaders {
  range?: string | undefined;
  ifRange?: string | undefined;
}

/** What to answer for a resource, worked out from the request and the faults before anything is sent. */
export interface Answer {
  status: 200 | 206 | 416;
  contentRange?: string;
  /** The body is bytes `start` up to, not including, `end` of the resource repeated end to end. */
  start: number;
  end: number;
  /** Whether `Content-Length` may be sent: not for an endless body, nor for a 416 (which has none). */
  lengthKnown: boolean;
}

/** Decides status, `Content-Range` and body span for a GET or HEAD of `resource` under `faults`. */
export function planAnswer(request: RangeHeaders, faults: Faults, resource: Resource): Answer {
  return faults.endless ? planEndless(request, faults, resource) : planFinite(request, faults, resource);
}

function rangeAllowed(request: RangeHeaders, resource: Resource): boolean {
  return ifRangeHolds(request.ifRange, resource.etag, resource.lastModified);
}

function planFinite(request: RangeHeaders, faults: Faults, resource: Resource): Answer {
  const range = faults.ignoreRange ? undefined : parseRange(request.range, resource.size);
  const total = faults.claimTotal ?? resource.size;
  if (range === 'unsatisfiable') {
    return { status: 416, contentRange: `bytes */${total}`, start: 0, end: 0, lengthKnown: false };
  }
  if (!range || !rangeAllowed(request, resource)) {
    return { status: 200, start: 0, end: resource.size, lengthKnown: true };
  }
  const asked = faults.rangeEndIgnored ? resource.size : range.end + 1;
  const end = faults.answerBytes ? Math.min(asked, range.start + faults.answerBytes) : asked;
  return {
    status: 206,
    contentRange: `bytes ${range.start}-${end - 1}/${total}`,
    start: range.start,
    end: end + (faults.extraBytes ?? 0),
    lengthKnown: true,
  };
}

/** An endless resource has no size to be past, so it never answers 416 and its total is `*`. */
function planEndless(request: RangeHeaders, faults: Faults, resource: Resource): Answer {
  const range = faults.ignoreRange ? undefined : parseBoundedRange(request.range, faults.answerBytes);
  if (!range || !rangeAllowed(request, resource)) {
    return { status: 200, start: 0, end: ENDLESS_LIMIT, lengthKnown: false };
  }
  // A truthful, shorter 206 rather than a Content-Length the limit would break.
  const end = Math.min(range.end + 1, range.start + (faults.answerBytes ?? ENDLESS_LIMIT));
  return {
    status: 206,
    contentRange: `bytes ${range.start}-${end - 1}/${faults.claimTotal ?? '*'}`,
    start: range.start,
    end: end + (faults.extraBytes ?? 0),
    lengthKnown: true,
  };
}
