import { parseRange } from '../shared/byte-range.ts';
import { isAudioType } from './download/http.ts';
import type { StoredFile } from './download/stored-file.ts';

/** Answers a media request from a stored file, honouring a single `Range` (seeking needs it). */
export function fileResponse(file: StoredFile, rangeHeader: string | null): Response {
  const { size } = file;
  const range = parseRange(rangeHeader ?? undefined, size);
  // Only an audio type is ever served as such (a song stored before types were checked included).
  const type = isAudioType(file.type) ? file.type : 'application/octet-stream';
  const headers = { 'Content-Type': type, 'Accept-Ranges': 'bytes' };
  if (range === undefined) {
    return new Response(file.body(0, size), {
      status: 200,
      headers: { ...headers, 'Content-Length': String(size) },
    });
  }
  if (range === 'unsatisfiable') {
    return new Response(null, { status: 416, headers: { ...headers, 'Content-Range': `bytes */${size}` } });
  }
  const { start, end } = range;
  return new Response(file.body(start, end + 1), {
    status: 206,
    headers: {
      ...headers,
      'Content-Length': String(end - start + 1),
      'Content-Range': `bytes ${start}-${end}/${size}`,
    },
  });
}
