/// <reference lib="webworker" />
import { matchPrecache } from 'workbox-precaching';
import type { Track } from '../shared/catalog.ts';
import { OFFLINE_ARTWORK_PATH } from '../shared/offline-urls.ts';
import type { DownloadStore } from './download/store.ts';
import { PLACEHOLDER_ARTWORK } from './artwork.ts';
import { routeLocalMedia } from './local-media.ts';
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/gif']);
/** Artwork is a thumbnail; anything bigger is not what the catalog promised. */
const MAX_ARTWORK_BYTES = 1024 * 1024;
/** Artwork never holds a download or the worker up for long. */
const ARTWORK_TIMEOUT_MS = 10_000;

/**
 * Keeps a song's artwork in IndexedDB beside its audio, from the runtime cache when search results
 * showed it, else from the network. Artwork that cannot be had leaves the placeholder; it never fails
 * the download.
 */
export async function keepArtwork(store: DownloadStore, track: Track): Promise<void> {
  if (!track.artworkUrl) return;
  try {
    const response =
      (await caches.match(track.artworkUrl)) ??
      (await fetch(track.artworkUrl, {
        mode: 'cors',
        credentials: 'omit',
        signal: AbortSignal.timeout(ARTWORK_TIMEOUT_MS),
      }));
    const type = response.headers.get('Content-Type')?.split(';')[0]?.trim().toLowerCase() ?? '';
    if (!response.ok || !IMAGE_TYPES.has(type)) return;
    const blob = await response.blob();
    if (blob.size === 0 || blob.size > MAX_ARTWORK_BYTES) return;
    await store.putArtwork(track.id, new Blob([blob], { type }));
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
    const blob = await store.artwork(trackId).catch(() => undefined);
    if (blob) return new Response(blob, { headers: { 'Content-Type': blob.type, 'Cache-Control': 'no-store' } });
    // A song kept before artwork was (or while it could not be had): the placeholder now, and the
    // artwork kept in the background for next time, never making the library wait on the network.
    const record = await store.get(trackId).catch(() => undefined);
    if (record?.status === 'completed') event.waitUntil(keepArtwork(store, record.track));
    return (await matchPrecache(PLACEHOLDER_ARTWORK)) ?? new Response(null, { status: 404 });
  });
}
