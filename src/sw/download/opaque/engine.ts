import type { DownloadRecord } from '../../../shared/downloads.ts';
import { STORED, type Engine } from '../engine.ts';
import { DownloadError, networkError } from '../http.ts';
import { outcomeOf } from '../outcome.ts';

/** Where downloads from hosts without CORS headers are kept, as the opaque responses they are. */
export const OPAQUE_AUDIO_CACHE = 'opaque-audio-v1';

/**
 * The key of a song's opaque answer: its track, never its URL, since two songs may share a preview
 * URL and deleting one must not take the other's file. A URL nothing ever fetches.
 */
const KEY_PREFIX = 'https://half-tunes.invalid/opaque-audio/';
const keyOf = (trackId: number): string => `${KEY_PREFIX}${trackId}`;

function trackIdOfKey(url: string): number | null {
  if (!url.startsWith(KEY_PREFIX)) return null;
  const trackId = Number(url.slice(KEY_PREFIX.length));
  return Number.isSafeInteger(trackId) ? trackId : null;
}

/**
 * How long one download of this engine may take, whole. Its bytes cannot be counted or capped (the
 * body is opaque, and Chromium's storage estimate does not grow while Cache Storage takes one: 1.8 GB
 * in 6 s, usage still 0, measured), so time is its only bound: an endless body or a stalled one
 * ends here instead of filling the disk under the other downloads. A preview of 1 MB needs 17 kB/s.
 */
export const OPAQUE_DEADLINE_MS = 60_000;

const tooSlow = (): DownloadError =>
  new DownloadError(
    {
      code: 'bad-answer',
      message: 'This preview host allows no progress or size, and the preview did not arrive in time.',
      reason: 'too-slow',
    },
    false,
  );

/**
 * Fetches an opaque answer, kept whole in Cache Storage under its song, in no longer than `deadlineMs`.
 */
function fetchOpaque(deadlineMs: number): Engine['run'] {
  return async (record, _sink, signal) => {
    const deadline = AbortSignal.timeout(deadlineMs);
    try {
      const response = await fetch(record.url, {
        mode: 'no-cors',
        credentials: 'omit',
        signal: AbortSignal.any([signal, deadline]),
        referrerPolicy: 'no-referrer',
      });
      await (await caches.open(OPAQUE_AUDIO_CACHE)).put(keyOf(record.trackId), response);
      return STORED;
    } catch (error) {
      if (!signal.aborted && deadline.aborted) return outcomeOf(tooSlow(), signal);
      return outcomeOf(!signal.aborted && error instanceof TypeError ? networkError() : error, signal);
    }
  };
}

/** Deletes a song's opaque answer, if it has one. */
async function deleteOpaque(trackId: number): Promise<void> {
  await (await caches.open(OPAQUE_AUDIO_CACHE)).delete(keyOf(trackId));
}

/** A song's opaque answer, as stored. */
export async function matchOpaque(trackId: number): Promise<Response | undefined> {
  return (await caches.open(OPAQUE_AUDIO_CACHE)).match(keyOf(trackId));
}

/**
 * Leaves in the cache only what a download of the opaque engine owns: an entry whose download is
 * gone (a worker stopped between removing the record and its entry) is deleted. Entries of releases
 * that kept them under the preview's URL are copied to each completed song of that URL first.
 * Runs before any download starts.
 */
async function sweepOpaque(records: readonly DownloadRecord[]): Promise<void> {
  const cache = await caches.open(OPAQUE_AUDIO_CACHE);
  const owners = new Set(records.filter((r) => r.engine === 'opaque').map((r) => r.trackId));
  for (const request of await cache.keys()) {
    const trackId = trackIdOfKey(request.url);
    if (trackId !== null) {
      if (!owners.has(trackId)) await cache.delete(request);
      continue;
    }
    const legacy = await cache.match(request);
    for (const record of records) {
      if (record.engine !== 'opaque' || record.status !== 'completed' || record.url !== request.url) continue;
      if (legacy && !(await cache.match(keyOf(record.trackId)))) await cache.put(keyOf(record.trackId), legacy.clone());
    }
    await cache.delete(request);
  }
}

/**
 * The last rung of the preview-host ladder: the host sends no CORS headers, so no byte can be read.
 * The response is kept whole in Cache Storage under its song and played through the worker: no
 * percentage, no resume (the row says so), and no longer than `deadlineMs`.
 */
export function opaqueEngineWithin(deadlineMs: number): Engine {
  return {
    name: 'opaque',
    run: fetchOpaque(deadlineMs),
    storesOutside: true,
    remove: deleteOpaque,
    sweep: sweepOpaque,
    read: async (record) => (record.status === 'completed' ? matchOpaque(record.trackId) : undefined),
  };
}

export const opaqueEngine = opaqueEngineWithin(OPAQUE_DEADLINE_MS);
