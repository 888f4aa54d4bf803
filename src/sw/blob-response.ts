import { parseRange } from '../shared/byte-range.ts';
import { isAudioType } from './download/http.ts';

/** Answers a media request from a stored Blob, honouring a single `Range` (seeking needs it). */
export function blobResponse(blob: Blob, rangeHeader: string | null): Response {
  const size = blob.size;
  const range = parseRange(rangeHeader ?? undefined, size);
  // Only an audio type is ever served as such (a song stored before types were checked included).
  const type = isAudioType(blob.type) ? blob.type : 'application/octet-stream';
  const headers = { 'Content-Type': type, 'Accept-Ranges': 'bytes' };
  if (range === undefined) {
    return new Response(blob, { status: 200, headers: { ...headers, 'Content-Length': String(size) } });
  }
  if (range === 'unsatisfiable') {
    return new Response(null, { status: 416, headers: { ...headers, 'Content-Range': `bytes */${size}` } });
  }
  const { start, end } = range;
  return new Response(blob.slice(start, end + 1), {
    status: 206,
    headers: {
      ...headers,
      'Content-Length': String(end - start + 1),
      'Content-Range': `bytes ${start}-${end}/${size}`,
    },
  });
}
