/// <reference lib="webworker" />
import { OFFLINE_AUDIO_PATH } from '../shared/offline-urls.ts';
import { blobResponse } from './blob-response.ts';
import type { DownloadStore } from './download/store.ts';
import { matchOpaque } from './download/opaque-engine.ts';
import { routeLocalMedia } from './local-media.ts';

/** Serves downloaded songs at `/offline-audio/<trackId>` from IndexedDB (or, for opaque downloads, Cache Storage). */
export function routeOfflineAudio(store: DownloadStore): void {
  routeLocalMedia(OFFLINE_AUDIO_PATH, ['audio', 'video'], async (trackId, request) => {
    const blob = await store.audio(trackId);
    if (blob) return blobResponse(blob, request.headers.get('Range'));
    const record = await store.get(trackId);
    const opaque =
      record?.status === 'completed' && record.engine === 'opaque' ? await matchOpaque(trackId) : undefined;
    return opaque ?? new Response('This song is not downloaded.', { status: 404 });
  });
}
