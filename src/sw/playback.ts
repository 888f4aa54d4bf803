/// <reference lib="webworker" />
import { OFFLINE_AUDIO_PATH } from '../shared/offline-urls.ts';
import { isAudioType } from './download/http.ts';
import type { DownloadStore } from './download/store.ts';
import { matchOpaque } from './download/opaque-engine.ts';
import { routeLocalMedia } from './local-media.ts';

/** Answers a media request from a stored Blob, honouring a single `Range` (seeking needs it). */
export function blobResponse(blob: Blob, rangeHeader: string | null): Response {
  const size = blob.size;
  const match = /^bytes=(\d*)-(\d*)$/.exec(rangeHeader?.trim() ?? '');
  // Only an audio type is ever served as such (a song stored before types were checked included).
  const type = isAudioType(blob.type) ? blob.type : 'application/octet-stream';
  const headers = { 'Content-Type': type, 'Accept-Ranges': 'bytes' };
  if (!match || (match[1] === '' && match[2] === '')) {
    return new Response(blob, { status: 200, headers: { ...headers, 'Content-Length': String(size) } });
  }
  const start = match[1] === '' ? Math.max(0, size - Number(match[2])) : Number(match[1]);
  const end = match[1] === '' || match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || end < start) {
    return new Response(null, { status: 416, headers: { ...headers, 'Content-Range': `bytes */${size}` } });
  }
  return new Response(blob.slice(start, end + 1), {
    status: 206,
    headers: {
      ...headers,
      'Content-Length': String(end - start + 1),
      'Content-Range': `bytes ${start}-${end}/${size}`,
    },
  });
}

/** Serves downloaded songs at `/offline-audio/<trackId>` from IndexedDB (or, for opaque downloads, Cache Storage). */
export function routeOfflineAudio(store: DownloadStore): void {
  routeLocalMedia(OFFLINE_AUDIO_PATH, ['audio', 'video'], async (trackId, request) => {
    const blob = await store.audio(trackId);
    if (blob) return blobResponse(blob, request.headers.get('Range'));
    const record = await store.get(trackId);
    const opaque =
      record?.status === 'completed' && record.engine === 'opaque' ? await matchOpaque(record.url) : undefined;
    return opaque ?? new Response('This song is not downloaded.', { status: 404 });
  });
}
