/// <reference lib="webworker" />
import { matchPrecache } from 'workbox-precaching';
import { artworkAtSize, type Track } from '../shared/catalog.ts';
import { OFFLINE_ARTWORK_PATH } from '../shared/offline-urls.ts';
import type { DownloadStore } from './download/store.ts';
import { PLACEHOLDER_ARTWORK } from './artwork.ts';
import { routeLocalMedia } from './local-media.ts';
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/gif']);
/** Artwork is at most a 512 px picture; anything bigger is not what the catalog promised. */
const MAX_ARTWORK_BYTES = 1024 * 1024;
/** Artwork never holds a download or the worker up for long. */
const ARTWORK_TIMEOUT_MS = 10_000;

/** The size artwork is kept at: sharp on a lock screen (Media Session artwork), not only in a row. */
export const KEPT_ARTWORK_PX = 512;

/** An image response's body, if it is one of the types and sizes artwork may be; else null. */
async function imageOf(response: Response | undefined): Promise<Blob | null> {
  const type = response?.headers.get('Content-Type')?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!response?.ok || !IMAGE_TYPES.has(type)) return null;
  const blob = await response.blob();
  return blob.size === 0 || blob.size > MAX_ARTWORK_BYTES ? null : new Blob([blob], { type });
}

const fetchImage = (url: string): Promise<Response> =>
  fetch(url, { mode: 'cors', credentials: 'omit', signal: AbortSignal.timeout(ARTWORK_TIMEOUT_MS) });

/** The artwork being kept, by song: the library waits for it rather than show the placeholder meanwhile. */
const keeping = new Map<number, Promise<void>>();

/**
 * Keeps a song's artwork in IndexedDB beside its audio: at `KEPT_ARTWORK_PX` where the catalog draws
 * that size, else the thumbnail search results showed (from the runtime cache, or the network).
 * Artwork that cannot be had leaves the placeholder; it never fails the download. One keep per song
 * at a time.
 */
export function keepArtwork(store: DownloadStore, track: Track): Promise<void> {
  const kept = keeping.get(track.id) ?? fetchAndKeep(store, track).finally(() => keeping.delete(track.id));
  keeping.set(track.id, kept);
  return kept;
}

async function fetchAndKeep(store: DownloadStore, track: Track): Promise<void> {
  const thumbnail = track.artworkUrl;
  // The library may have kept it already, when it showed the song before the queue drained.
  if (!thumbnail || (await store.artwork(track.id).catch(() => undefined))) return;
  const large = artworkAtSize(thumbnail, KEPT_ARTWORK_PX);
  try {
    const image =
      (large !== thumbnail ? await imageOf(await fetchImage(large).catch(() => undefined)) : null) ??
      (await imageOf((await caches.match(thumbnail)) ?? (await fetchImage(thumbnail))));
    if (image) await store.putArtwork(track.id, image);
  } catch {
    // Offline, a host without CORS, a full disk: the library shows the placeholder.
  }
}

/**
 * Serves a downloaded song's artwork at `/offline-artwork/<trackId>`, or the placeholder. Artwork
 * missing from storage is fetched and kept for next time.
 */
export function routeOfflineArtwork(store: DownloadStore): void {
  routeLocalMedia(OFFLINE_ARTWORK_PATH, ['image'], async (trackId, _request, event) => {
    // Kept once the song is whole: a library shown at that moment waits for it (never longer than
    // ARTWORK_TIMEOUT_MS per request).
    await keeping.get(trackId);
    const blob = await store.artwork(trackId).catch(() => undefined);
    if (blob) return new Response(blob, { headers: { 'Content-Type': blob.type, 'Cache-Control': 'no-store' } });
    // A song kept before artwork was (or while it could not be had): the placeholder now, and the
    // artwork kept in the background for next time, never making the library wait on the network.
    const record = await store.get(trackId).catch(() => undefined);
    if (record?.status === 'completed') event.waitUntil(keepArtwork(store, record.track));
    return (await matchPrecache(PLACEHOLDER_ARTWORK)) ?? new Response(null, { status: 404 });
  });
}
