/// <reference lib="webworker" />
import { OFFLINE_AUDIO_PATH } from '../shared/offline-urls.ts';
import { fileResponse } from './file-response.ts';
import type { Engines } from './download/engines.ts';
import type { DownloadStore } from './download/store.ts';
import { routeLocalMedia } from './local-media.ts';

/**
 * Serves downloaded songs at `/offline-audio/<trackId>`: from IndexedDB with 206 ranges, or where
 * its engine keeps the file elsewhere (an opaque answer, in Cache Storage), as that engine reads it.
 */
export function routeOfflineAudio(store: DownloadStore, engines: Engines): void {
  routeLocalMedia(OFFLINE_AUDIO_PATH, ['audio', 'video'], async (trackId, request) => {
    const file = await store.audio(trackId);
    if (file) return fileResponse(file, request.headers.get('Range'));
    const record = await store.get(trackId);
    const kept = record ? await engines.of(record.engine).read?.(record) : undefined;
    return kept ?? new Response('This song is not downloaded.', { status: 404 });
  });
}
